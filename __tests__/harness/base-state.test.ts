import { buildBaseState, sensitivePaths } from '../../harness/base-state';
import { TerraformPlan } from '../../harness/plan-json';
import { ProviderSchemas } from '../../harness/provider-schema';

const AWS = 'registry.terraform.io/hashicorp/aws';
const schemas: ProviderSchemas = {
  [AWS]: {
    aws_vpc: {
      version: 1,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          cidr_block: { type: 'string', optional: true },
          arn: { type: 'string', computed: true },
          ipv6_native: { type: 'bool', optional: true, computed: true },
        },
      },
    },
    aws_subnet: {
      version: 1,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          vpc_id: { type: 'string', required: true },
          cidr_block: { type: 'string', optional: true },
          tags: { type: ['map', 'string'], optional: true },
          ipv6_cidr_block_association_id: { type: 'string', computed: true },
        },
        block_types: { timeouts: { nesting_mode: 'single', block: { attributes: { create: { type: 'string', optional: true } } } } },
      },
    },
    aws_db_instance: {
      version: 2,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          password: { type: 'string', optional: true },
          master_user_secret: { type: ['list', ['object', { secret_arn: 'string', kms_key_id: 'string' }]], computed: true },
          vpc_security_group_ids: { type: ['set', 'string'], optional: true, computed: true },
          fifo_throughput_scope: { type: 'string', optional: true, computed: true },
        },
        block_types: {
          restore_to_point_in_time: { nesting_mode: 'list', block: { attributes: { time: { type: 'string', optional: true } } } },
        },
      },
    },
  },
};

const change = (
  address: string,
  after: Record<string, unknown>,
  afterUnknown: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => {
  const [type, rest] = address.split('.');
  return {
    address,
    mode: 'managed',
    type,
    name: rest.replace(/\[.*$/, ''),
    change: { actions: ['create'], after, after_unknown: afterUnknown, ...extra },
    ...(extra.index !== undefined ? { index: extra.index } : {}),
  };
};

const plan = {
  terraform_version: '1.11.4',
  resource_changes: [
    change('aws_vpc.main', { cidr_block: '10.0.0.0/16', ipv6_native: false }, { id: true, arn: true }),
    change(
      'aws_subnet.a[0]',
      { cidr_block: '10.0.1.0/24', tags: { Name: 'a' }, timeouts: null },
      { id: true, vpc_id: true, ipv6_cidr_block_association_id: true },
      { index: 0 },
    ),
    change(
      'aws_db_instance.db',
      { password: 'secret', restore_to_point_in_time: [] },
      { id: true, master_user_secret: true, vpc_security_group_ids: true, fifo_throughput_scope: true },
      { after_sensitive: { password: true } },
    ),
    { address: 'data.aws_region.current', mode: 'data', type: 'aws_region', name: 'current', change: { actions: ['read'] } },
  ],
  relevant_attributes: [
    { resource: 'aws_vpc.main', attribute: ['id'] },
    { resource: 'aws_db_instance.db', attribute: ['master_user_secret', 0, 'secret_arn'] },
  ],
  configuration: {
    provider_config: { aws: { name: 'aws', full_name: AWS } },
    root_module: {
      resources: [
        { address: 'aws_vpc.main', provider_config_key: 'aws' },
        { address: 'aws_subnet.a', provider_config_key: 'aws' },
        { address: 'aws_db_instance.db', provider_config_key: 'aws' },
      ],
    },
  },
} as unknown as TerraformPlan;

const config = { resource: { aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.1.0/24' } } } };
const state = buildBaseState(plan, { stack: 'dev', schemas, config, region: 'eu-west-1', account: '111122223333' });
const instance = (type: string) => state.resources.find((resource) => resource.type === type)!.instances[0];

describe('buildBaseState', () => {
  test('writes a version 4 state of the managed resources, with provider, schema_version and index_key', () => {
    expect(state).toMatchObject({ version: 4, terraform_version: '1.11.4', serial: 1 });
    expect(state.lineage).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(state.resources.map((resource) => [resource.type, resource.name, resource.provider])).toEqual([
      ['aws_vpc', 'main', `provider["${AWS}"]`],
      ['aws_subnet', 'a', `provider["${AWS}"]`],
      ['aws_db_instance', 'db', `provider["${AWS}"]`],
    ]);
    expect(instance('aws_subnet')).toMatchObject({ schema_version: 1, index_key: 0 });
    expect(instance('aws_db_instance').schema_version).toBe(2);
  });

  test('carries every attribute of the schema, typed, and the values the plan knows', () => {
    expect(Object.keys(instance('aws_vpc').attributes).sort()).toEqual(['arn', 'cidr_block', 'id', 'ipv6_native']);
    expect(instance('aws_vpc').attributes).toMatchObject({ cidr_block: '10.0.0.0/16', ipv6_native: false, arn: null });
    expect(instance('aws_subnet').attributes).toMatchObject({ tags: { Name: 'a' }, timeouts: null, ipv6_cidr_block_association_id: null });
  });

  test('a pure reference copies the referenced stand-in, so both sides see the same id', () => {
    expect(instance('aws_vpc').attributes.id).toMatch(/^vpc-0[0-9a-f]{16}$/);
    expect(instance('aws_subnet').attributes.vpc_id).toBe(instance('aws_vpc').attributes.id);
    expect(instance('aws_subnet').attributes.id).toMatch(/^subnet-0[0-9a-f]{16}$/);
  });

  test('a computed nested block the configuration indexes gets its element; unread computed values stay null or empty', () => {
    expect(instance('aws_db_instance').attributes.master_user_secret).toEqual([
      { secret_arn: expect.stringMatching(/^arn:aws:secretsmanager:eu-west-1:111122223333:secret:/), kms_key_id: null },
    ]);
    expect(instance('aws_db_instance').attributes.fifo_throughput_scope).toBeNull();
    expect(instance('aws_db_instance').attributes.vpc_security_group_ids).toEqual([]);
    expect(instance('aws_db_instance').attributes.restore_to_point_in_time).toEqual([]);
  });

  test('records the sensitive attributes, which Terraform compares as part of the value', () => {
    expect(instance('aws_db_instance').sensitive_attributes).toEqual([[{ type: 'get_attr', value: 'password' }]]);
    expect(sensitivePaths({ a: [false, { b: true }] })).toEqual([
      [
        { type: 'get_attr', value: 'a' },
        { type: 'index', value: { value: 1, type: 'number' } },
        { type: 'get_attr', value: 'b' },
      ],
    ]);
  });

  test('a preset puts the stand-in its dependents were planned with at its path, also inside a computed nested block', () => {
    const presets = new Map([
      [
        'aws_vpc.main',
        [
          { path: ['arn'], value: 'arn:aws:ec2:eu-west-1:111122223333:vpc/preset' },
          // The plan knows the CIDR: what AWS would report, so the preset does not replace it.
          { path: ['cidr_block'], value: '10.255.0.0/16' },
        ],
      ],
      [
        'aws_db_instance.db',
        [{ path: ['master_user_secret', 0, 'secret_arn'], value: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:preset' }],
      ],
    ]);
    const preset = buildBaseState(plan, { stack: 'dev', schemas, config, presets, region: 'eu-west-1', account: '111122223333' });
    const attributes = (type: string) => preset.resources.find((resource) => resource.type === type)!.instances[0].attributes;
    expect(attributes('aws_vpc').arn).toBe('arn:aws:ec2:eu-west-1:111122223333:vpc/preset');
    expect(attributes('aws_vpc').cidr_block).toBe('10.0.0.0/16');
    expect(attributes('aws_db_instance').master_user_secret).toEqual([
      { secret_arn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:preset', kms_key_id: null },
    ]);
    // Everything else is as without presets.
    expect({ ...attributes('aws_subnet') }).toEqual(instance('aws_subnet').attributes);
  });

  test('a preset of a whole collection the plan knows only in part (known keys, unknown values) replaces it', () => {
    const partial = {
      ...plan,
      resource_changes: [
        change(
          'aws_db_instance.db',
          { master_user_secret: [{ kms_key_id: 'key' }] },
          { id: true, master_user_secret: [{ secret_arn: true }] },
        ),
      ],
    } as unknown as TerraformPlan;
    const secret = [{ secret_arn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:preset', kms_key_id: 'key' }];
    const presets = new Map([['aws_db_instance.db', [{ path: ['master_user_secret'], value: secret }]]]);
    const built = buildBaseState(partial, { stack: 'dev', schemas, config: {}, presets, region: 'eu-west-1', account: '111122223333' });
    expect(built.resources[0].instances[0].attributes.master_user_secret).toEqual(secret);
  });

  test('the same plan always gives the same state', () => {
    expect(buildBaseState(plan, { stack: 'dev', schemas, config, region: 'eu-west-1', account: '111122223333' })).toEqual(state);
  });

  test('a type the schemas lack is an error naming it', () => {
    expect(() =>
      buildBaseState(plan, { stack: 'dev', schemas: { [AWS]: {} }, config, region: 'eu-west-1', account: '111122223333' }),
    ).toThrow(/no schema for aws_vpc/);
  });
});
