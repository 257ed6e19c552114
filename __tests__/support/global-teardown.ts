import * as fs from 'fs';

export default async function globalTeardown(): Promise<void> {
  const cache = process.env.WEB_STACK_PLAN_CACHE;
  if (cache) {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}
