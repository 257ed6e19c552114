import { PLAN_CACHE_ENV, planStacksCached } from '../../harness/plan-cache';
import { TerraformPlan } from '../../harness/plan-json';
import { SynthesizedApp } from '../../harness/synth';
import type { PlanFixture } from './plan-fixtures';

/**
 * Plans several stacks, of one app or of several, in one Terraform run where they are not
 * cached yet (harness/plan-batch.ts): ask for every plan a test file needs in one call. Identical
 * stacks are planned once per test run, across jest workers and `npm run plan` runs started by
 * tests: the cache directory comes from jest's global setup (harness/plan-cache.ts).
 */
export async function planStacks(stacks: readonly (readonly [SynthesizedApp, string])[]): Promise<TerraformPlan[]> {
  return planStackDirs(stacks.map(([app, stack]) => app.stackDir(stack)));
}

/** planStacks for synthesized stack directories of any app (a consumer project's, for one). */
export async function planStackDirs(stackDirs: readonly string[]): Promise<TerraformPlan[]> {
  return planStacksCached(stackDirs, cacheDirectory());
}

function cacheDirectory(): string {
  const cacheDir = process.env[PLAN_CACHE_ENV];
  if (!cacheDir) throw new Error(`${PLAN_CACHE_ENV} is unset: run the tests through jest so its global setup runs`);
  return cacheDir;
}

const synthesized = new Map<PlanFixture, SynthesizedApp>();
/** A fixture's app (plan-fixtures.ts), synthesized once per test file. */
export function fixtureApp(fixture: PlanFixture): SynthesizedApp {
  let app = synthesized.get(fixture);
  if (!app) {
    app = fixture.synth();
    synthesized.set(fixture, app);
  }
  return app;
}

const planned = new Map<PlanFixture, Promise<Readonly<Record<string, TerraformPlan>>>>();
/**
 * The plan of one stack of a fixture. The first call in a test file asks for every stack of the
 * fixture at once, which the plan prewarm has usually put in the cache already (plan-prewarm.ts);
 * otherwise they are planned together in one Terraform run.
 */
export async function fixturePlan(fixture: PlanFixture, stack: string): Promise<TerraformPlan> {
  let plans = planned.get(fixture);
  if (!plans) {
    const app = fixtureApp(fixture);
    const stacks = fixture.stacks ?? app.stacks;
    plans = planStacks(stacks.map((name) => [app, name] as const)).then((list) =>
      Object.fromEntries(stacks.map((name, index) => [name, list[index]])),
    );
    planned.set(fixture, plans);
  }
  const plan = (await plans)[stack];
  if (!plan) throw new Error(`the fixture plans no stack "${stack}"; it plans ${Object.keys(await plans).join(', ')}`);
  return plan;
}
