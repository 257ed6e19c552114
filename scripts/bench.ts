import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { CommandSpec, hasGnuTime, runOnce } from './bench/measure';
import { DEFAULT_TARGETS, formatReport, formatVerdict, judge, Measurement, measurement, RunSample } from './bench/stats';
import { CommandError, runCommand } from './cli/errors';

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_RUNS = 5;
const DEFAULT_OUT = path.join('bench-results', 'bench.json');

interface Subject {
  readonly key: string;
  readonly label: string;
  /** Builds the command for one run; `outdir` is a fresh directory for synthesized output. */
  readonly spec: (outdir: string) => CommandSpec;
  /** Runs the app through scripts/app.js, which rebuilds a stale dist/ first. */
  readonly runsApp?: boolean;
}

// Before each timed run of the app, bring dist/ up to date untimed: on a shared checkout a
// source edited between runs would otherwise put a full compile into the measurement.
const BRING_BUILD_UP_TO_DATE: CommandSpec = {
  file: process.execPath,
  args: ['-e', "require('./scripts/build-freshness').ensureBuilt(require('path').resolve('dist/main.js'))"],
  cwd: ROOT,
};

const SUBJECTS: readonly Subject[] = [
  {
    key: 'floor',
    label: 'floor: node loading cdktf',
    spec: () => ({ file: process.execPath, args: ['-e', "require('cdktf')"], cwd: ROOT }),
  },
  {
    key: 'app',
    label: 'app command (all stacks)',
    spec: (outdir) => ({
      file: process.execPath,
      args: [path.join('scripts', 'app.js')],
      cwd: ROOT,
      env: { CDKTF_OUTDIR: outdir, WEB_STACK_ENVIRONMENTS: '' },
    }),
    runsApp: true,
  },
  {
    key: 'synth',
    label: 'npx cdktf synth',
    spec: (outdir) => ({ file: 'npx', args: ['cdktf', 'synth', '--output', outdir], cwd: ROOT, env: { CHECKPOINT_DISABLE: '1' } }),
    runsApp: true,
  },
  {
    key: 'unit',
    label: 'unit tests (npm run test:unit)',
    spec: () => ({ file: 'npm', args: ['run', '--silent', 'test:unit'], cwd: ROOT, env: { CHECKPOINT_DISABLE: '1' } }),
  },
];

const USAGE = `Usage: npm run bench -- [--runs N] [--only ${SUBJECTS.map((s) => s.key).join(',')}] [--out FILE]`;

function parse(argv: readonly string[]): { runs: number; subjects: Subject[]; out: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { runs: { type: 'string' }, only: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new CommandError(`${(error as Error).message}. ${USAGE}`);
  }
  if (values.help) throw new CommandError(USAGE);
  const runs = values.runs === undefined ? DEFAULT_RUNS : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new CommandError(`--runs "${values.runs}" is not a positive whole number; pass for example --runs 5. ${USAGE}`);
  }
  const keys = values.only === undefined ? SUBJECTS.map((s) => s.key) : values.only.split(',').map((key) => key.trim());
  const unknown = keys.filter((key) => !SUBJECTS.some((s) => s.key === key));
  if (unknown.length > 0) {
    throw new CommandError(
      `--only names unknown measurements (${unknown.join(', ')}); choose from ${SUBJECTS.map((s) => s.key).join(', ')}.`,
    );
  }
  // The floor is measured in every run: ratios are only meaningful against this machine's state now.
  const subjects = SUBJECTS.filter((s) => s.key === 'floor' || keys.includes(s.key));
  return { runs, subjects, out: values.out ?? DEFAULT_OUT };
}

async function timed(subject: Subject): Promise<RunSample> {
  if (subject.runsApp) await runOnce(BRING_BUILD_UP_TO_DATE);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${subject.key}-`));
  try {
    return await runOnce(subject.spec(outdir));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Measures the chosen commands in interleaved rounds, prints the table and verdict, writes JSON. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runCommand(async () => {
    const { runs, subjects, out } = parse(argv);
    const loadBefore = os.loadavg()[0];
    process.stdout.write(
      `Benchmarking ${subjects.map((s) => s.key).join(', ')}: ${runs} run(s) each after one warm-up, ` +
        `peak memory from ${hasGnuTime() ? '/usr/bin/time' : 'polling /proc (install GNU time for exact peaks)'}.\n`,
    );
    // The warm-up rebuilds a stale dist/ and fills the file cache, so no timed run pays for either.
    for (const subject of subjects.filter((s) => s.key !== 'unit')) await timed(subject);
    const samples = new Map<string, RunSample[]>(subjects.map((s) => [s.key, []]));
    for (let round = 1; round <= runs; round++) {
      // Interleaving the commands spreads any slowdown of the shared machine over all of them.
      for (const subject of subjects) {
        process.stdout.write(`  round ${round}/${runs}: ${subject.label}...`);
        const sample = await timed(subject);
        samples.get(subject.key)?.push(sample);
        process.stdout.write(` ${(sample.wallMs / 1000).toFixed(2)} s, ${sample.peakMb.toFixed(0)} MB\n`);
      }
    }
    const measurements: Measurement[] = subjects.map((s) =>
      measurement(s.key, s.label, [s.spec('<tmp>').file, ...s.spec('<tmp>').args].join(' '), samples.get(s.key) ?? []),
    );
    const floor = measurements.find((m) => m.key === 'floor') as Measurement;
    const app = measurements.find((m) => m.key === 'app');
    process.stdout.write(`\n${formatReport(measurements, floor)}\n\n`);
    const verdict = app ? judge(app, floor, DEFAULT_TARGETS) : undefined;
    if (verdict) process.stdout.write(`${formatVerdict(verdict, DEFAULT_TARGETS)}\n`);
    const load = { before: loadBefore, after: os.loadavg()[0] };
    if (Math.max(load.before, load.after) > os.cpus().length) {
      // Other processes stretch long runs more than short ones, so a busy machine inflates the ratios.
      process.stdout.write(
        `Note: the machine was busy (load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after, on ${os.cpus().length} CPUs).\n`,
      );
    }

    const file = path.resolve(ROOT, out);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryMb: Math.round(os.totalmem() / 1048576), node: process.version, platform: process.platform },
      loadAverage: load,
      runs,
      peakMemorySource: hasGnuTime() ? 'gnu-time' : 'proc-polling',
      targets: DEFAULT_TARGETS,
      measurements,
      verdict,
    };
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\nWrote ${path.relative(ROOT, file)}.\n`);
    return verdict && !verdict.pass ? 1 : 0;
  });
}

if (require.main === module) {
  main().then((code) => (process.exitCode = code));
}
