// The current revision is planned against the base's first state while the base's feedback
// passes run (harness/change-check.ts). That early plan is the answer only when no pass changed
// the state; a base that needs a second pass gets the current revision planned again, against
// the final state. Two small stacks show both: one whose references can all be preset
// (reference-stand-ins.ts), and one whose log group has `count`, which presets leave to the
// feedback passes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChangeCheckResult, checkChanges } from '../../harness/change-check';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-check-early-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stack with a log group and a parameter holding its ARN; `count` on the log group or not. */
function stack(description: string, counted: boolean): Record<string, unknown> {
  const arn = counted ? '${aws_cloudwatch_log_group.logs[0].arn}' : '${aws_cloudwatch_log_group.logs.arn}';
  return {
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: {
      aws_cloudwatch_log_group: { logs: { name: 'early-plan', ...(counted ? { count: 1 } : {}) } },
      aws_ssm_parameter: { arn: { name: '/early-plan/arn', type: 'String', value: `arn=${arn}`, description } },
    },
  };
}

function synthesized(name: string, stacks: Record<string, Record<string, unknown>>): string {
  const root = path.join(dir, name);
  for (const [stackName, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(root, 'stacks', stackName), { recursive: true });
    fs.writeFileSync(path.join(root, 'stacks', stackName, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  }
  return root;
}

async function check(counted: boolean): Promise<{ result: ChangeCheckResult; steps: string[] }> {
  const steps: string[] = [];
  const label = counted ? 'counted' : 'plain';
  const result = await checkChanges({
    baseDir: synthesized(`${label}-base`, { app: stack('before', counted) }),
    currentDir: synthesized(`${label}-current`, { app: stack('after', counted) }),
    outDir: path.join(dir, `${label}-out`),
    onStackStep: (_stack, step) => steps.push(step),
  });
  return { result, steps };
}

/** The resources the check says change, with their actions. */
const changed = (result: ChangeCheckResult) =>
  result.changes.filter((change) => change.actions.join() !== 'no-op').map((change) => [change.address, change.actions]);
/** How often the stack was planned against its base. */
const currentPlans = (steps: readonly string[]) => steps.filter((step) => step === 'plan against the base').length;

describe('the current revision planned against the base while its state is built', () => {
  test('a base whose first state is final: the early plan is the answer, planned once', async () => {
    const { result, steps } = await check(false);
    expect(result.stacks[0].passes).toBe(1);
    expect(currentPlans(steps)).toBe(1);
    expect(changed(result)).toEqual([['aws_ssm_parameter.arn', ['update']]]);
  });

  test('a base that needs a second pass: the current revision is planned again against the final state, so only its own change shows', async () => {
    const { result, steps } = await check(true);
    // The parameter's value reads the counted log group's ARN, which only the first pass learns.
    expect(result.stacks[0].passes).toBe(2);
    expect(currentPlans(steps)).toBe(2);
    expect(changed(result)).toEqual([['aws_ssm_parameter.arn', ['update']]]);
    const plan = JSON.parse(fs.readFileSync(path.join(dir, 'counted-out', 'app', 'plan.json'), 'utf8'));
    const parameter = plan.resource_changes.find((change: { address: string }) => change.address === 'aws_ssm_parameter.arn');
    expect(parameter.change.before.value).toBe(parameter.change.after.value);
  });
});
