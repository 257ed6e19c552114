// `npm run bench`: times the app synth, the offline plan and the test suite, each next to the
// floor it is judged against, measured in the same interleaved rounds, and says whether each
// target is met and whether the machine was busy while it measured.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { CommandSpec, hasGnuTime, runOnce } from './bench/measure';
import { checkTargets, formatChecks, formatReport, Measurement, measurement, RunSample } from './bench/stats';
import { busyNote } from './bench/other-work';
import { BenchContext, chooseSubjects, PLAN_ENVIRONMENT, Subject, subjects } from './bench/subjects';
import { prepareTerraformFloor } from './bench/terraform-floor';
import { prepareChangedBase } from './bench/change-base';
import { CommandError, runCommand } from './cli/errors';

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_RUNS = 5;
const DEFAULT_OUT = path.join('bench-results', 'bench.json');
const SUBJECTS = subjects(ROOT);

// Before each timed run of the app, bring dist/ up to date untimed: on a shared checkout a
// source edited between runs would otherwise put a full compile into the measurement.
const BRING_BUILD_UP_TO_DATE: CommandSpec = {
  file: process.execPath,
  args: [
    '-e',
    "require('./scripts/build-freshness').ensureBuilt(require('path').resolve('dist/main.js')); require('./scripts/app-bundle').freshBundle()",
  ],
  cwd: ROOT,
};

const USAGE = `Usage: npm run bench -- [--runs N] [--only ${SUBJECTS.filter((s) => !s.key.endsWith('floor'))
  .map((s) => s.key)
  .join(',')}] [--out FILE]`;

function parse(argv: readonly string[]): { runs: number; chosen: Subject[]; out: string } {
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
  const keys = values.only?.split(',').map((key) => key.trim());
  const unknown = (keys ?? []).filter((key) => !SUBJECTS.some((s) => s.key === key));
  if (unknown.length > 0) {
    throw new CommandError(
      `--only names unknown measurements (${unknown.join(', ')}); choose from ${SUBJECTS.map((s) => s.key).join(', ')}.`,
    );
  }
  // A floor is measured whenever a subject judged against it is: ratios only mean something
  // against this machine's state now.
  return { runs, chosen: chooseSubjects(SUBJECTS, keys), out: values.out ?? DEFAULT_OUT };
}

async function timed(subject: Subject, context: BenchContext): Promise<RunSample> {
  if (subject.runsApp) await runOnce(BRING_BUILD_UP_TO_DATE);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${subject.key}-`));
  try {
    return await runOnce(subject.spec(outdir, context));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Measures the chosen commands in interleaved rounds, prints the table and verdicts, writes JSON. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runCommand(async () => {
    const { runs, chosen, out } = parse(argv);
    const loads = [os.loadavg()[0]];
    process.stdout.write(
      `Benchmarking ${chosen.map((s) => s.key).join(', ')}: up to ${runs} run(s) each, ` +
        `peak memory from ${hasGnuTime() ? '/usr/bin/time' : 'polling /proc (install GNU time for exact peaks)'}; load average ${loads[0].toFixed(1)}.\n`,
    );
    const floor = chosen.some((s) => s.key === 'terraform-floor') ? prepareTerraformFloor(PLAN_ENVIRONMENT, ROOT) : undefined;
    const context: BenchContext = {
      ...(floor ? { terraformFloor: floor.command } : {}),
      ...(chosen.some((s) => s.key.startsWith('test')) ? { planStore: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-plan-store-')) } : {}),
      ...(chosen.some((s) => s.key === 'change-edit') ? { changedBase: prepareChangedBase(PLAN_ENVIRONMENT) } : {}),
    };
    try {
      return await measureAll(chosen, runs, out, context, loads);
    } finally {
      // The bench leaves nothing in the temporary folder: the plan store and the floor's workspaces go.
      for (const dir of [context.planStore, context.changedBase, floor?.workDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** The warm-up, the interleaved rounds, the table and verdicts, and the JSON file. */
async function measureAll(chosen: readonly Subject[], runs: number, out: string, context: BenchContext, loads: number[]): Promise<number> {
  // The warm-up rebuilds a stale dist/ and fills the file cache, so no timed run pays for either.
  for (const subject of chosen.filter((s) => !s.noWarmUp)) await timed(subject, context);
  const samples = new Map<string, RunSample[]>(chosen.map((s) => [s.key, []]));
  for (let round = 1; round <= runs; round++) {
    // Interleaving the commands spreads any slowdown of the shared machine over all of them.
    for (const subject of chosen.filter((s) => round <= (s.maxRuns ?? runs))) {
      process.stdout.write(`  round ${round}/${runs}: ${subject.label}...`);
      const sample = await timed(subject, context);
      samples.get(subject.key)?.push(sample);
      loads.push(os.loadavg()[0]);
      const cpu = sample.cpuS === undefined ? '' : `, ${sample.cpuS.toFixed(1)} CPU-s`;
      const other = sample.otherCpus === undefined ? '' : `, other work ${sample.otherCpus.toFixed(2)} CPUs`;
      process.stdout.write(
        ` ${(sample.wallMs / 1000).toFixed(2)} s${cpu}, ${sample.peakMb.toFixed(0)} MB (load ${loads.at(-1)!.toFixed(1)}${other})\n`,
      );
    }
  }
  const measurements: Measurement[] = chosen.map((s) => {
    const spec = s.key === 'terraform-floor' ? { file: 'terraform', args: ['init', '+ plan', '+ show -json'] } : s.spec('<tmp>', context);
    return measurement(s.key, s.label, [spec.file, ...spec.args].join(' '), samples.get(s.key) ?? []);
  });
  const byKey = new Map(measurements.map((m) => [m.key, m]));
  const floors = Object.fromEntries(chosen.filter((s) => s.floor).map((s) => [s.key, s.floor as string]));
  const checks = chosen.flatMap((s) =>
    s.targets ? checkTargets(byKey.get(s.key)!, s.floor ? byKey.get(s.floor) : undefined, s.targets) : [],
  );
  process.stdout.write(`\n${formatReport(measurements, floors)}\n\n${formatChecks(checks)}\n`);
  const allSamples = [...samples.values()].flat();
  const busy = busyNote(allSamples, loads, os.cpus().length);
  if (busy) process.stdout.write(`${busy}\n`);

  const file = path.resolve(ROOT, out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryMb: Math.round(os.totalmem() / 1048576), node: process.version, platform: process.platform },
    loadAverage: { before: loads[0], max: Math.max(...loads), after: loads.at(-1) },
    // CPUs other processes kept busy, worst run (other-work.ts); absent without GNU time.
    otherWorkCpus: allSamples.every((sample) => sample.otherCpus !== undefined)
      ? Math.max(0, ...allSamples.map((sample) => sample.otherCpus as number))
      : undefined,
    busy: busy !== undefined,
    runs,
    peakMemorySource: hasGnuTime() ? 'gnu-time' : 'proc-polling',
    floors,
    measurements,
    checks,
  };
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\nWrote ${path.relative(ROOT, file)}.\n`);
  return checks.every((c) => c.ok) ? 0 : 1;
}

if (require.main === module) {
  main().then((code) => (process.exitCode = code));
}
