import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planStackCached } from '../../harness/plan-cache';
import { planStacksOffline } from '../../harness/plan-batch';
import { TerraformPlan } from '../../harness/plan-json';
import { batchFixture, writeStack } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

/** Object keys sorted at every level, so plans compare by content rather than key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
const content = (plan: TerraformPlan) =>
  canonical({ planned_values: plan.planned_values, resource_changes: plan.resource_changes, configuration: plan.configuration });

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

    // THEN the two agree. The batched plan really is a part cut out of a combined plan:
    // splitBatchPlan keeps no timestamp, which `terraform show -json` of a stack alone has.
    expect(alone).toHaveProperty('timestamp');
    expect(websitePlan).not.toHaveProperty('timestamp');
    expect(content(websitePlan)).toEqual(content(alone));
    expect(websitePlan.planned_values.outputs?.secret).toMatchObject({ sensitive: true });
    expect(networkPlan.planned_values.outputs?.vpc_cidr).toMatchObject({ value: '10.0.0.0/16' });
    expect((networkPlan.resource_changes ?? []).map((change) => change.address)).toEqual(['aws_vpc.main']);
    expect(Object.keys(networkPlan.configuration.provider_config ?? {})).toEqual(['aws']);
  }, 300_000);

  test("when the combined plan fails, the error is the failing stack's own, naming its file", async () => {
    // Stacks without AWS: Terraform then loads no provider schema, and both plans (the combined
    // one, then the failing stack's own) fail in a fraction of a second instead of several.
    const stackOf = (data: Record<string, unknown>) => ({
      resource: { terraform_data: { main: data } },
      output: { value: { value: '${terraform_data.main.output}' } },
    });
    const stackDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'batch-stack-'));
    const invalid = writeStack(stackDir(), stackOf({ input: 'x', colour: 'blue' }));
    await expect(planStacksOffline([invalid, writeStack(stackDir(), stackOf({ input: 'y' }))])).rejects.toThrow(
      /terraform plan failed in .*:\nerror: Extraneous JSON object property at cdk\.tf\.json:\d+ - No argument or block type is named "colour"\./,
    );
  }, 300_000);
});
