import * as fs from 'fs';
import { RunSample } from './stats';

// Whether other work competed with a measured command. The load average cannot tell: `npm test`
// keeps both cores busy with its own jest workers and Terraform, so the load after it is above
// the CPU count on an idle machine. Instead the machine's busy CPU time over the run (from
// /proc/stat) minus the CPU time of the command's own process tree (from GNU time) is the CPU
// time other processes took, and divided by the wall time, how many CPUs they kept busy.

/** Clock ticks per second of /proc/stat: USER_HZ, 100 on every Linux architecture Node supports. */
const USER_HZ = 100;

/** Busy CPU seconds of the whole machine since boot, all CPUs summed; undefined without /proc/stat. */
export function machineBusySeconds(statText?: string): number | undefined {
  let text = statText;
  if (text === undefined) {
    try {
      text = fs.readFileSync('/proc/stat', 'utf8');
    } catch {
      return undefined;
    }
  }
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  // user nice system idle iowait irq softirq steal ...: idle and iowait are not work.
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return [user, nice, system, irq, softirq, steal].reduce((sum, ticks) => sum + (ticks || 0), 0) / USER_HZ;
}

/**
 * CPUs kept busy by other processes during a run: the machine's busy seconds over the run less the
 * run's own CPU seconds, per second of wall time. Never below 0 (the counters tick coarsely).
 */
export function otherCpus(busyBefore: number, busyAfter: number, ownCpuSeconds: number, wallSeconds: number): number {
  if (wallSeconds <= 0) return 0;
  return Math.max(0, busyAfter - busyBefore - ownCpuSeconds) / wallSeconds;
}

/** Above this many CPUs of other work in a run, the bench says the machine was busy. */
export const BUSY_OTHER_CPUS = 0.5;

const STRETCHES = 'other work stretches long runs more than short ones, so ratios and times are worse than on a quiet machine.';

/**
 * The bench's note when the machine was busy, else undefined. From the other work measured in
 * each run when every run has it; otherwise (no GNU time, no /proc/stat) from the load average
 * sampled around the runs, which counts the commands' own processes too.
 */
export function busyNote(samples: readonly RunSample[], loads: readonly number[], cpus: number): string | undefined {
  const others = samples.map((sample) => sample.otherCpus);
  if (others.length > 0 && others.every((other) => other !== undefined)) {
    const worst = Math.max(...(others as number[]));
    return worst > BUSY_OTHER_CPUS
      ? `Note: the machine was busy: other processes kept up to ${worst.toFixed(1)} of ${cpus} CPUs busy during a run; ${STRETCHES} ` +
          'Re-run when nothing else runs.'
      : undefined;
  }
  const worst = Math.max(...loads);
  return worst > cpus
    ? `Note: the machine was busy (load average up to ${worst.toFixed(1)} on ${cpus} CPUs): ${STRETCHES} Re-run when the load is below the CPU count.`
    : undefined;
}
