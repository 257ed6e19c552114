import { PLAN_CACHE_ENV, planStackCached } from '../../harness/plan-cache';
import { TerraformPlan } from '../../harness/plan-json';
import { SynthesizedApp } from '../../harness/synth';

/**
 * Plans one synthesized stack offline and returns the plan. Identical stacks are planned once
 * per test run, across jest workers and `npm run plan` runs started by tests: the cache
 * directory comes from jest's global setup (harness/plan-cache.ts).
 */
export async function planStack(app: SynthesizedApp, stack: string): Promise<TerraformPlan> {
  const cacheDir = process.env[PLAN_CACHE_ENV];
  if (!cacheDir) throw new Error(`${PLAN_CACHE_ENV} is unset: run the tests through jest so its global setup runs`);
  return planStackCached(app.stackDir(stack), cacheDir);
}
