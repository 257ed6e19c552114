import { PLAN_CACHE_ENV, planStackCached, planStacksCached } from '../../harness/plan-cache';
import { TerraformPlan } from '../../harness/plan-json';
import { SynthesizedApp } from '../../harness/synth';
import { synthesizeProject } from './project';

/**
 * Plans one synthesized stack offline and returns the plan. Identical stacks are planned once
 * per test run, across jest workers and `npm run plan` runs started by tests: the cache
 * directory comes from jest's global setup (harness/plan-cache.ts).
 */
export async function planStack(app: SynthesizedApp, stack: string): Promise<TerraformPlan> {
  return planStackCached(app.stackDir(stack), cacheDirectory());
}

/**
 * Plans several stacks, of one app or of several, in one Terraform run where they are not
 * cached yet (harness/plan-batch.ts): ask for every plan a test file needs in one call.
 */
export async function planStacks(stacks: readonly (readonly [SynthesizedApp, string])[]): Promise<TerraformPlan[]> {
  return planStacksCached(
    stacks.map(([app, stack]) => app.stackDir(stack)),
    cacheDirectory(),
  );
}

function cacheDirectory(): string {
  const cacheDir = process.env[PLAN_CACHE_ENV];
  if (!cacheDir) throw new Error(`${PLAN_CACHE_ENV} is unset: run the tests through jest so its global setup runs`);
  return cacheDir;
}

let projectPlans: Promise<Record<string, TerraformPlan>> | undefined;
/**
 * A stack of the project's own app as configured (config/environments.ts), the app most plan
 * tests read. The first call in a run plans every stack of it in one Terraform run; every
 * later call, in any test file, reads the cache.
 */
export async function planProjectStack(stack: string): Promise<TerraformPlan> {
  projectPlans ??= (async () => {
    const app = synthesizeProject();
    const plans = await planStacks(app.stacks.map((name) => [app, name] as const));
    return Object.fromEntries(app.stacks.map((name, index) => [name, plans[index]]));
  })();
  const plan = (await projectPlans)[stack];
  if (!plan) throw new Error(`the project's app has no stack ${stack}`);
  return plan;
}
