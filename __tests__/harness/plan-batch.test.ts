import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { batchRefusal, planStacksOffline, prepareBatchWorkspace } from '../../harness/plan-batch';
import { TERRAFORM_BINARY_ENV } from '../../harness/terraform-cli';
import { writeStack } from '../support/plan-fixtures';

// Which stacks go into a combined plan and what its root declares, with terraform replaced by a
// recorder (fake-terraform.js). What the combined plan holds, and that each part of it equals the
// stack planned alone, is tested with real terraform (plan-batch.plan.test.ts,
// plan-batch-equivalence.plan.test.ts).
const FAKE_TERRAFORM = path.join(__dirname, '..', 'support', 'fake-terraform.js');
const stackDir = (name: string, stack: Record<string, unknown>) =>
  writeStack(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'batch-')), name), stack);
const withData = (name: string, extra: Record<string, unknown> = {}) => ({
  resource: { terraform_data: { [name]: {} } },
  output: { id: { value: `\${terraform_data.${name}.id}` }, secret: { value: 'x', sensitive: true } },
  ...extra,
});

describe('the combined plan of several stacks', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("the root declares no provider, calls each stack as a module and re-exports each stack's outputs", () => {
    const aws = { terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } } };
    const workDir = prepareBatchWorkspace([stackDir('one', withData('one', aws)), stackDir('two', withData('two'))]);
    expect(JSON.parse(fs.readFileSync(path.join(workDir, 'main.tf.json'), 'utf8'))).toEqual({
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
      module: { s0: { source: './s0' }, s1: { source: './s1' } },
      output: {
        s0__id: { value: '${module.s0.id}' },
        s0__secret: { value: '${module.s0.secret}', sensitive: true },
        s1__id: { value: '${module.s1.id}' },
        s1__secret: { value: '${module.s1.secret}', sensitive: true },
      },
    });
    // The stack keeps its own provider requirements, as a module.
    expect(JSON.parse(fs.readFileSync(path.join(workDir, 's0', 'main.tf.json'), 'utf8')).terraform).toEqual(aws.terraform);
  });

  test('a stack with input variables or import blocks is planned on its own, the others together', async () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'log-')), 'terraform.log');
    process.env[TERRAFORM_BINARY_ENV] = FAKE_TERRAFORM;
    process.env.FAKE_TERRAFORM_LOG = log;
    const withVariable = stackDir('configurable', withData('configurable', { variable: { region: { type: 'string' } } }));
    const withImport = stackDir('adopting', withData('adopting', { import: [{ to: 'terraform_data.adopting', id: 'x' }] }));
    expect(batchRefusal(JSON.parse(fs.readFileSync(path.join(withVariable, 'cdk.tf.json'), 'utf8')))).toBe('it declares input variables');
    expect(() => prepareBatchWorkspace([withImport])).toThrow(/cannot be planned in a batch: it has import blocks/);

    const [one, two] = [stackDir('one', withData('one')), stackDir('two', withData('two'))];
    const steps: string[] = [];
    let combined: readonly string[] = [];
    const plans = await planStacksOffline([withVariable, one, withImport, two], {
      onStep: (step) => steps.push(step),
      onCombined: (dirs) => (combined = dirs),
    });
    expect(plans).toHaveLength(4);
    expect(combined).toEqual([one, two]);
    expect(steps.filter((step) => step.includes('on its own'))).toEqual([
      'configurable is planned on its own: it declares input variables',
      'adopting is planned on its own: it has import blocks, which Terraform allows only in the root module',
    ]);
    const plansBy = (prefix: string) =>
      fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith(prefix) && line.split(' ')[1] === 'plan');
    expect(plansBy('offline-batch-')).toHaveLength(1);
    expect(plansBy('offline-plan-')).toHaveLength(2);
  });
});
