import { formatTable } from '../cli/table';

/** One timed run of a command. */
export interface RunSample {
  /** Wall-clock time from spawn to exit, in milliseconds. */
  readonly wallMs: number;
  /** Peak resident memory of the largest process in the command's tree, in megabytes. */
  readonly peakMb: number;
  /** User plus system CPU seconds of the command's process tree (from GNU time). */
  readonly cpuS?: number;
  /** CPUs other processes kept busy during the run, on average (other-work.ts). */
  readonly otherCpus?: number;
}

/** Order statistics of a series of numbers. */
export interface Summary {
  readonly count: number;
  readonly min: number;
  readonly median: number;
  readonly mean: number;
  readonly max: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  readonly stdev: number;
}

/** A measured command with its runs and their summaries. */
export interface Measurement {
  readonly key: string;
  readonly label: string;
  readonly command: string;
  readonly runs: readonly RunSample[];
  readonly wall: Summary;
  readonly peak: Summary;
}

/** What a measured command has to meet; every field is optional. */
export interface Targets {
  /** Median wall time at most this many times its floor's median (measured in the same run). */
  readonly maxRatioToFloor?: number;
  /** Peak memory of the largest process (worst run) at most this many megabytes. */
  readonly maxPeakMb?: number;
  /** Median wall time at most this many seconds (for commands with no floor, such as the tests). */
  readonly maxWallS?: number;
}

/** Summarizes a non-empty series. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) {
    throw new Error('summarize needs at least one value');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  const variance = sorted.length > 1 ? sorted.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (sorted.length - 1) : 0;
  return { count: sorted.length, min: sorted[0], median, mean, max: sorted[sorted.length - 1], stdev: Math.sqrt(variance) };
}

/** Builds a measurement from its runs. */
export function measurement(key: string, label: string, command: string, runs: readonly RunSample[]): Measurement {
  return {
    key,
    label,
    command,
    runs,
    wall: summarize(runs.map((run) => run.wallMs)),
    peak: summarize(runs.map((run) => run.peakMb)),
  };
}

/** Median wall time of `subject` over the floor's median. */
export function ratioToFloor(subject: Measurement, floor: Measurement): number {
  return subject.wall.median / floor.wall.median;
}

/** One target of one measurement, met or not. */
export interface TargetCheck {
  readonly key: string;
  /** What was measured against what, such as "2.10x the floor (target: at most 2x)". */
  readonly text: string;
  readonly ok: boolean;
}

/** Checks a measurement against each of its targets; `floor` is needed for the ratio target. */
export function checkTargets(subject: Measurement, floor: Measurement | undefined, targets: Targets): TargetCheck[] {
  const checks: TargetCheck[] = [];
  if (targets.maxRatioToFloor !== undefined && floor) {
    const ratio = ratioToFloor(subject, floor);
    checks.push({
      key: subject.key,
      text: `${subject.label}: median ${ratio.toFixed(2)}x ${floor.label} (target: at most ${targets.maxRatioToFloor}x)`,
      ok: ratio <= targets.maxRatioToFloor,
    });
  }
  if (targets.maxPeakMb !== undefined) {
    checks.push({
      key: subject.key,
      text: `${subject.label}: peak memory ${subject.peak.max.toFixed(0)} MB (target: at most ${targets.maxPeakMb} MB)`,
      ok: subject.peak.max <= targets.maxPeakMb,
    });
  }
  if (targets.maxWallS !== undefined) {
    checks.push({
      key: subject.key,
      text: `${subject.label}: median ${seconds(subject.wall.median)} s (target: at most ${targets.maxWallS} s)`,
      ok: subject.wall.median / 1000 <= targets.maxWallS,
    });
  }
  return checks;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/**
 * The benchmark table: one row per measurement, times in seconds, and the ratio to the floor
 * each was measured against (`floors` maps a measurement's key to its floor's key).
 */
export function formatReport(measurements: readonly Measurement[], floors: Readonly<Record<string, string>> = {}): string {
  const header = ['measurement', 'runs', 'median s', 'min s', 'max s', 'stdev s', 'x floor', 'peak MB', 'CPU s'];
  const byKey = new Map(measurements.map((m) => [m.key, m]));
  const rows = measurements.map((m) => {
    const floor = floors[m.key] ? byKey.get(floors[m.key]) : undefined;
    return [
      m.label,
      String(m.wall.count),
      seconds(m.wall.median),
      seconds(m.wall.min),
      seconds(m.wall.max),
      seconds(m.wall.stdev),
      floor ? `${ratioToFloor(m, floor).toFixed(2)}x` : '-',
      m.peak.max.toFixed(0),
      medianCpu(m),
    ];
  });
  return formatTable(header, rows);
}

/** Median CPU seconds of the runs (user plus system, the whole process tree); '-' when not measured. */
function medianCpu(m: Measurement): string {
  const cpu = m.runs.map((run) => run.cpuS);
  return cpu.length > 0 && cpu.every((value) => value !== undefined) ? summarize(cpu as number[]).median.toFixed(1) : '-';
}

/** One line per target with PASS or FAIL. */
export function formatChecks(checks: readonly TargetCheck[]): string {
  return checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.text}`).join('\n');
}
