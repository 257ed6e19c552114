import { splitBatchPlan } from '../../harness/plan-batch-split';

// The split on a hand-written combined plan with every top-level key and each kind of address
// Terraform writes (jsonplan, jsonconfig, jsonchecks): what a real plan holds, and that a part of
// it equals the stack planned alone, is tested with real terraform (plan-batch.plan.test.ts and
// plan-batch-equivalence.plan.test.ts).

const change = (address: string, module_address?: string, extra: Record<string, unknown> = {}) => ({
  address,
  ...(module_address ? { module_address } : {}),
  mode: 'managed',
  type: 'aws_vpc',
  name: address.split('.').pop(),
  provider_name: 'registry.terraform.io/hashicorp/aws',
  change: { actions: ['create'], before: null, after: {}, after_unknown: {} },
  ...extra,
});
const checkAddress = (to_display: string, module?: string) => ({ to_display, ...(module ? { module } : {}) });

/** Two stacks: s0 with a nested module, a moved resource, a check and an output; s1 with one resource. */
function combinedPlan(): Record<string, any> {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: {
      outputs: { s0__vpc_id: { sensitive: false }, s1__name: { sensitive: true, type: 'string', value: 'x' } },
      root_module: {
        child_modules: [
          {
            address: 'module.s0',
            resources: [{ address: 'module.s0.aws_vpc.main', name: 'main', values: {} }],
            child_modules: [{ address: 'module.s0.module.net', resources: [{ address: 'module.s0.module.net.aws_subnet.a', values: {} }] }],
          },
          { address: 'module.s1', resources: [{ address: 'module.s1.aws_vpc.other', values: {} }] },
        ],
      },
    },
    resource_drift: [change('module.s1.aws_vpc.other', 'module.s1')],
    resource_changes: [
      change('module.s0.aws_vpc.main', 'module.s0', { previous_address: 'module.s0.aws_vpc.old' }),
      change('module.s0.module.net.aws_subnet.a', 'module.s0.module.net'),
      change('module.s1.aws_vpc.other', 'module.s1'),
    ],
    output_changes: {
      s0__vpc_id: { actions: ['create'], after_unknown: true },
      s1__name: { actions: ['no-op'], after: 'x' },
    },
    prior_state: {
      format_version: '1.0',
      terraform_version: '1.11.4',
      values: {
        outputs: { s1__name: { sensitive: true, value: 'x', type: 'string' } },
        root_module: { child_modules: [{ address: 'module.s0', resources: [{ address: 'module.s0.data.aws_region.here', values: {} }] }] },
      },
    },
    configuration: {
      provider_config: {
        'module.s0:aws': {
          name: 'aws',
          full_name: 'registry.terraform.io/hashicorp/aws',
          module_address: 'module.s0',
          expressions: { region: {} },
        },
        'module.s0:aws.us': { name: 'aws', alias: 'us', module_address: 'module.s0' },
        'module.s0.module.net:aws': { name: 'aws', module_address: 'module.s0.module.net' },
        'module.s1:aws': { name: 'aws', module_address: 'module.s1' },
      },
      root_module: {
        outputs: { s0__vpc_id: { expression: { references: ['module.s0.vpc_id', 'module.s0'] } } },
        module_calls: {
          s0: {
            source: './s0',
            module: {
              outputs: { vpc_id: { expression: { references: ['aws_vpc.main.id', 'aws_vpc.main'] } } },
              resources: [{ address: 'aws_vpc.main', provider_config_key: 'module.s0:aws', expressions: {} }],
              module_calls: {
                net: {
                  source: './net',
                  module: { resources: [{ address: 'aws_subnet.a', provider_config_key: 'module.s0.module.net:aws' }] },
                },
              },
            },
          },
          s1: { source: './s1', module: { resources: [{ address: 'aws_vpc.other', provider_config_key: 'module.s1:aws' }] } },
        },
      },
    },
    relevant_attributes: [
      { resource: 'module.s0.aws_vpc.main', attribute: ['id'] },
      { resource: 'module.s1.aws_vpc.other', attribute: ['arn'] },
    ],
    checks: [
      {
        address: { kind: 'resource', ...checkAddress('module.s0.module.net.aws_subnet.a', 'module.s0.module.net') },
        status: 'unknown',
        instances: [{ address: checkAddress('module.s0.module.net.aws_subnet.a', 'module.s0.module.net'), status: 'unknown' }],
      },
      { address: { kind: 'output_value', ...checkAddress('module.s0.output.vpc_id', 'module.s0') }, status: 'pass' },
    ],
    timestamp: '2026-12-07T21:46:20Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

describe("cutting a stack's plan out of a combined plan", () => {
  test('every address is made relative to the stack, each by the rule of its field', () => {
    const plan = splitBatchPlan(combinedPlan(), 0) as Record<string, any>;
    expect(plan.planned_values).toEqual({
      outputs: { vpc_id: { sensitive: false } },
      root_module: {
        resources: [{ address: 'aws_vpc.main', name: 'main', values: {} }],
        child_modules: [{ address: 'module.net', resources: [{ address: 'module.net.aws_subnet.a', values: {} }] }],
      },
    });
    expect(plan.resource_changes).toEqual([
      change('aws_vpc.main', undefined, { previous_address: 'aws_vpc.old' }),
      change('module.net.aws_subnet.a', 'module.net'),
    ]);
    expect(plan.output_changes).toEqual({ vpc_id: { actions: ['create'], after_unknown: true } });
    expect(plan.prior_state.values).toEqual({ root_module: { resources: [{ address: 'data.aws_region.here', values: {} }] } });
    expect(plan.configuration).toEqual({
      provider_config: {
        aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: {} } },
        'aws.us': { name: 'aws', alias: 'us' },
        'module.net:aws': { name: 'aws', module_address: 'module.net' },
      },
      root_module: {
        outputs: { vpc_id: { expression: { references: ['aws_vpc.main.id', 'aws_vpc.main'] } } },
        resources: [{ address: 'aws_vpc.main', provider_config_key: 'aws', expressions: {} }],
        module_calls: {
          net: { source: './net', module: { resources: [{ address: 'aws_subnet.a', provider_config_key: 'module.net:aws' }] } },
        },
      },
    });
    expect(plan.relevant_attributes).toEqual([{ resource: 'aws_vpc.main', attribute: ['id'] }]);
    expect(plan.checks).toEqual([
      {
        address: { kind: 'resource', ...checkAddress('module.net.aws_subnet.a', 'module.net') },
        status: 'unknown',
        instances: [{ address: checkAddress('module.net.aws_subnet.a', 'module.net'), status: 'unknown' }],
      },
      { address: { kind: 'output_value', ...checkAddress('output.vpc_id') }, status: 'pass' },
    ]);
    expect(plan).toMatchObject({ format_version: '1.2', terraform_version: '1.11.4', timestamp: '2026-12-07T21:46:20Z' });
    expect(plan).toMatchObject({ applyable: true, complete: true, errored: false });
  });

  test("what the stack's own plan leaves out is left out, and applyable is the stack's own", () => {
    const batch = combinedPlan();
    // s1 with nothing to change: a no-op output, no resource change, no relevant attribute, no check.
    batch.resource_changes = batch.resource_changes.slice(0, 2);
    batch.relevant_attributes = batch.relevant_attributes.slice(0, 1);
    const plan = splitBatchPlan(batch, 1) as Record<string, any>;
    expect(plan).not.toHaveProperty('resource_changes');
    expect(plan).not.toHaveProperty('checks');
    expect(plan).not.toHaveProperty('relevant_attributes');
    expect(plan.resource_drift).toEqual([change('aws_vpc.other')]);
    expect(plan.applyable).toBe(false);
    // Its prior state is its root output alone; with neither, there is none.
    expect(plan.prior_state.values).toEqual({ outputs: { name: { sensitive: true, value: 'x', type: 'string' } }, root_module: {} });
    delete batch.prior_state.values.outputs;
    expect(splitBatchPlan(batch, 1)).not.toHaveProperty('prior_state');
    // Key order is Terraform's.
    expect(Object.keys(plan)).toEqual([
      'format_version',
      'terraform_version',
      'planned_values',
      'resource_drift',
      'output_changes',
      'prior_state',
      'configuration',
      'timestamp',
      'applyable',
      'complete',
      'errored',
    ]);
  });

  test('a top-level key the split does not know fails it, naming the key', () => {
    const batch = { ...combinedPlan(), action_invocations: [] };
    expect(() => splitBatchPlan(batch, 0)).toThrow(
      /the combined plan has top-level key\(s\) action_invocations that harness\/plan-batch-split\.ts does not know/,
    );
    const configuration = combinedPlan();
    configuration.configuration.module_sources = {};
    expect(() => splitBatchPlan(configuration, 0)).toThrow(/configuration key\(s\) module_sources/);
  });

  test('what a batch never holds fails the split instead of being dropped', () => {
    const refused: [string, (batch: Record<string, any>) => void, RegExp][] = [
      ['deferred changes', (batch) => (batch.deferred_changes = []), /deferred changes/],
      ['root variables', (batch) => (batch.variables = { region: { value: 'x' } }), /root variables/],
      ['an incomplete plan', (batch) => (batch.complete = false), /incomplete/],
      ['a root provider', (batch) => (batch.configuration.provider_config.aws = { name: 'aws' }), /root configures providers \(aws\)/],
      [
        'a resource on a provider outside the stack',
        (batch) => {
          batch.configuration.root_module.module_calls.s0.module.resources[0].provider_config_key = 'module.s1:aws';
        },
        /module\.s1:aws is not in module\.s0/,
      ],
    ];
    for (const [, change, error] of refused) {
      const batch = combinedPlan();
      change(batch);
      expect(() => splitBatchPlan(batch, 0)).toThrow(error);
    }
  });
});
