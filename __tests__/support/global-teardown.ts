import * as fs from 'fs';
import { PLAN_CACHE_ENV } from '../../harness/plan-cache';

export default async function globalTeardown(): Promise<void> {
  const cache = process.env[PLAN_CACHE_ENV];
  if (cache) {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}
