// Every stack of the project's app and of every example, planned both ways: as parts cut out of
// one combined plan (harness/plan-batch.ts) and each on its own (harness/offline-plan.ts), and
// compared on every top-level key of `terraform show -json` but the time. Neither side comes
// from the plan store: the batched side is a combined plan of this run (the plan prewarm's and
// the examples test's, reused when every stack's plan in the cache is marked as cut out of one in
// this run, else one planned here), and each plan alone is planned here, outside the plan cache.
//
// The heaviest plan test: one combined plan at most and one plan per stack, each loading the AWS
// provider's schema twice (plan and show).
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { planStackOffline } from '../../harness/offline-plan';
import { planStacksOffline } from '../../harness/plan-batch';
import { cutFromCombinedPlan, PLAN_CACHE_ENV, planStackCached, waitForOtherPlanners } from '../../harness/plan-cache';
import { TerraformPlan } from '../../harness/plan-json';
import { readSynthesizedApp } from '../../harness/synth';
import { comparablePlan } from '../support/plan-comparison';
import { projectFixture } from '../support/plan-fixtures';
import { fixtureApp } from '../support/plans';

const root = path.resolve(__dirname, '..', '..');
const examples = fs
  .readdirSync(path.join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, 'examples', entry.name, 'main.ts')))
  .map((entry) => entry.name)
  .sort();

/**
 * Synthesizes an example as examples.plan.test.ts does, but from its TypeScript source through
 * the tests' own transform (swc-register.js) rather than compiled into examples/dist, which that
 * test writes: the program and the library it imports by name (dist/) are the same, and so are
 * the bytes. Compiled, an example finds "aws-web-stack" as the repository's own package; from
 * its source folder, where one example has a package.json of its own, NODE_PATH names it.
 */
async function synthesizeExample(example: string, outdir: string, packages: string): Promise<string> {
  const args = ['-r', path.join(root, '__tests__', 'support', 'swc-register.js'), path.join(root, 'examples', example, 'main.ts'), outdir];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: '1', NODE_PATH: packages } });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`examples/${example}/main.ts failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, { cause: error });
  }
  return readSynthesizedApp(outdir).stackDir(example);
}

describe('a batch plan hides no difference', () => {
  test("every stack of the project's app and of the examples plans the same batched and alone", async () => {
    // GIVEN every stack of the project's app and of each example
    const app = fixtureApp(projectFixture);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'equivalence-examples-'));
    const packages = path.join(outdir, 'node_modules');
    fs.mkdirSync(packages);
    fs.symlinkSync(root, path.join(packages, 'aws-web-stack'));
    const exampleDirs: string[] = [];
    for (const example of examples) exampleDirs.push(await synthesizeExample(example, path.join(outdir, example), packages));
    const stacks = [
      ...app.stacks.map((stack) => ({ name: stack, dir: app.stackDir(stack) })),
      ...exampleDirs.map((dir) => ({ name: `examples/${path.basename(dir)}`, dir })),
    ];
    const stackDirs = stacks.map((stack) => stack.dir);

    // WHEN they are planned in one combined plan: the plans the prewarm and the examples test
    // cut out of combined plans in this run, once they are done, when every stack has one; else
    // all planned together here (never a stored plan, nor a second batch for a few stacks).
    const cacheDir = process.env[PLAN_CACHE_ENV]!;
    await waitForOtherPlanners(stackDirs, cacheDir);
    let batched: TerraformPlan[];
    if (stackDirs.every((dir) => cutFromCombinedPlan(dir, cacheDir))) {
      batched = await Promise.all(stackDirs.map((dir) => planStackCached(dir, cacheDir)));
    } else {
      let combined: readonly string[] = [];
      batched = await planStacksOffline(stackDirs, { planAloneOnFailure: false, onCombined: (dirs) => (combined = dirs) });
      expect(combined).toEqual(stackDirs);
    }
    // AND each on its own, outside the cache
    const alone: TerraformPlan[] = [];
    for (const dir of stackDirs) {
      const { plan, workDir } = await planStackOffline(dir);
      fs.rmSync(workDir, { recursive: true, force: true });
      alone.push(plan);
    }

    // THEN each stack's part has the keys of its own plan, in the same order, and the same content
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(app.stacks.length).toBeGreaterThanOrEqual(6);
    stacks.forEach((stack, index) => {
      const [part, own] = [batched[index], alone[index]];
      expect([stack.name, Object.keys(part)]).toEqual([stack.name, Object.keys(own)]);
      for (const key of ['resource_changes', 'planned_values', 'output_changes', 'configuration']) expect(own).toHaveProperty(key);
      // Key by key, so a failure names the stack and the key.
      const [partKeys, ownKeys] = [comparablePlan(part), comparablePlan(own)];
      for (const key of Object.keys(ownKeys)) expect([stack.name, key, partKeys[key]]).toEqual([stack.name, key, ownKeys[key]]);
    });
    fs.rmSync(outdir, { recursive: true, force: true });
  }, 1_200_000);
});
