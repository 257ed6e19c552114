import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { planStackOffline } from '../../harness/offline-plan';
import { TerraformPlan } from '../../harness/plan-json';
import { SynthesizedApp } from '../../harness/synth';

const POLL_MS = 500;

function cacheDir(): string {
  const dir = process.env.WEB_STACK_PLAN_CACHE;
  if (!dir) {
    throw new Error('WEB_STACK_PLAN_CACHE is unset: run the tests through jest so its global setup runs');
  }
  return dir;
}

/**
 * Plans one synthesized stack offline (init, validate, plan, show) and returns the plan.
 * Identical stack JSON is planned once per test run even across jest workers: the result
 * is cached under the hash of the stack's content, and a lock directory keeps two workers
 * from planning the same stack at once.
 */
export async function planStack(app: SynthesizedApp, stack: string): Promise<TerraformPlan> {
  const stackDir = app.stackDir(stack);
  const content = fs.readFileSync(path.join(stackDir, 'cdk.tf.json'));
  const key = createHash('sha256').update(content).digest('hex').slice(0, 24);
  const resultFile = path.join(cacheDir(), `${key}.json`);
  const lockDir = path.join(cacheDir(), `${key}.lock`);
  for (;;) {
    if (fs.existsSync(resultFile)) {
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
    const { plan, workDir } = await planStackOffline(stackDir);
    fs.writeFileSync(`${resultFile}.tmp`, JSON.stringify(plan));
    fs.renameSync(`${resultFile}.tmp`, resultFile);
    fs.rmSync(workDir, { recursive: true, force: true });
    return plan;
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
