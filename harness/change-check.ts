// The offline change check between two directories of synthesized stacks (cdktf.out layout):
// each base stack becomes a stand-in state (stand-in-state.ts), the current revision's stack is
// planned against it with the real provider and -refresh=false, so the provider itself says
// what updates in place and what it must replace, and the plans are classified (changes.ts),
// likely moves recognized (move-detection.ts) and reported (change-report.ts).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { classifyPlan, ResourceChange, riskyChanges } from './changes';
import { renderReport, StackReport, StackSide } from './change-report';
import { prepareChangeWorkspace } from './change-workspace';
import { startEc2StandIn } from './ec2-stand-in';
import { constructPath, markLikelyMoves, resourceBodies } from './move-detection';
import { initOffline, OfflineOptions, planAndShow } from './offline-plan';
import { stackContentKey } from './plan-cache';
import { TerraformPlan } from './plan-json';
import { planOnly, showPlan } from './plan-steps';
import { loadProviderSchemas } from './provider-schema';
import { fillRevisionReads } from './revision-reads';
import { buildStandInStates, reportBatchFailure } from './stand-in-batch';
import { buildStandInState, StandInState, standInContext, writeState } from './stand-in-state';
import { TerraformState } from './base-state';
import { deferred, inParallel, quiet, settle } from './promises';
import { batchRefusal } from './plan-batch';
import { ChangeCheckInputError, readStacks } from './change-input';

export { ChangeCheckInputError } from './change-input';

/** Exit code when a stateful resource would be replaced or destroyed without --allow-replace. */
export const RISKY_EXIT_CODE = 1;

export interface CheckChangesOptions extends OfflineOptions {
  /** The base: a directory of synthesized stacks (`stacks/<name>/cdk.tf.json`). */
  readonly baseDir: string;
  /** The current revision, synthesized the same way. */
  readonly currentDir: string;
  /**
   * The stacks to compare.
   *
   * @default - every stack of either side
   */
  readonly stacks?: readonly string[];
  /** Where each stack's plan (`<stack>/plan.json`) and changes.json are written. */
  readonly outDir: string;
  /**
   * Addresses whose stateful replacement or destroy is accepted.
   *
   * @default - none
   */
  readonly allowReplace?: readonly string[];
  /**
   * Stacks planned at once (each is independent).
   *
   * @default - one per core
   */
  readonly concurrency?: number;
  /** Progress, one short line per step of a stack. */
  readonly onStackStep?: (stack: string, step: string) => void;
}

export interface StackCheck extends StackReport {
  /** Plans against the stand-in state it took for the base to plan empty (0 for a new stack). */
  readonly passes: number;
}

export interface ChangeCheckResult {
  readonly changes: ResourceChange[];
  /** The stateful replacements and destroys not allowed by allowReplace. */
  readonly risky: ResourceChange[];
  readonly stacks: StackCheck[];
  readonly text: string;
  /** 0, or RISKY_EXIT_CODE when `risky` is not empty. */
  readonly exitCode: number;
  /** The EC2 actions the provider asked the loopback stand-in for (DescribeTags, or a refused one). */
  readonly ec2Actions: readonly string[];
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;

async function checkStack(
  stack: string,
  side: StackSide,
  stackDirs: { base?: string; current?: string },
  workRoot: string,
  options: CheckChangesOptions & {
    ec2Endpoint: string;
    /** The base's stand-in state when it was built in a batch with others; undefined when that failed. */
    standIn?: Promise<StandInState | undefined>;
    /** That batch's first state of the base, before its feedback passes; undefined when that failed. */
    firstState?: Promise<TerraformState | undefined>;
  },
): Promise<{ check: StackCheck; plan?: TerraformPlan }> {
  const onStep = (step: string) => options.onStackStep?.(stack, step);
  const offline = { providerMirror: options.providerMirror, onStep, ec2Endpoint: options.ec2Endpoint };
  const baseWork = path.join(workRoot, `${stack}-base`);
  const currentWork = path.join(workRoot, `${stack}-current`);
  let plan: TerraformPlan | undefined;
  let unchanged: TerraformPlan | undefined;
  let passes = 0;
  let guarded: readonly string[] = [];
  const baseStack = stackDirs.base ? readJson(path.join(stackDirs.base, 'cdk.tf.json')) : undefined;
  const currentStack = stackDirs.current ? readJson(path.join(stackDirs.current, 'cdk.tf.json')) : undefined;
  if (side === 'current-only') {
    guarded = prepareChangeWorkspace(stackDirs.current!, currentWork, options.ec2Endpoint).preventDestroy;
    const env = await initOffline(currentWork, offline);
    onStep('plan');
    plan = await planAndShow(currentWork, env);
  } else {
    fs.mkdirSync(baseWork, { recursive: true });
    const differs = side === 'both' && stackContentKey(stackDirs.base!) !== stackContentKey(stackDirs.current!);
    // The current revision is prepared, initialized and planned against the base's first state
    // while the base's feedback passes run (usually one, which changes nothing): that plan is the
    // answer when no pass changed the state, and is made again against the final state otherwise.
    let planCurrent: ((state: TerraformState) => Promise<TerraformPlan>) | undefined;
    if (differs) {
      fs.mkdirSync(currentWork, { recursive: true });
      guarded = prepareChangeWorkspace(stackDirs.current!, currentWork, options.ec2Endpoint).preventDestroy;
      const ready = quiet(initOffline(currentWork, offline));
      const baseContext = standInContext(baseStack!);
      const currentConfig = readJson(path.join(currentWork, 'cdk.tf.json'));
      planCurrent = async (state) => {
        const env = await ready;
        // What only the current revision reads of the base's resources gets a stand-in too.
        writeState(currentWork, fillRevisionReads(state, currentConfig, await loadProviderSchemas(currentWork, env), baseContext));
        onStep('plan against the base');
        return planAndShow(currentWork, env);
      };
    }
    const first = deferred<TerraformState | undefined>();
    void options.firstState?.then((state) => state && first.resolve(state));
    const built = (async () =>
      (await options.standIn) ??
      (await buildStandInState(stack, stackDirs.base!, baseWork, {
        ...offline,
        onFirstState: (state) => first.resolve(structuredClone(state)),
      })))();
    void built.then(
      () => first.resolve(undefined),
      () => first.resolve(undefined),
    );
    const early = planCurrent ? quiet(first.promise.then((state) => (state ? planCurrent!(state) : undefined))) : undefined;
    // A base that fails leaves the early plan to finish before the working copies go.
    const base = await built.catch(async (error: unknown) => {
      if (early) await settle(early);
      throw error;
    });
    passes = base.passes;
    if (side === 'base-only') {
      guarded = base.preventDestroy;
      const env = base.env ?? (await initOffline(baseWork, offline));
      onStep('plan -destroy');
      await planOnly(baseWork, env, ['-destroy']);
      plan = await showPlan(baseWork, env);
    } else if (!planCurrent) {
      // The same stack on both sides: its plan against the state is the builder's last pass,
      // which changed nothing. Planning it again, or showing it, would only repeat that: every
      // resource of the base is unchanged, and there is no plan.json.
      guarded = base.preventDestroy;
      unchanged = base.emptyPlan;
    } else {
      // Settled first either way: a plan made again uses the same working copy.
      const outcome = await settle(early!);
      if (base.passes <= 1 && 'error' in outcome) throw outcome.error;
      plan = base.passes <= 1 && 'value' in outcome && outcome.value ? outcome.value : await planCurrent(base.state);
    }
  }
  const classified = classifyPlan(stack, plan ?? noChange(unchanged!), { preventDestroy: guarded });
  const changes = markLikelyMoves(classified, baseStack, currentStack);
  const constructPaths = new Map<string, string>();
  for (const [address, body] of resourceBodies(currentStack)) {
    const where = constructPath(body);
    if (where) constructPaths.set(address, where);
  }
  return { check: { stack, side, changes, passes, constructPaths }, plan };
}

/** The resources of a plan from an empty state, each unchanged: a stack planned against its own state. */
function noChange(emptyPlan: TerraformPlan): Pick<TerraformPlan, 'resource_changes'> {
  return {
    resource_changes: (emptyPlan.resource_changes ?? []).map(({ address, mode, type, name, index }) => ({
      address,
      mode,
      type,
      name,
      ...(index !== undefined ? { index } : {}),
      change: { actions: ['no-op'] },
    })),
  };
}

/**
 * Compares two directories of synthesized stacks offline. Bad input (a base or current
 * directory that does not exist or holds no synthesized stacks, an unknown stack) throws
 * ChangeCheckInputError before anything is written.
 */
export async function checkChanges(options: CheckChangesOptions): Promise<ChangeCheckResult> {
  const base = readStacks(options.baseDir, 'base');
  const current = readStacks(options.currentDir, 'current');
  const known = [...new Set([...base.keys(), ...current.keys()])].sort();
  const unknown = (options.stacks ?? []).filter((stack) => !known.includes(stack));
  if (unknown.length > 0) {
    throw new ChangeCheckInputError(
      `No stack ${unknown.map((s) => `"${s}"`).join(', ')} on either side; the stacks are ${known.join(', ')}.`,
    );
  }
  const stacks = options.stacks ? [...options.stacks] : known;
  const allowReplace = options.allowReplace ?? [];
  fs.mkdirSync(options.outDir, { recursive: true });
  const workRoot = fs.mkdtempSync(path.join(options.outDir, '.change-check-'));
  const ec2 = await startEc2StandIn();
  const checks = new Map<string, StackCheck>();
  let batched: Promise<StandInState[] | undefined> | undefined;
  try {
    // The bases' stand-in states in one Terraform root (stand-in-batch.ts): most of a plan is
    // loading the provider's schema, which the stacks of one run share. Each stack's current
    // workspace is prepared and initialized while that root plans, and waits for its base's
    // state only where it needs it. When the batch fails, each stack builds its own state, so
    // an error names the stack as it would alone.
    const withState = stacks.filter((stack) => base.has(stack));
    const together = withState.filter((stack) => batchRefusal(readJson(path.join(base.get(stack)!, 'cdk.tf.json'))) === undefined);
    const standIns = new Map<string, Promise<StandInState | undefined>>();
    const firstStates = new Map(together.map((stack) => [stack, deferred<TerraformState | undefined>()]));
    if (together.length >= 2) {
      const onStep = (step: string) => together.forEach((stack) => options.onStackStep?.(stack, step));
      batched = buildStandInStates(
        together.map((stack) => ({
          stack,
          stackDir: base.get(stack)!,
          workDir: path.join(workRoot, `${stack}-base`),
        })),
        path.join(workRoot, 'state-batch'),
        {
          providerMirror: options.providerMirror,
          onStep,
          ec2Endpoint: ec2.endpoint,
          onFirstState: (state, stack) => firstStates.get(stack)!.resolve(structuredClone(state)),
        },
      )
        .catch((error: unknown) => {
          reportBatchFailure(together, error);
          return undefined;
        })
        .finally(() => firstStates.forEach((first) => first.resolve(undefined)));
      together.forEach((stack, index) =>
        standIns.set(
          stack,
          batched!.then((states) => states?.[index]),
        ),
      );
    }
    await inParallel(stacks, options.concurrency ?? os.availableParallelism(), async (stack) => {
      const side: StackSide = !base.has(stack) ? 'current-only' : !current.has(stack) ? 'base-only' : 'both';
      const { check, plan } = await checkStack(stack, side, { base: base.get(stack), current: current.get(stack) }, workRoot, {
        ...options,
        ec2Endpoint: ec2.endpoint,
        standIn: standIns.get(stack),
        firstState: standIns.has(stack) ? firstStates.get(stack)!.promise : undefined,
      });
      fs.mkdirSync(path.join(options.outDir, stack), { recursive: true });
      if (plan) fs.writeFileSync(path.join(options.outDir, stack, 'plan.json'), JSON.stringify(plan));
      checks.set(stack, check);
    });
  } finally {
    // A stack that failed while the batch planned leaves it running: let it finish before its
    // stand-ins and folders go.
    await batched;
    await ec2.close();
    fs.rmSync(workRoot, { recursive: true, force: true });
  }
  const ordered = stacks.map((stack) => checks.get(stack)!);
  const changes = ordered.flatMap((check) => [...check.changes]);
  const risky = riskyChanges(changes, allowReplace);
  const text = renderReport(ordered, allowReplace);
  const record = changes.map(({ address, type, actions, forcing, stateful, stack, moved, blockedByPreventDestroy }) => ({
    stack,
    address,
    type,
    actions,
    forcing,
    stateful,
    ...(moved ? { moved } : {}),
    ...(blockedByPreventDestroy ? { blockedByPreventDestroy } : {}),
  }));
  fs.writeFileSync(
    path.join(options.outDir, 'changes.json'),
    `${JSON.stringify({ risky: risky.map((c) => `${c.stack}:${c.address}`), changes: record }, null, 2)}\n`,
  );
  return { changes, risky, stacks: ordered, text, exitCode: risky.length > 0 ? RISKY_EXIT_CODE : 0, ec2Actions: [...ec2.actions] };
}
