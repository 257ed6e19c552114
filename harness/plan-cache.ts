import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { breakStaleLock, isProcessAlive, ownerOf, pendingBatchOwner, tryLock, unlock } from './cache-lock';
import { isTerraformWorkingFile, planStackOffline } from './offline-plan';
import { BatchOptions, planStacksOffline } from './plan-batch';
import { TerraformPlan } from './plan-json';

/** Directory of a plan cache shared by the processes of one test run (set by jest's global setup). */
export const PLAN_CACHE_ENV = 'WEB_STACK_PLAN_CACHE';

const POLL_MS = 250;

/**
 * The files of a synthesized stack that a plan reads, relative to its folder and sorted: every
 * file but Terraform's own working files, which the offline workspace leaves out too
 * (isTerraformWorkingFile).
 */
export function stackContentFiles(stackDir: string): string[] {
  return (fs.readdirSync(stackDir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((relative) => relative.split(path.sep).join('/'))
    .filter((relative) => !isTerraformWorkingFile(relative) && fs.statSync(path.join(stackDir, relative)).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The cache key of a synthesized stack: the hash of each of its files' name and content
 * (stackContentFiles), each preceded by its length in bytes. Without the lengths, a separator
 * byte inside a file (an asset may hold any byte) could move a boundary, and two different
 * folders could hash the same.
 */
export function stackContentKey(stackDir: string): string {
  const hash = createHash('sha256');
  const add = (bytes: Buffer) => hash.update(`${bytes.length}:`).update(bytes);
  for (const relative of stackContentFiles(stackDir)) {
    add(Buffer.from(relative, 'utf8'));
    add(fs.readFileSync(path.join(stackDir, relative)));
  }
  return hash.digest('hex').slice(0, 32);
}

/** Writes a plan to the cache in one step (rename), so a reader never sees half a file. */
function storePlan(resultFile: string, plan: TerraformPlan): void {
  fs.writeFileSync(`${resultFile}.tmp`, JSON.stringify(plan));
  fs.renameSync(`${resultFile}.tmp`, resultFile);
}

export interface CacheBatchOptions extends BatchOptions {
  /** Called once this process holds the locks of the stacks it will plan, with their number. */
  readonly onClaimed?: (claimed: number) => void;
}

interface CacheEntry {
  readonly stackDir: string;
  readonly resultFile: string;
  readonly lockFile: string;
  /** Written before the plan when this run cut it out of a combined plan (plan-batch.ts). */
  readonly combinedFile: string;
}

function cacheEntry(stackDir: string, cacheDir: string): CacheEntry {
  const key = stackContentKey(stackDir);
  const file = (suffix: string) => path.join(cacheDir, `${key}${suffix}`);
  return { stackDir, resultFile: file('.json'), lockFile: file('.lock'), combinedFile: file('.combined') };
}

/**
 * Whether the cached plan of a stack was cut out of a combined plan in this test run. The plan
 * store keeps no such marker (only plans), so a plan seeded from an earlier run, which may have
 * been planned alone or in a batch, is never taken for one: the batch test (plan-batch) reads
 * the plans of this run's batches and plans the rest together itself.
 */
export function cutFromCombinedPlan(stackDir: string, cacheDir: string): boolean {
  const entry = cacheEntry(stackDir, cacheDir);
  return fs.existsSync(entry.combinedFile) && fs.existsSync(entry.resultFile);
}

const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

/**
 * Waits, planning nothing, until no other process may be planning these stacks into the cache:
 * no pending batch is announced (the tests' prewarm, still synthesizing) and no live process
 * holds one of their locks. Then whatever they planned is in the cache.
 */
export async function waitForOtherPlanners(stackDirs: readonly string[], cacheDir: string): Promise<void> {
  const lockFiles = stackDirs.map((stackDir) => cacheEntry(stackDir, cacheDir).lockFile);
  const held = (lockFile: string) => {
    const owner = ownerOf(lockFile);
    return owner !== undefined && owner !== process.pid && isProcessAlive(owner);
  };
  while (pendingBatchOwner(cacheDir) !== undefined || lockFiles.some(held)) await pause();
}

/**
 * Claims a stack's lock when nobody else will plan it: not while a pending batch (the tests'
 * prewarm, still synthesizing) may be about to, and not while a live process holds the lock. A
 * lock whose owner died is broken. False when the stack must be waited for.
 */
function claim(entry: CacheEntry, cacheDir: string): boolean {
  if (pendingBatchOwner(cacheDir) !== undefined) return false;
  return tryLock(entry.lockFile) || (breakStaleLock(entry.lockFile) && tryLock(entry.lockFile));
}

/**
 * Plans a synthesized stack offline, once per content within a cache directory: identical
 * stacks (same Terraform JSON, same assets) planned by several test files or by a test of
 * `npm run plan` reuse the first plan, and a lock file keeps two processes from planning
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
  const entry = cacheEntry(stackDir, cacheDir);
  const cached = () => {
    onStep?.('cached');
    const plan = JSON.parse(fs.readFileSync(entry.resultFile, 'utf8')) as TerraformPlan;
    // The time of last use, by which the plan store keeps or drops the plan (plan-store.ts).
    const now = new Date();
    try {
      fs.utimesSync(entry.resultFile, now, now);
    } catch {
      // Not ours to touch: the store then drops it a little early.
    }
    return plan;
  };
  for (;;) {
    if (fs.existsSync(entry.resultFile)) return cached();
    if (claim(entry, cacheDir)) break;
    await pause();
  }
  try {
    // Whoever held the lock before may have stored the plan between the check and the claim.
    if (fs.existsSync(entry.resultFile)) return cached();
    const result = await plan();
    storePlan(entry.resultFile, result);
    return result;
  } finally {
    unlock(entry.lockFile);
  }
}

/**
 * Plans into the cache every stack of `stackDirs` that is neither cached nor being planned by
 * another process, in one Terraform run (plan-batch.ts), and returns how many it planned. The
 * locks are released when it is done, whether the batch worked or not.
 */
export async function planIntoCache(stackDirs: readonly string[], cacheDir: string, options: CacheBatchOptions = {}): Promise<number> {
  while (pendingBatchOwner(cacheDir) !== undefined) await pause();
  const mine: CacheEntry[] = [];
  for (const entry of stackDirs.map((stackDir) => cacheEntry(stackDir, cacheDir))) {
    // The same content twice in one request is planned once.
    if (mine.some((other) => other.resultFile === entry.resultFile) || fs.existsSync(entry.resultFile)) continue;
    if (!claim(entry, cacheDir)) continue;
    // Whoever held the lock before may have stored the plan between the check and the claim.
    if (fs.existsSync(entry.resultFile)) unlock(entry.lockFile);
    else mine.push(entry);
  }
  try {
    options.onClaimed?.(mine.length);
    if (mine.length > 0) {
      const stackDirsToPlan = mine.map((entry) => entry.stackDir);
      const plans = await planStacksOffline(stackDirsToPlan, {
        ...options,
        onCombined: (combined) => {
          // Before the plans are stored, so whoever reads a plan also sees its marker.
          for (const entry of mine) if (combined.includes(entry.stackDir)) fs.writeFileSync(entry.combinedFile, '');
          options.onCombined?.(combined);
        },
      });
      mine.forEach((entry, index) => storePlan(entry.resultFile, plans[index]));
    }
    return mine.length;
  } finally {
    for (const entry of mine) unlock(entry.lockFile);
  }
}

/**
 * Plans several synthesized stacks offline with the cache of `planStackCached`: stacks already
 * planned in this cache are read back, the others are planned together in one Terraform run
 * (plan-batch.ts), and stacks another process is planning right now are waited for.
 */
export async function planStacksCached(stackDirs: readonly string[], cacheDir = process.env[PLAN_CACHE_ENV]): Promise<TerraformPlan[]> {
  if (!cacheDir) return planStacksOffline(stackDirs);
  await planIntoCache(stackDirs, cacheDir);
  // The rest is cached now, or being planned by another process (planStackCached waits for it).
  return Promise.all(stackDirs.map((stackDir) => planStackCached(stackDir, cacheDir)));
}
