import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findProviderMirror, PROVIDER_MIRROR_ENV } from '../../harness/provider-mirror';

/**
 * Runs once before all test files: resolves the provider mirror once (the search is not
 * free) and creates a plan cache shared by the workers of this run only.
 */
export default async function globalSetup(): Promise<void> {
  process.env.CHECKPOINT_DISABLE = '1';
  const mirror = findProviderMirror();
  if (mirror) {
    process.env[PROVIDER_MIRROR_ENV] = mirror;
  } else {
    process.stderr.write(`\nNo provider mirror found (${PROVIDER_MIRROR_ENV} unset); terraform init will use the registry.\n`);
  }
  process.env.WEB_STACK_PLAN_CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-cache-'));
}
