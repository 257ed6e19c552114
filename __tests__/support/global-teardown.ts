import * as fs from 'fs';
import { PLAN_CACHE_ENV } from '../../harness/plan-cache';
import { harvestPlanCache } from '../../harness/plan-store';
import { stopPlanPrewarm } from './plan-prewarm';
import { PLAN_STORE_DIR_ENV, TEST_RUN_DIR_ENV } from './test-run-dir';

/**
 * Stops the plan prewarm if it still runs (plan-prewarm.ts), says so if it failed, keeps the run's
 * plans in the plan store (harness/plan-store.ts), and removes the run's temporary directory, the
 * plan cache with it (global-setup.ts).
 */
export default async function globalTeardown(): Promise<void> {
  const cacheDir = process.env[PLAN_CACHE_ENV];
  if (cacheDir && fs.existsSync(cacheDir)) {
    const failure = await stopPlanPrewarm(cacheDir);
    // Not a test failure: the tests planned their stacks themselves. Said, because the run was slower.
    if (failure) process.stderr.write(`\nThe plan prewarm failed, so the plan tests planned their own stacks: ${failure}\n`);
    // The plans of this run, kept for the next (harness/plan-store.ts).
    const storeDir = process.env[PLAN_STORE_DIR_ENV];
    if (storeDir) harvestPlanCache(cacheDir, storeDir);
  }
  const runDir = process.env[TEST_RUN_DIR_ENV];
  if (runDir) {
    // A server a test stopped may still be closing files in it: retry instead of failing the run.
    fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
