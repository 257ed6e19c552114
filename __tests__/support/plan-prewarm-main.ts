// The prewarm's own process (started by plan-prewarm.ts with swc-register.js):
//   node -r swc-register.js plan-prewarm-main.ts <cache dir> <fixture export name>...
// Synthesizes each fixture, then plans every stack into the cache in one batch. It never plans a
// stack twice to name an error: when the batch fails it only releases its locks, and each test
// plans its own stacks and reports its own error.
import * as fs from 'fs';
import * as path from 'path';
import { clearPendingBatch, isProcessAlive } from '../../harness/cache-lock';
import { planIntoCache } from '../../harness/plan-cache';
import { PREWARM_FAILED_FILE, PREWARM_PID_FILE } from './plan-prewarm';

const [cacheDir, ...names] = process.argv.slice(2);
const started = Date.now();
const log = (line: string) => process.stdout.write(`[prewarm ${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`);

// A run stopped by Ctrl-C or a crash runs no global teardown: stop with jest's main process, the
// terraform under this process (its group; it was started detached) included.
const parent = process.ppid;
setInterval(() => {
  if (!isProcessAlive(parent)) process.kill(-process.pid, 'SIGTERM');
}, 1_000).unref();

/** Synthesizes the named fixtures and returns the directories of the stacks they plan. */
async function synthesizeFixtures(): Promise<string[]> {
  // Loaded here rather than imported, so that a module that fails to load is reported as a failure.
  const fixtures = await import('./plan-fixtures');
  const stackDirs: string[] = [];
  for (const name of names) {
    const fixture = (fixtures as Record<string, unknown>)[name];
    if (!fixtures.isPlanFixture(fixture)) {
      log(`${name} is not a fixture of plan-fixtures.ts; skipped`);
      continue;
    }
    try {
      const app = fixture.synth();
      const stacks = fixture.stacks ?? app.stacks;
      stackDirs.push(...stacks.map((stack) => app.stackDir(stack)));
      log(`synthesized ${name}: ${stacks.join(', ')}`);
    } catch (error) {
      // Its test synthesizes it too and reports the error there.
      log(`${name} failed to synthesize, left to its tests: ${(error as Error).message}`);
    }
  }
  return stackDirs;
}

async function main(): Promise<void> {
  const stackDirs = await synthesizeFixtures();
  const planned = await planIntoCache(stackDirs, cacheDir, {
    planAloneOnFailure: false,
    // From here the locks tell the tests which stacks to wait for; the rest they plan themselves.
    onClaimed: (claimed) => {
      clearPendingBatch(cacheDir);
      log(`planning ${claimed} of ${stackDirs.length} stacks together`);
    },
    onStep: log,
  });
  log(`done: ${planned} stacks planned into the cache`);
}

main()
  .then(
    () => 0,
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`failed: ${message}`);
      fs.writeFileSync(path.join(cacheDir, PREWARM_FAILED_FILE), message);
      return 1;
    },
  )
  .then((code) => {
    clearPendingBatch(cacheDir);
    fs.rmSync(path.join(cacheDir, PREWARM_PID_FILE), { force: true });
    process.exit(code);
  });
