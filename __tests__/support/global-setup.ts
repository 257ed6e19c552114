import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findProviderMirror, PROVIDER_MIRROR_ENV } from '../../harness/provider-mirror';
import { PLAN_CACHE_ENV } from '../../harness/plan-cache';
import { openPlanStore, seedPlanCache } from '../../harness/plan-store';
import { startPlanPrewarm } from './plan-prewarm';
import { PLAN_STORE_DIR_ENV, TEST_RUN_DIR_ENV } from './test-run-dir';

// The same freshness check as the app command: dist/ is rebuilt only when a source is newer.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt, root } = require('../../scripts/build-freshness') as { ensureBuilt: (entry: string) => void; root: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PREWARM_FIXTURES_ENV } = require('./plan-sequencer') as { PREWARM_FIXTURES_ENV: string };

/**
 * Runs once before all test files: brings dist/ up to date once (tests that run the compiled
 * app, pack the library or compile the examples need it, and two of them building at once
 * would race), resolves the provider mirror once (the search is not free) and creates a plan
 * cache shared by the workers of this run, seeded with the plans earlier runs kept in the plan
 * store (harness/plan-store.ts: a stack whose content did not change is not planned again). When the run's test files need two or more plan
 * fixtures (the test sequencer, plan-sequencer.js, names them), it starts the plan prewarm that
 * plans them all in the background in one batch (plan-prewarm.ts).
 *
 * Every temporary file of the run lands in one directory that the global teardown removes:
 * TMPDIR points there for the workers and everything they start (synth outdirs, terraform
 * working directories, MariaDB). Without it each run left hundreds of directories in /tmp.
 */
/**
 * The system folders a normal user's PATH lacks on Debian (root's has them), where useradd,
 * chroot, apache2, php-fpm8.2 and mariadbd live; the boot tests run them inside their own
 * namespaces. Set here, before jest starts its workers, so every test file inherits it.
 */
export function withSystemFolders(pathValue: string | undefined): string {
  const parts = (pathValue ?? '').split(path.delimiter).filter((part) => part !== '');
  return [...parts, ...['/usr/local/sbin', '/usr/sbin', '/sbin'].filter((dir) => !parts.includes(dir))].join(path.delimiter);
}

export default async function globalSetup(): Promise<void> {
  process.env.PATH = withSystemFolders(process.env.PATH);
  process.env.CHECKPOINT_DISABLE = '1';
  ensureBuilt(path.join(root, 'dist', 'index.js'));
  const mirror = findProviderMirror();
  if (mirror) {
    process.env[PROVIDER_MIRROR_ENV] = mirror;
  } else {
    process.stderr.write(`\nNo provider mirror found (${PROVIDER_MIRROR_ENV} unset); terraform init will use the registry.\n`);
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-run-'));
  process.env[TEST_RUN_DIR_ENV] = runDir;
  process.env.TMPDIR = runDir;
  const cacheDir = fs.mkdtempSync(path.join(runDir, 'plan-cache-'));
  process.env[PLAN_CACHE_ENV] = cacheDir;
  const storeDir = openPlanStore(root, mirror);
  if (storeDir) {
    seedPlanCache(storeDir, cacheDir);
    process.env[PLAN_STORE_DIR_ENV] = storeDir;
  }
  const fixtures = process.env[PREWARM_FIXTURES_ENV];
  delete process.env[PREWARM_FIXTURES_ENV];
  if (fixtures) startPlanPrewarm(cacheDir, fixtures.split(','));
}
