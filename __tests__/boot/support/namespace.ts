import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import { run, runOk, CommandResult } from './processes';

/** Waits until `check` holds, or fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function namespaceOf(pid: number | string, kind: 'net' | 'mnt' | 'pid'): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return undefined;
  }
}

/** The process IDs whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // "pid (comm) state ppid ...": the command name may hold spaces, so read after its ")".
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

// The namespace's init must reap the orphans it inherits (daemons such as Apache fork and exit),
// or a stopped server stays a zombie that `kill -0` still finds.
const REAPER = 'while (1) { waitpid(-1, 0) > 0 or sleep 1 }';

/** Whether the boot test runs without root: then it maps subordinate ids into a user namespace. */
export const ROOTLESS = process.getuid?.() !== 0;

/** `nsenter` options that join a process's namespaces: with `--user` when there is one of ours. */
export const JOIN = ROOTLESS ? ['--user', '--mount', '--net', '--pid'] : ['--mount', '--net', '--pid'];

/**
 * Private mount, network and PID namespaces (`unshare -m -n -p`), held open by one idle process
 * that is the namespace's init. Only loopback exists inside; every server of the boot test runs
 * in here, and `destroy` ends the init, which makes the kernel kill every process inside, whoever
 * started it and whatever user it runs as. Without root, a user namespace comes first, with this
 * user as its root and the user's subordinate ids (/etc/subuid) mapped after it (`--map-auto`), so
 * the boot can create the apache user and chown to it as on an instance.
 */
export class BootNamespace {
  private constructor(
    private readonly holder: ChildProcess,
    public readonly pid: number,
    public readonly netNamespace: string,
  ) {}

  static async create(): Promise<BootNamespace> {
    const user = ROOTLESS ? ['--user', '--map-auto', '--map-root-user'] : [];
    const holder = spawn(
      'unshare',
      [...user, '--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'private', 'perl', '-e', REAPER],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let errors = '';
    holder.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    if (holder.pid === undefined) {
      throw new Error('unshare did not start');
    }
    const outside = namespaceOf(process.pid, 'pid');
    // The namespace's init is unshare's child, the reaper; nsenter joins through it.
    let init: number | undefined;
    await waitFor('the namespace holder', () => {
      if (holder.exitCode !== null) {
        throw new Error(`unshare ${user.join(' ')} -m -n -p exited with ${holder.exitCode}: ${errors.trim()}`);
      }
      init = childrenOf(holder.pid!).find((pid) => namespaceOf(pid, 'pid') !== undefined && namespaceOf(pid, 'pid') !== outside);
      return init !== undefined;
    });
    const namespace = new BootNamespace(holder, init!, namespaceOf(init!, 'net')!);
    // The instance metadata address, as on EC2; everything else uses 127.0.0.0/8.
    await namespace.runOk(['ip', 'link', 'set', 'lo', 'up']);
    await namespace.runOk(['ip', 'addr', 'add', '169.254.169.254/32', 'dev', 'lo']);
    return namespace;
  }

  /** `nsenter` arguments that run `command` inside the namespace, as its root. */
  enter(command: readonly string[]): string[] {
    return ['--target', String(this.pid), ...JOIN, '--', ...command];
  }

  run(command: readonly string[], options: { input?: string } = {}): Promise<CommandResult> {
    return run('nsenter', this.enter(command), options);
  }

  runOk(command: readonly string[], options: { input?: string } = {}): Promise<string> {
    return runOk('nsenter', this.enter(command), options);
  }

  /** Starts a long-running server inside; `destroy` stops it. */
  spawn(command: readonly string[]): ChildProcess {
    return spawn('nsenter', this.enter(command), { stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Process IDs this user can see in the namespace (those of mapped subordinate ids it cannot). */
  processes(): number[] {
    return fs
      .readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => namespaceOf(pid, 'net') === this.netNamespace)
      .map(Number);
  }

  /** Ends the namespace's init, so the kernel kills every process inside, and waits until it is gone. */
  async destroy(): Promise<void> {
    this.holder.kill('SIGKILL');
    try {
      process.kill(this.pid, 'SIGKILL');
    } catch {
      // Already gone with unshare (--kill-child).
    }
    await waitFor('the namespace to end', () => this.processes().length === 0, 10000);
  }
}
