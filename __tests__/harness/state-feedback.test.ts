import { TerraformState } from '../../harness/base-state';
import { TerraformPlan } from '../../harness/plan-json';
import { changedAddresses, feedPlanIntoState, mergeKnown, stateInstance } from '../../harness/state-feedback';

/** A state holding `resources`, the rest as Terraform writes it. */
const stateOf = (resources: unknown[]): TerraformState =>
  ({
    version: 4,
    terraform_version: '1.11.0',
    serial: 1,
    lineage: 'l',
    outputs: {},
    check_results: null,
    resources,
  }) as unknown as TerraformState;

describe('mergeKnown', () => {
  test('takes what the plan knows and keeps the state value where it is unknown, at any depth', () => {
    const before = { id: 'vpc-1', policy: null, rules: [{ a: 1, b: 'x' }], tags: { Name: 'n' } };
    const after = { policy: '{"Statement":[]}', rules: [{ a: 2 }], tags: { Name: 'm' } };
    const unknown = { id: true, rules: [{ b: true }] };
    expect(mergeKnown(before, after, unknown)).toEqual({
      id: 'vpc-1',
      policy: '{"Statement":[]}',
      rules: [{ a: 2, b: 'x' }],
      tags: { Name: 'm' },
    });
  });
});

describe('feedPlanIntoState', () => {
  const state = (): TerraformState =>
    stateOf([
      {
        mode: 'managed',
        type: 'aws_iam_role_policy',
        name: 'p',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes: { id: 'p', policy: null }, sensitive_attributes: [] }],
      },
      {
        mode: 'managed',
        type: 'aws_subnet',
        name: 's',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 1, attributes: { id: 'subnet-1' }, sensitive_attributes: [], index_key: 0 }],
      },
    ]);
  const plan = {
    resource_changes: [
      {
        address: 'aws_iam_role_policy.p',
        mode: 'managed',
        type: 'aws_iam_role_policy',
        name: 'p',
        change: { actions: ['update'], after: { id: 'p', policy: '{}' }, after_unknown: {}, after_sensitive: { policy: true } },
      },
      {
        address: 'aws_subnet.s[0]',
        mode: 'managed',
        type: 'aws_subnet',
        name: 's',
        index: 0,
        change: { actions: ['no-op'], after: { id: 'other' } },
      },
    ],
  } as unknown as TerraformPlan;

  test('writes the planned values and sensitivity of changed resources only, and bumps the serial', () => {
    const built = state();
    expect(feedPlanIntoState(built, plan)).toEqual(['aws_iam_role_policy.p']);
    expect(stateInstance(built, 'aws_iam_role_policy.p')).toMatchObject({
      attributes: { policy: '{}' },
      sensitive_attributes: [[{ type: 'get_attr', value: 'policy' }]],
    });
    expect(stateInstance(built, 'aws_subnet.s[0]')?.attributes.id).toBe('subnet-1');
    expect(built.serial).toBe(2);
    expect(changedAddresses(plan)).toEqual(['aws_iam_role_policy.p']);
  });
});

describe('feedPlanIntoState with a dynamically-typed attribute', () => {
  test('keeps the value in the form of the state with its type when the plan shows it bare', () => {
    const state = stateOf([
      {
        mode: 'managed',
        type: 'terraform_data',
        name: 'choice',
        provider: 'provider["terraform.io/builtin/terraform"]',
        instances: [
          { schema_version: 0, attributes: { id: 'x', input: { value: { runtime: 'a' }, type: ['object', { runtime: 'string' }] } } },
        ],
      },
    ]);
    const plan = {
      resource_changes: [
        {
          address: 'terraform_data.choice',
          mode: 'managed',
          type: 'terraform_data',
          name: 'choice',
          change: { actions: ['update'], after: { id: 'x', input: { runtime: 'b' } }, after_unknown: {} },
        },
      ],
    } as unknown as TerraformPlan;
    feedPlanIntoState(state, plan);
    expect(stateInstance(state, 'terraform_data.choice')!.attributes.input).toEqual({
      value: { runtime: 'b' },
      type: ['object', { runtime: 'string' }],
    });
  });
});
