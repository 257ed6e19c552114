import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandError } from '../cli/errors';
import { machineBusySeconds, otherCpus } from './other-work';
import { RunSample } from './stats';

/** A command to time. */
export interface CommandSpec {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 25;
const KEEP_OUTPUT = 4000;

/** True when GNU time is installed: it reports the peak of every process in the tree exactly. */
export function hasGnuTime(): boolean {
  return fs.existsSync(GNU_TIME);
}

/** `pid` and all its descendants, from /proc. */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses; fields after its last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** The largest VmHWM (peak resident set) in kilobytes among the tree's live processes. */
function treePeakKb(rootPid: number): number {
  let peak = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peak = Math.max(peak, Number(match[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return peak;
}

/**
 * Runs the command once and returns its wall time and the peak resident memory of the largest
 * process in its tree: from GNU time's %M when installed, otherwise by polling VmHWM in /proc
 * (which can miss a process that lives less than the polling interval). With GNU time, also the
 * tree's CPU time and how many CPUs other processes kept busy meanwhile (other-work.ts).
 */
export function runOnce(spec: CommandSpec): Promise<RunSample> {
  const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`);
  const useTime = hasGnuTime();
  // Peak resident kilobytes, then user and system CPU seconds of the whole tree.
  const [file, args] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, spec.file, ...spec.args]] : [spec.file, [...spec.args]];
  return new Promise((resolve, reject) => {
    const busyBefore = machineBusySeconds();
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-KEEP_OUTPUT);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let polledKb = 0;
    const poller = useTime ? undefined : setInterval(() => (polledKb = Math.max(polledKb, treePeakKb(child.pid as number))), POLL_MS);
    child.on('error', (error) => {
      if (poller) clearInterval(poller);
      reject(new CommandError(`Could not start ${spec.file}: ${error.message}.`));
    });
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (poller) clearInterval(poller);
      const busyAfter = machineBusySeconds();
      let peakKb = polledKb;
      let cpuS: number | undefined;
      if (useTime) {
        // The last line: GNU time writes a note about a non-zero exit status before it.
        const [peak, user, system] = (fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
        peakKb = peak;
        cpuS = user + system;
        fs.rmSync(timeFile, { force: true });
      }
      if (code !== 0) {
        const command = [spec.file, ...spec.args].join(' ');
        reject(
          new CommandError(`\`${command}\` exited with status ${code}; fix it before benchmarking. Its last output:\n${output.trim()}`),
        );
        return;
      }
      const other =
        cpuS !== undefined && busyBefore !== undefined && busyAfter !== undefined
          ? { cpuS, otherCpus: otherCpus(busyBefore, busyAfter, cpuS, wallMs / 1000) }
          : {};
      resolve({ wallMs, peakMb: peakKb / 1024, ...other });
    });
  });
}
