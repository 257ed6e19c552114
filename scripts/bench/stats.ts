import { formatTable } from '../cli/table';

/** One timed run of a command. */
export interface RunSample {
  /** Wall-clock time from spawn to exit, in milliseconds. */
  readonly wallMs: number;
  /** Peak resident memory of the largest process in the command's tree, in megabytes. */
  readonly peakMb: number;
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

/** What the app command has to meet. */
export interface Targets {
  /** Median wall time of the app command at most this many times the floor's median. */
  readonly maxRatioToFloor: number;
  /** Peak memory of the app command (worst run) below this many megabytes. */
  readonly maxPeakMb: number;
}

export const DEFAULT_TARGETS: Targets = { maxRatioToFloor: 4, maxPeakMb: 200 };

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

/** The verdict on the app command. */
export interface Verdict {
  readonly ratio: number;
  readonly peakMb: number;
  readonly ratioOk: boolean;
  readonly peakOk: boolean;
  readonly pass: boolean;
}

/** Judges the app command: median time against the floor, worst peak memory against the limit. */
export function judge(app: Measurement, floor: Measurement, targets: Targets = DEFAULT_TARGETS): Verdict {
  const ratio = ratioToFloor(app, floor);
  const peakMb = app.peak.max;
  const ratioOk = ratio <= targets.maxRatioToFloor;
  const peakOk = peakMb < targets.maxPeakMb;
  return { ratio, peakMb, ratioOk, peakOk, pass: ratioOk && peakOk };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** The benchmark table: one row per measurement, times in seconds, ratio to the floor's median. */
export function formatReport(measurements: readonly Measurement[], floor: Measurement): string {
  const header = ['measurement', 'runs', 'median s', 'min s', 'max s', 'stdev s', 'x floor', 'peak MB'];
  const rows = measurements.map((m) => [
    m.label,
    String(m.wall.count),
    seconds(m.wall.median),
    seconds(m.wall.min),
    seconds(m.wall.max),
    seconds(m.wall.stdev),
    `${ratioToFloor(m, floor).toFixed(2)}x`,
    m.peak.max.toFixed(0),
  ]);
  return formatTable(header, rows);
}

/** One line per target with PASS or FAIL. */
export function formatVerdict(verdict: Verdict, targets: Targets = DEFAULT_TARGETS): string {
  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  return [
    `${mark(verdict.ratioOk)}  app command median is ${verdict.ratio.toFixed(2)}x the floor (target: at most ${targets.maxRatioToFloor}x)`,
    `${mark(verdict.peakOk)}  app command peak memory is ${verdict.peakMb.toFixed(0)} MB (target: under ${targets.maxPeakMb} MB)`,
  ].join('\n');
}
