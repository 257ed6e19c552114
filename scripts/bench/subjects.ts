// What `npm run bench` measures. Each subject with a ratio target names the floor it is measured
// against; the floor runs in the same rounds, so a busy machine slows both.
import * as path from 'path';
import { CommandSpec } from './measure';
import { Targets } from './stats';

export interface Subject {
  readonly key: string;
  readonly label: string;
  /** Builds the command for one run; `outdir` is a fresh directory for synthesized output. */
  readonly spec: (outdir: string, context: BenchContext) => CommandSpec;
  /** Runs the app through scripts/app.js, which rebuilds a stale dist/ first. */
  readonly runsApp?: boolean;
  /** Key of the floor this subject's ratio is taken against. */
  readonly floor?: string;
  readonly targets?: Targets;
  /** At most this many timed runs, whatever --runs says (the slow subjects). */
  readonly maxRuns?: number;
  /** Skip the untimed warm-up run (subjects that take minutes). */
  readonly noWarmUp?: boolean;
}

/** Commands prepared once before the rounds (the terraform floor's workspaces). */
export interface BenchContext {
  readonly terraformFloor?: CommandSpec;
  /** An empty plan store for the test rows (harness/plan-store.ts), so the bench starts without stored plans. */
  readonly planStore?: string;
  /** The synthesized base of the change-edit row (change-base.ts). */
  readonly changedBase?: string;
}

/**
 * `npm run plan -- <env> --offline [extra] --outdir <outdir>`, as a user types it. Outside the
 * tests there is no plan cache; make sure none leaks in from the caller.
 */
function planRun(root: string, outdir: string, extra: readonly string[] = []): CommandSpec {
  return {
    file: 'npm',
    args: ['run', '--silent', 'plan', '--', PLAN_ENVIRONMENT, '--offline', ...extra, '--outdir', outdir],
    cwd: root,
    env: { CHECKPOINT_DISABLE: '1', WEB_STACK_PLAN_CACHE: '' },
  };
}

function testRun(root: string, context: BenchContext): CommandSpec {
  if (!context.planStore) throw new Error('the plan store of the test rows was not prepared');
  return { file: 'npm', args: ['test', '--silent'], cwd: root, env: { CHECKPOINT_DISABLE: '1', WEB_STACK_PLAN_STORE: context.planStore } };
}

/** The environment the offline-plan rows plan. */
export const PLAN_ENVIRONMENT = 'dev';

/**
 * The base revision of the change-check row. `HEAD` exists in every clone, a shallow one (CI)
 * included, and its lockfile is the checkout's own, so the base links the current dependencies
 * and never installs; a pinned older commit could be missing from a shallow clone or need its
 * own `npm ci`. Its synthesis is cached by commit, so only the untimed warm-up synthesizes it.
 */
export const CHANGE_BASE = 'HEAD';

export function subjects(root: string): readonly Subject[] {
  return [
    {
      key: 'node-floor',
      label: 'floor: node loading cdktf',
      spec: () => ({ file: process.execPath, args: ['-e', "require('cdktf')"], cwd: root }),
    },
    {
      key: 'app',
      label: 'app command (all stacks)',
      spec: (outdir) => ({
        file: process.execPath,
        args: [path.join('scripts', 'app.js')],
        cwd: root,
        env: { CDKTF_OUTDIR: outdir, WEB_STACK_ENVIRONMENTS: '' },
      }),
      runsApp: true,
      floor: 'node-floor',
      targets: { maxRatioToFloor: 2.5, maxPeakMb: 150 },
    },
    {
      key: 'synth',
      label: 'npx cdktf synth',
      spec: (outdir) => ({ file: 'npx', args: ['cdktf', 'synth', '--output', outdir], cwd: root, env: { CHECKPOINT_DISABLE: '1' } }),
      runsApp: true,
      floor: 'node-floor',
    },
    {
      key: 'terraform-floor',
      label: `floor: bare terraform init+plan+show of ${PLAN_ENVIRONMENT}'s stacks`,
      spec: (_outdir, context) => {
        if (!context.terraformFloor) throw new Error('the terraform floor was not prepared');
        return context.terraformFloor;
      },
      maxRuns: 3,
      noWarmUp: true,
    },
    {
      key: 'plan',
      label: `npm run plan -- ${PLAN_ENVIRONMENT} --offline`,
      spec: (outdir) => planRun(root, outdir),
      runsApp: true,
      floor: 'terraform-floor',
      targets: { maxRatioToFloor: 1.3 },
      maxRuns: 3,
      noWarmUp: true,
    },
    // The change check as a user's second run has it: the base synthesized and its dependencies
    // linked by the warm-up (scripts/change/base-revision.ts caches both), so a timed run builds
    // the base's state, plans against it and classifies the changes.
    {
      key: 'change',
      label: `npm run plan -- ${PLAN_ENVIRONMENT} --offline --base ${CHANGE_BASE}`,
      spec: (outdir) => planRun(root, outdir, ['--base', CHANGE_BASE]),
      runsApp: true,
      floor: 'plan',
      targets: { maxRatioToFloor: 3 },
      maxRuns: 3,
    },
    // The same check with a change to plan: the base is this checkout's environment with the web
    // servers' instance type changed (change-base.ts), so the current revision's plan against
    // the base's state is timed too, as in a pull request.
    {
      key: 'change-edit',
      label: `npm run plan -- ${PLAN_ENVIRONMENT} --offline --base <${PLAN_ENVIRONMENT}, instance type changed>`,
      spec: (outdir, context) => {
        if (!context.changedBase) throw new Error('the changed base was not prepared');
        return planRun(root, outdir, ['--base', context.changedBase]);
      },
      runsApp: true,
      floor: 'plan',
      targets: { maxRatioToFloor: 3 },
      maxRuns: 3,
    },
    // Two runs of the suite on one plan store that starts empty. The first plans every stack, as
    // a fresh clone or a change to a construct every stack uses does: the target is judged on it.
    // The second is a re-run that reads the plans of stacks whose content did not change (a change
    // to tests, docs or one stack), shown for reference.
    {
      key: 'test',
      label: 'npm test, planning every stack',
      spec: (_outdir, context) => testRun(root, context),
      targets: { maxWallS: 150 },
      maxRuns: 1,
      noWarmUp: true,
    },
    {
      key: 'test-rerun',
      label: 'npm test, re-run with stored plans',
      spec: (_outdir, context) => testRun(root, context),
      floor: 'test',
      maxRuns: 1,
      noWarmUp: true,
    },
  ];
}

/** The subjects chosen by `--only` keys, with the floors they need, in table order. */
export function chooseSubjects(all: readonly Subject[], keys: readonly string[] | undefined): Subject[] {
  if (keys === undefined) return [...all];
  const needed = new Set<string>();
  for (const key of keys) {
    needed.add(key);
    const floor = all.find((s) => s.key === key)?.floor;
    if (floor) needed.add(floor);
  }
  return all.filter((s) => needed.has(s.key));
}
