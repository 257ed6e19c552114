import { TerraformState } from '../../harness/base-state';
import { TerraformPlan } from '../../harness/plan-json';
import { combineStates, moduleChanges, moduleProviderAddress, reportBatchFailure } from '../../harness/stand-in-batch';

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';
const BUILTIN = 'provider["terraform.io/builtin/terraform"]';

const stack = {
  terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
  provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us-east-1', region: 'us-east-1' }] },
};

describe('moduleProviderAddress', () => {
  test("puts a configuration the stack declares under the stack's module, alias and all", () => {
    expect(moduleProviderAddress(AWS, 's0', stack)).toBe(`module.s0.${AWS}`);
    expect(moduleProviderAddress(`${AWS}.us-east-1`, 's1', stack)).toBe(`module.s1.${AWS}.us-east-1`);
  });

  test("leaves a provider the stack only uses, or an alias it does not declare, to the root's default", () => {
    expect(moduleProviderAddress(BUILTIN, 's0', stack)).toBe(BUILTIN);
    expect(moduleProviderAddress(`${AWS}.eu-central-1`, 's0', stack)).toBe(`${AWS}.eu-central-1`);
    expect(moduleProviderAddress(AWS, 's0', { terraform: stack.terraform })).toBe(AWS);
  });

  test('matches the local name through required_providers, whatever the source spelling', () => {
    const renamed = {
      terraform: { required_providers: { amazon: { source: 'hashicorp/aws' } } },
      provider: { amazon: { region: 'eu-west-1' } },
    };
    expect(moduleProviderAddress(AWS, 's2', renamed)).toBe(`module.s2.${AWS}`);
  });

  test('refuses an address it cannot read', () => {
    expect(() => moduleProviderAddress('aws', 's0', stack)).toThrow(/unexpected provider address/);
  });
});

const state = (lineage: string, resources: TerraformState['resources']): TerraformState => ({
  version: 4,
  terraform_version: '1.11.4',
  serial: 3,
  lineage,
  outputs: {},
  resources,
  check_results: null,
});

describe('combineStates', () => {
  test("holds every stack's resources under its module, with its provider addresses, and the serial asked for", () => {
    const vpc = { schema_version: 1, attributes: { id: 'vpc-1' }, sensitive_attributes: [] };
    const choice = { schema_version: 0, attributes: { id: 'choice' }, sensitive_attributes: [] };
    const combined = combineStates(
      [
        {
          moduleName: 's0',
          stack,
          state: state('lineage-a', [{ mode: 'managed', type: 'aws_vpc', name: 'main', provider: AWS, instances: [vpc] }]),
        },
        {
          moduleName: 's1',
          stack,
          state: state('lineage-b', [{ mode: 'managed', type: 'terraform_data', name: 'choice', provider: BUILTIN, instances: [choice] }]),
        },
      ],
      7,
    );
    expect(combined).toEqual({
      ...state('lineage-a', [
        { module: 'module.s0', mode: 'managed', type: 'aws_vpc', name: 'main', provider: `module.s0.${AWS}`, instances: [vpc] },
        { module: 'module.s1', mode: 'managed', type: 'terraform_data', name: 'choice', provider: BUILTIN, instances: [choice] },
      ]),
      serial: 7,
    });
  });
});

describe('moduleChanges', () => {
  test("keeps the module's own changes, with the stack's addresses", () => {
    const change = (address: string, module_address?: string) => ({
      address,
      ...(module_address ? { module_address } : {}),
      mode: 'managed' as const,
      type: 'aws_vpc',
      name: 'main',
      change: { actions: ['update'] },
    });
    const plan = {
      resource_changes: [
        change('module.s0.aws_vpc.main', 'module.s0'),
        change('module.s1.aws_vpc.main', 'module.s1'),
        change('aws_vpc.main'),
      ],
    } as unknown as TerraformPlan;
    expect(moduleChanges(plan, 's1').resource_changes).toEqual([change('aws_vpc.main')]);
    expect(moduleChanges(plan, 's2').resource_changes).toEqual([]);
  });
});

describe('reportBatchFailure', () => {
  test('one paragraph on stderr: the modules and their stacks, then the first lines of the error', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      reportBatchFailure(['dev', 'dev-website'], new Error('terraform plan failed in /tmp/x:\n\nError: one\n two\nthree\nfour\nfive\nsix'));
      expect(write).toHaveBeenCalledTimes(1);
      expect(write.mock.calls[0][0]).toBe(
        "The stand-in states of 2 stacks could not be built together (modules s0 = dev, s1 = dev-website); building each stack's " +
          'state on its own to name the error. First lines of the error: terraform plan failed in /tmp/x: | Error: one | two | three | four | ... (2 more)\n',
      );
    } finally {
      write.mockRestore();
    }
  });
});
