import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { planStackOffline } from './offline-plan';
import { planStacksOffline } from './plan-batch';
import { TerraformPlan } from './plan-json';

/** Directory of a plan cache shared by the processes of one test run (set by jest's global setup). */
export const PLAN_CACHE_ENV = 'WEB_STACK_PLAN_CACHE';

const POLL_MS = 250;

/** The cache key of a synthesized stack: the hash of its Terraform JSON and of every asset beside it. */
export function stackContentKey(stackDir: string): string {
  const hash = createHash('sha256');
  const visit = (dir: string, relative: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // Terraform's own working files and earlier plans are not content.
      if (entry.name.startsWith('.terraform') || entry.name.endsWith('.tfstate') || entry.name.startsWith('plan.')) continue;
      const file = path.join(dir, entry.name);
      const name = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        visit(file, name);
      } else if (entry.isFile()) {
        hash.update(name).update('\0').update(fs.readFileSync(file)).update('\0');
      }
    }
  };
  visit(stackDir, '');
  return hash.digest('hex').slice(0, 32);
}

/** Writes a plan to the cache in one step (rename), so a reader never sees half a file. */
function storePlan(resultFile: string, plan: TerraformPlan): void {
  fs.writeFileSync(`${resultFile}.tmp`, JSON.stringify(plan));
  fs.renameSync(`${resultFile}.tmp`, resultFile);
}

/**
 * Plans a synthesized stack offline, once per content within a cache directory: identical
 * stacks (same Terraform JSON, same assets) planned by several test files or by a test of
 * `npm run plan` reuse the first plan, and a lock directory keeps two processes from planning
 * the same stack at once. Without a cache directory it simply plans.
 */
export async function planStackCached(
  stackDir: string,
  cacheDir = process.env[PLAN_CACHE_ENV],
  onStep?: (step: string) => void,
): Promise<TerraformPlan> {
  const plan = async () => {
    const { plan: result, workDir } = await planStackOffline(stackDir, { onStep });
    fs.rmSync(workDir, { recursive: true, force: true });
    return result;
  };
  if (!cacheDir) return plan();
  const key = stackContentKey(stackDir);
  const resultFile = path.join(cacheDir, `${key}.json`);
  const lockDir = path.join(cacheDir, `${key}.lock`);
  for (;;) {
    if (fs.existsSync(resultFile)) {
      onStep?.('cached');
      return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as TerraformPlan;
    }
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    const result = await plan();
    storePlan(resultFile, result);
    return result;
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Plans several synthesized stacks offline with the cache of `planStackCached`: stacks already
 * planned in this cache are read back, the others are planned together in one Terraform run
 * (plan-batch.ts), and stacks another process is planning right now are waited for.
 */
export async function planStacksCached(stackDirs: readonly string[], cacheDir = process.env[PLAN_CACHE_ENV]): Promise<TerraformPlan[]> {
  if (!cacheDir) return planStacksOffline(stackDirs);
  const entries = stackDirs.map((stackDir) => {
    const key = stackContentKey(stackDir);
    return { stackDir, resultFile: path.join(cacheDir, `${key}.json`), lockDir: path.join(cacheDir, `${key}.lock`) };
  });
  const mine = entries.filter((entry, index) => {
    // The same content twice in one request is planned once.
    if (entries.findIndex((other) => other.resultFile === entry.resultFile) !== index || fs.existsSync(entry.resultFile)) return false;
    try {
      fs.mkdirSync(entry.lockDir);
      return true;
    } catch {
      return false;
    }
  });
  try {
    if (mine.length > 0) {
      const plans = await planStacksOffline(mine.map((entry) => entry.stackDir));
      mine.forEach((entry, index) => storePlan(entry.resultFile, plans[index]));
    }
  } finally {
    for (const entry of mine) fs.rmSync(entry.lockDir, { recursive: true, force: true });
  }
  // The rest is cached now, or being planned by another process (planStackCached waits for it).
  return Promise.all(entries.map((entry) => planStackCached(entry.stackDir, cacheDir)));
}
