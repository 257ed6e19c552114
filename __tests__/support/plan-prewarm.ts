import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { announcePendingBatch, clearPendingBatch, isProcessAlive, ownerOf } from '../../harness/cache-lock';

// The plan prewarm: while the unit tests run, one background process synthesizes the plan
// fixtures the run's test files import (plan-fixtures.ts) and plans all their stacks into the plan
// cache in one Terraform batch (one init, one plan, one show: the provider schema, most of a
// plan's cost, is loaded once instead of once per test file). The plan tests then read the cache.
//
// The prewarm is a child `node` that loads the TypeScript sources through swc-register.js, the
// transform jest itself uses, rather than a synth in the global setup: the synth of a dozen apps
// takes about 15 s of CPU, which the global setup would spend before any test starts, while
// the child spends it beside the unit tests. Bundling the fixtures with esbuild instead would
// change `__dirname` (the constructs find functions/ and templates/ through it) and the module
// layout the synthesized bytes depend on; the swc hook runs the very sources the tests run.

/** While it runs: the prewarm's process id, which is also its process group's (it runs detached). */
export const PREWARM_PID_FILE = 'prewarm.pid';
/** What the prewarm printed: each step with its time. */
export const PREWARM_LOG_FILE = 'prewarm.log';
/** Written when the prewarm failed: why. The tests then plan their stacks themselves. */
export const PREWARM_FAILED_FILE = 'prewarm.failed';

const MAIN = path.join(__dirname, 'plan-prewarm-main.ts');
const STOP_WAIT_MS = 5_000;

/**
 * Starts the prewarm of `fixtures` (export names of plan-fixtures.ts) into `cacheDir` and returns
 * its process id. Until the prewarm holds the locks of its stacks, a marker in the cache tells a
 * test that misses the cache to wait for it rather than plan the stack itself (harness/cache-lock.ts).
 */
export function startPlanPrewarm(cacheDir: string, fixtures: readonly string[]): number | undefined {
  const log = fs.openSync(path.join(cacheDir, PREWARM_LOG_FILE), 'a');
  const child = spawn(process.execPath, ['-r', require.resolve('./swc-register.js'), MAIN, cacheDir, ...fixtures], {
    // Its own process group, so that stopping it stops the terraform and provider processes under it.
    detached: true,
    stdio: ['ignore', log, log],
    // Explicitly: inside jest, `process.env` is the test file's copy, which spawn does not use by default.
    env: process.env,
  });
  fs.closeSync(log);
  // Failing to start is reported by the missing cache entries: the tests plan their own stacks.
  child.on('error', () => undefined);
  // jest exits when the tests are done; the global teardown stops a prewarm still running.
  child.unref();
  if (child.pid === undefined) return undefined;
  fs.writeFileSync(path.join(cacheDir, PREWARM_PID_FILE), String(child.pid));
  announcePendingBatch(cacheDir, child.pid);
  return child.pid;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Gone already.
  }
}

/**
 * Stops a prewarm that is still running (the run needed fewer plans than it makes, or it hangs),
 * with every process under it, and returns why the prewarm failed, if it did.
 */
export async function stopPlanPrewarm(cacheDir: string): Promise<string | undefined> {
  // The prewarm removes its pid file as it exits: a pid file left means it still runs (or was killed).
  const pid = ownerOf(path.join(cacheDir, PREWARM_PID_FILE));
  if (pid !== undefined && isProcessAlive(-pid)) {
    signalGroup(pid, 'SIGTERM');
    // Waits for the prewarm itself (this process reaps it). Terraform under it got the signal too,
    // but once orphaned it is reaped by init, at init's pace: the group can show zombies for
    // seconds. Zombies hold no files; anything still running is killed.
    const deadline = Date.now() + STOP_WAIT_MS;
    while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    signalGroup(pid, 'SIGKILL');
  }
  clearPendingBatch(cacheDir);
  const failed = path.join(cacheDir, PREWARM_FAILED_FILE);
  return fs.existsSync(failed) ? fs.readFileSync(failed, 'utf8') : undefined;
}
