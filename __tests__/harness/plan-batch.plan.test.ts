import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planStackCached } from '../../harness/plan-cache';
import { planStacksOffline } from '../../harness/plan-batch';
import { comparablePlan } from '../support/plan-comparison';
import { batchFixture, writeStack } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

describe('planning several stacks in one Terraform run', () => {
  test("each stack's part of the combined plan is what planning the stack alone gives", async () => {
    // GIVEN a stack with what a synthesized stack has (remote backend, aliased provider with
    // default tags, an asset, a data source with an offline stand-in, a sensitive output), planned
    // in a batch: the plan prewarm's batch of every fixture when it ran, else a batch of the
    // fixture's two stacks (plan-fixtures.ts)
    const websitePlan = await fixturePlan(batchFixture, 'website');
    const networkPlan = await fixturePlan(batchFixture, 'network');
    // WHEN the same stack is planned alone: planStackCached plans one stack on its own. A marker
    // file, which Terraform does not read, gives the copy a cache key of its own, so the plan is
    // not the batch's part read back; a later run reads this alone plan from the plan store until
    // the stack, Terraform, the provider or the harness (the batch split included) changes.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'alone-'));
    fs.cpSync(fixtureApp(batchFixture).stackDir('website'), copy, { recursive: true });
    fs.writeFileSync(path.join(copy, 'planned-alone.txt'), 'the plan-batch test plans this stack on its own');
    const alone = await planStackCached(copy);

    // THEN the two agree on every top-level key but the time (plan-comparison.ts), in Terraform's
    // key order. Every stack of the project's app and the examples is compared the same way,
    // both sides planned afresh, in plan-batch-equivalence.plan.test.ts.
    expect(Object.keys(websitePlan)).toEqual(Object.keys(alone));
    expect(comparablePlan(websitePlan)).toEqual(comparablePlan(alone));
    expect(Object.keys((websitePlan as unknown as { output_changes: object }).output_changes).sort()).toEqual(['bucket', 'secret']);
    expect(websitePlan.planned_values.outputs?.secret).toMatchObject({ sensitive: true });
    expect(networkPlan.planned_values.outputs?.vpc_cidr).toMatchObject({ value: '10.0.0.0/16' });
    expect((networkPlan.resource_changes ?? []).map((change) => change.address)).toEqual(['aws_vpc.main']);
    expect(Object.keys(networkPlan.configuration.provider_config ?? {})).toEqual(['aws']);
  }, 300_000);

  test("a failed combined plan is reported on stderr, then the error is the failing stack's own, naming its file", async () => {
    // Stacks without AWS: Terraform then loads no provider schema, and both plans (the combined
    // one, then the failing stack's own) fail in a fraction of a second instead of several.
    const stackOf = (data: Record<string, unknown>) => ({
      resource: { terraform_data: { main: data } },
      output: { value: { value: '${terraform_data.main.output}' } },
    });
    const stackDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'batch-stack-'));
    const invalid = writeStack(path.join(stackDir(), 'broken'), stackOf({ input: 'x', colour: 'blue' }));
    const valid = writeStack(path.join(stackDir(), 'fine'), stackOf({ input: 'y' }));
    // What happens, in order: each step, and each write to stderr.
    const events: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      events.push(`stderr: ${String(chunk)}`);
      return true;
    });
    try {
      await expect(planStacksOffline([invalid, valid], { onStep: (step) => events.push(step) })).rejects.toThrow(
        /terraform plan failed in .*:\nerror: Extraneous JSON object property at cdk\.tf\.json:\d+ - No argument or block type is named "colour"\./,
      );
    } finally {
      stderr.mockRestore();
    }
    const report = events.findIndex((event) => event.startsWith('stderr: '));
    expect(events.slice(0, report)).toEqual(['init', 'plan (2 stacks together)']);
    // One paragraph: the stacks by name, and the combined plan's own error, which names the module's file.
    expect(events[report]).toMatch(
      /^stderr: The combined offline plan of 2 stacks failed \(modules s0 = broken, s1 = fine\); planning each stack on its own to name the error\. First lines of the error: terraform plan failed in .* \| error: Extraneous JSON object property at s0\/main\.tf\.json:\d+ - No argument or block type is named "colour"\.\n$/,
    );
    // Then the single plans, the failing stack's first.
    expect(events.slice(report + 1)).toEqual(['init', 'plan']);
  }, 300_000);
});
