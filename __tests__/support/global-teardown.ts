import * as fs from 'fs';
import { TEST_RUN_DIR_ENV } from './test-run-dir';

/** Removes the run's temporary directory, the plan cache with it (global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  const runDir = process.env[TEST_RUN_DIR_ENV];
  if (runDir) {
    // A server a test stopped may still be closing files in it: retry instead of failing the run.
    fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
