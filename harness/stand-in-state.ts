// Builds the stand-in state of one base stack: its offline plan from an empty state, with its
// references given stand-ins first (reference-stand-ins.ts), a first state from that plan
// (base-state.ts), then feedback passes (state-feedback.ts) until a plan against the state
// changes nothing (usually the first). The result is the state the current revision is planned
// against.
import * as fs from 'fs';
import * as path from 'path';
import { buildBaseState, TerraformState } from './base-state';
import { prepareChangeWorkspace } from './change-workspace';
import { initOffline, OfflineOptions, planAndShow } from './offline-plan';
import { TerraformPlan } from './plan-json';
import { planOnly, showPlan } from './plan-steps';
import { loadProviderSchemas } from './provider-schema';
import { planWithPresets } from './reference-stand-ins';
import { changedAddresses, feedPlanIntoState } from './state-feedback';
import { STAND_IN_ACCOUNT, StandInContext } from './state-stand-ins';

/** Feedback passes before the builder gives up on a stack whose plan keeps changing. */
export const DEFAULT_MAX_PASSES = 6;

export interface StandInStateOptions extends OfflineOptions {
  /** The loopback EC2 stand-in's endpoint (ec2-stand-in.ts). */
  readonly ec2Endpoint?: string;
  /**
   * Plans against the state before giving up.
   *
   * @default DEFAULT_MAX_PASSES
   */
  readonly maxPasses?: number;
  /**
   * Called with each base's first state, built from its plan, before the feedback passes run: a
   * caller may plan against it at once (usually no pass changes it: reference-stand-ins.ts), and
   * use that plan when `passes` comes back 1 or less.
   *
   * @default - nothing is called
   */
  readonly onFirstState?: (state: TerraformState, stack: string) => void;
}

export interface StandInState {
  /** The initialized working copy of the base stack, holding the state as terraform.tfstate. */
  readonly workDir: string;
  /** The working copy's Terraform environment; undefined when it is not initialized (built in a batch: stand-in-batch.ts). */
  readonly env: NodeJS.ProcessEnv | undefined;
  readonly state: TerraformState;
  /** The base stack's plan from an empty state (with its references preset: every resource a create). */
  readonly emptyPlan: TerraformPlan;
  /** Plans against the state it took to reach an empty plan. */
  readonly passes: number;
  /** Resources of the base configured with `prevent_destroy`. */
  readonly preventDestroy: readonly string[];
}

/** The stack's region and account for stand-in ARNs: its default AWS provider's, when it names them. */
export function standInContext(stack: Record<string, any>): StandInContext {
  const configs = (stack.provider?.aws ?? []) as { alias?: string; region?: string; allowed_account_ids?: string[] }[];
  const main = configs.find((config) => !config.alias) ?? configs[0] ?? {};
  const region = typeof main.region === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(main.region) ? main.region : 'us-east-1';
  const account = main.allowed_account_ids?.find((id) => /^\d{12}$/.test(id)) ?? STAND_IN_ACCOUNT;
  return { region, account };
}

/** The attributes that still differ between state and plan, for the error naming them. */
export function describeChange(plan: TerraformPlan, address: string): string {
  const change = plan.resource_changes?.find((candidate) => candidate.address === address);
  if (!change) return address;
  const before = change.change.before ?? {};
  const after = change.change.after ?? {};
  const unknown = (change.change.after_unknown ?? {}) as Record<string, unknown>;
  const differing = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => unknown[key] === true || JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return `${address} (${change.change.actions.join('/')}${differing.length > 0 ? `: ${differing.slice(0, 5).join(', ')}` : ''})`;
}

/** The error of a stack whose plan against its stand-in state still changes after `passes` plans. */
export function stillChanging(stack: string, passes: number, plan: TerraformPlan, changed: readonly string[]): Error {
  return new Error(
    `the stand-in state of stack "${stack}" still changes after ${passes} plans against it: ` +
      `${changed.map((address) => describeChange(plan, address)).join('; ')}. ` +
      'These resources have values Terraform computes differently on every plan; the change check cannot compare them offline.',
  );
}

/** Writes the state where the workspace's local backend reads it. */
export function writeState(workDir: string, state: TerraformState): void {
  fs.writeFileSync(path.join(workDir, 'terraform.tfstate'), JSON.stringify(state));
}

/**
 * The stand-in state of the synthesized stack in `stackDir`, built in `workDir`: every resource
 * as its plan from an empty state leaves it, fed back through Terraform until a plan against it
 * is empty. Throws, naming the resources still changing, when `maxPasses` plans are not enough.
 */
export async function buildStandInState(
  stack: string,
  stackDir: string,
  workDir: string,
  options: StandInStateOptions = {},
): Promise<StandInState & { readonly env: NodeJS.ProcessEnv }> {
  const { preventDestroy } = prepareChangeWorkspace(stackDir, workDir, options.ec2Endpoint);
  const env = await initOffline(workDir, options);
  const file = path.join(workDir, 'cdk.tf.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
  const context = standInContext(config);
  const schemas = Object.keys(config.resource ?? {}).length > 0 ? await loadProviderSchemas(workDir, env) : {};
  options.onStep?.('base plan');
  const { planned: emptyPlan, presets } = await planWithPresets([{ file, context }], schemas, [stack], () => planAndShow(workDir, env));
  const managed = (emptyPlan.resource_changes ?? []).filter((change) => change.mode === 'managed');
  const state = buildBaseState(emptyPlan, { stack, schemas, config, presets: presets[0], ...context });
  options.onFirstState?.(state, stack);
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  let passes = 0;
  for (;;) {
    writeState(workDir, state);
    if (managed.length === 0) break;
    passes += 1;
    options.onStep?.(`state pass ${passes}`);
    // The JSON is only read when something changed: the last pass, which changes nothing, skips it.
    if ((await planOnly(workDir, env)) === 0) break;
    const plan = await showPlan(workDir, env);
    const changed = changedAddresses(plan);
    if (changed.length === 0) break;
    if (passes >= maxPasses) throw stillChanging(stack, passes, plan, changed);
    feedPlanIntoState(state, plan);
  }
  return { workDir, env, state, emptyPlan, passes, preventDestroy };
}
