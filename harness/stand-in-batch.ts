// The stand-in states of several base stacks built in one Terraform root, each stack a module
// (as plan-batch.ts plans stacks together): the bases' plan from an empty state (with their
// references preset: reference-stand-ins.ts) is one `plan` and `show -json` for all the stacks,
// and so is every feedback pass (state-feedback.ts), instead of one each per stack. Most of a
// plan is loading the AWS provider's schema (about 4 s of CPU, whatever the stack's size), so
// the passes of dev's two stacks cost about half as much together.
// Each stack's state is kept on its own, with the addresses of the stack alone; only the state
// file the root plans against puts its resources under the stack's module.
import * as fs from 'fs';
import * as path from 'path';
import { buildBaseState, TerraformState } from './base-state';
import { dropPreventDestroy, prepareChangeWorkspace } from './change-workspace';
import { initOffline, planAndShow } from './offline-plan';
import { batchModuleName, splitBatchPlan } from './plan-batch-split';
import { batchFailure, prepareBatchWorkspace } from './plan-batch';
import { ResourceChange, TerraformPlan } from './plan-json';
import { planOnly, showPlan } from './plan-steps';
import { loadProviderSchemas } from './provider-schema';
import { planWithPresets } from './reference-stand-ins';
import { changedAddresses, feedPlanIntoState } from './state-feedback';
import { DEFAULT_MAX_PASSES, StandInState, StandInStateOptions, standInContext, stillChanging, writeState } from './stand-in-state';

export interface BatchedBase {
  readonly stack: string;
  /** The synthesized base stack (`<dir>/cdk.tf.json`). */
  readonly stackDir: string;
  /** Its own working copy: prepared here and given its state; not initialized. */
  readonly workDir: string;
}

type Json = Record<string, any>;
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Json;

/** `registry.terraform.io/<namespace>/<type>` for a `required_providers` source such as `aws` or `hashicorp/aws`. */
function fullProviderName(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join('/')}`;
  return parts.join('/');
}

/**
 * The state's name for a resource's provider configuration once its stack is the module
 * `moduleName`: a configuration the stack declares itself lives in the module
 * (`module.s0.provider["registry.terraform.io/hashicorp/aws"].alias`); one it only uses, such as
 * Terraform's built-in provider, is the root's default, inherited by the module.
 */
export function moduleProviderAddress(provider: string, moduleName: string, stack: Json): string {
  const match = /^provider\["([^"]+)"\](?:\.(.+))?$/.exec(provider);
  if (!match) throw new Error(`unexpected provider address in a stand-in state: ${provider}`);
  const [, fullName, alias] = match;
  const required = (stack.terraform?.required_providers ?? {}) as Record<string, { source?: string }>;
  const localNames = new Set([
    ...Object.entries(required)
      .filter(([local, requirement]) => fullProviderName(requirement.source ?? local) === fullName.toLowerCase())
      .map(([local]) => local),
    fullName.split('/').pop()!,
  ]);
  const configured = [...localNames].some((local) => {
    const blocks = stack.provider?.[local];
    return (Array.isArray(blocks) ? blocks : blocks ? [blocks] : []).some((block: Json) => (block.alias ?? undefined) === alias);
  });
  return configured ? `module.${moduleName}.${provider}` : provider;
}

/** One state holding every stack's resources under its module, for the batch root to plan against. */
export function combineStates(
  parts: readonly { readonly moduleName: string; readonly stack: Json; readonly state: TerraformState }[],
  serial: number,
): TerraformState {
  const [first] = parts;
  return {
    version: 4,
    terraform_version: first.state.terraform_version,
    serial,
    lineage: first.state.lineage,
    outputs: {},
    resources: parts.flatMap(({ moduleName, stack, state }) =>
      state.resources.map((resource) => ({
        module: `module.${moduleName}`,
        ...resource,
        provider: moduleProviderAddress(resource.provider, moduleName, stack),
      })),
    ),
    check_results: null,
  };
}

/** The part of a batch root's plan that is the module's stack, with the stack's own addresses. */
export function moduleChanges(plan: TerraformPlan, moduleName: string): TerraformPlan {
  const prefix = `module.${moduleName}.`;
  const changes = (plan.resource_changes ?? [])
    .filter((change) => (change as ResourceChange & { module_address?: string }).module_address === `module.${moduleName}`)
    .map((change) => {
      const { module_address: _module, ...rest } = change as ResourceChange & { module_address?: string };
      return { ...rest, address: change.address.slice(prefix.length) };
    });
  return { ...plan, resource_changes: changes };
}

/**
 * Builds the stand-in state of each base (stand-in-state.ts does one) with the feedback passes
 * of all of them in one Terraform root in `rootDir`. Every base must be able to be a module
 * (plan-batch.ts `batchRefusal`). The states come back in order, each also written into its
 * base's working copy; their `env` is undefined, as those copies are not initialized.
 */
export async function buildStandInStates(
  bases: readonly BatchedBase[],
  rootDir: string,
  options: StandInStateOptions = {},
): Promise<StandInState[]> {
  fs.mkdirSync(rootDir, { recursive: true });
  const guarded = bases.map((base) => prepareChangeWorkspace(base.stackDir, base.workDir, options.ec2Endpoint).preventDestroy);
  const configs = bases.map((base) => readJson(path.join(base.workDir, 'cdk.tf.json')));
  prepareBatchWorkspace(
    bases.map((base) => base.stackDir),
    rootDir,
    {
      transform: (stack) => {
        dropPreventDestroy(stack);
        return stack;
      },
      awsSettings: options.ec2Endpoint ? { endpoints: [{ ec2: options.ec2Endpoint }] } : {},
    },
  );
  const env = await initOffline(rootDir, options);
  const schemas = await loadProviderSchemas(rootDir, env);
  const stacks = bases.map((base) => base.stack);
  options.onStep?.(`base plan (${bases.length} stacks together)`);
  const { planned, presets } = await planWithPresets(
    bases.map((_, index) => ({
      file: path.join(rootDir, batchModuleName(index), 'main.tf.json'),
      context: standInContext(configs[index]),
    })),
    schemas,
    stacks,
    () => planAndShow(rootDir, env),
  );
  const emptyPlans = bases.map((_, index) => splitBatchPlan(planned as unknown as Json, index));
  const states = bases.map((base, index) =>
    buildBaseState(emptyPlans[index], {
      stack: base.stack,
      schemas,
      config: configs[index],
      presets: presets[index],
      ...standInContext(configs[index]),
    }),
  );
  states.forEach((state, index) => options.onFirstState?.(state, bases[index].stack));
  const parts = bases.map((_, index) => ({ moduleName: batchModuleName(index), stack: configs[index], state: states[index] }));
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  let passes = 0;
  if (parts.some((part) => part.state.resources.length > 0)) {
    for (;;) {
      passes += 1;
      writeState(rootDir, combineStates(parts, passes));
      options.onStep?.(`state pass ${passes} (${bases.length} stacks together)`);
      // The JSON is only read when something changed: the last pass, which changes nothing, skips it.
      if ((await planOnly(rootDir, env)) === 0) break;
      const plan = await showPlan(rootDir, env);
      const views = parts.map((part) => moduleChanges(plan, part.moduleName));
      const changing = views.map((view) => changedAddresses(view));
      if (changing.every((changed) => changed.length === 0)) break;
      if (passes >= maxPasses) {
        const index = changing.findIndex((changed) => changed.length > 0);
        throw stillChanging(bases[index].stack, passes, views[index], changing[index]);
      }
      views.forEach((view, index) => feedPlanIntoState(states[index], view));
    }
  }
  return bases.map((base, index) => {
    writeState(base.workDir, states[index]);
    return {
      workDir: base.workDir,
      env: undefined,
      state: states[index],
      emptyPlan: emptyPlans[index],
      passes,
      preventDestroy: guarded[index],
    };
  });
}

/** One paragraph on stderr: the batch of state passes failed, and each stack now builds its own state. */
export function reportBatchFailure(stacks: readonly string[], error: unknown): void {
  const { modules, firstLines } = batchFailure(stacks, error);
  process.stderr.write(
    `The stand-in states of ${stacks.length} stacks could not be built together (modules ${modules}); building each stack's ` +
      `state on its own to name the error. First lines of the error: ${firstLines}\n`,
  );
}
