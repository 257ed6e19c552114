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

function namespaceOf(pid: number | string, kind: 'net' | 'mnt'): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return undefined;
  }
}

/**
 * A private network and mount namespace (`unshare -m -n`) held open by one idle process. Only
 * loopback exists inside; every server of the boot test runs in here, and `destroy` kills every
 * process in it, whoever started it.
 */
export class BootNamespace {
  private constructor(
    private readonly holder: ChildProcess,
    public readonly pid: number,
    public readonly netNamespace: string,
  ) {}

  static async create(): Promise<BootNamespace> {
    const holder = spawn('unshare', ['--mount', '--net', '--propagation', 'private', 'sleep', 'infinity'], { stdio: 'ignore' });
    const pid = holder.pid;
    if (pid === undefined) {
      throw new Error('unshare did not start');
    }
    const outside = namespaceOf(process.pid, 'net');
    await waitFor('the namespace holder', () => {
      const inside = namespaceOf(pid, 'net');
      return inside !== undefined && inside !== outside && namespaceOf(pid, 'mnt') !== namespaceOf(process.pid, 'mnt');
    });
    const namespace = new BootNamespace(holder, pid, namespaceOf(pid, 'net')!);
    // The instance metadata address, as on EC2; everything else uses 127.0.0.0/8.
    await namespace.runOk(['ip', 'link', 'set', 'lo', 'up']);
    await namespace.runOk(['ip', 'addr', 'add', '169.254.169.254/32', 'dev', 'lo']);
    return namespace;
  }

  /** `nsenter` arguments that run `command` inside the namespace. */
  enter(command: readonly string[]): string[] {
    return ['--target', String(this.pid), '--net', '--mount', '--', ...command];
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

  /** Process IDs whose network namespace is this one. */
  processes(): number[] {
    return fs
      .readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => namespaceOf(pid, 'net') === this.netNamespace)
      .map(Number);
  }

  /** Kills every process in the namespace and waits until none is left. */
  async destroy(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      for (const pid of this.processes()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      try {
        await waitFor('the namespace to empty', () => this.processes().length === 0, 5000);
        break;
      } catch (error) {
        if (round === 2) {
          throw error;
        }
      }
    }
    this.holder.unref();
  }
}
