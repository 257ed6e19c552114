import { changeAction, classifyPlan, formatAttributePath, resourceAddress, ResourceChange, riskyChanges } from '../../harness/changes';
import { STATEFUL_TYPES } from '../../core/stateful';
import { TerraformPlan } from '../../harness/plan-json';

type PlanChange = NonNullable<TerraformPlan['resource_changes']>[number];

function change(
  address: string,
  actions: string[],
  extra: Partial<PlanChange> & { replace_paths?: (string | number)[][] } = {},
): PlanChange {
  const { replace_paths, ...rest } = extra;
  const [type, name] = address.replace(/^data\./, '').split('.');
  return {
    address,
    mode: address.startsWith('data.') ? 'data' : 'managed',
    type,
    name: name.replace(/\[.*$/, ''),
    change: { actions, ...(replace_paths ? { replace_paths } : {}) },
    ...rest,
  };
}

const PLAN = {
  resource_changes: [
    change('aws_vpc.network', ['no-op']),
    change('aws_subnet.public', ['delete', 'create'], { replace_paths: [['cidr_block']], action_reason: 'replace_because_cannot_update' }),
    change('aws_launch_template.web', ['create', 'delete'], { replace_paths: [['block_device_mappings', 0, 'ebs', 0, 'volume_size']] }),
    change('aws_db_instance.database', ['delete', 'create'], { replace_paths: [['db_name']] }),
    change('aws_s3_bucket.site', ['delete']),
    change('aws_efs_file_system.files', ['update']),
    change('aws_secretsmanager_secret.admin', ['create']),
    change('aws_efs_mount_target.a["eu-west-1a"]', ['delete']),
    change('aws_db_instance.renamed', ['no-op'], { previous_address: 'aws_db_instance.old' }),
    change('data.aws_region.current', ['read']),
  ],
};

describe('classifyPlan', () => {
  const changes = classifyPlan('dev', PLAN);
  const byAddress = (address: string) => changes.find((item) => item.address === address)!;

  test('gives each managed instance one action, replace for either delete/create order, and leaves data sources out', () => {
    expect(changes.map((item) => [item.address, item.actions])).toEqual([
      ['aws_vpc.network', ['no-op']],
      ['aws_subnet.public', ['replace']],
      ['aws_launch_template.web', ['replace']],
      ['aws_db_instance.database', ['replace']],
      ['aws_s3_bucket.site', ['destroy']],
      ['aws_efs_file_system.files', ['update']],
      ['aws_secretsmanager_secret.admin', ['create']],
      ['aws_efs_mount_target.a["eu-west-1a"]', ['destroy']],
      ['aws_db_instance.renamed', ['no-op']],
    ]);
    expect(changes.every((item) => item.stack === 'dev')).toBe(true);
  });

  test('names the attributes that force a replacement as HCL paths', () => {
    expect(byAddress('aws_subnet.public').forcing).toEqual(['cidr_block']);
    expect(byAddress('aws_launch_template.web').forcing).toEqual(['block_device_mappings[0].ebs[0].volume_size']);
    expect(byAddress('aws_vpc.network').forcing).toEqual([]);
  });

  test('says which replacements create the new object first', () => {
    expect(byAddress('aws_launch_template.web').createBeforeDestroy).toBe(true);
    expect(byAddress('aws_subnet.public').createBeforeDestroy).toBe(false);
    expect(byAddress('aws_vpc.network').createBeforeDestroy).toBeUndefined();
  });

  test('marks databases, file systems, buckets and secrets stateful, and networks not', () => {
    expect(changes.filter((item) => item.stateful).map((item) => item.type)).toEqual([
      'aws_db_instance',
      'aws_s3_bucket',
      'aws_efs_file_system',
      'aws_secretsmanager_secret',
      'aws_db_instance',
    ]);
    for (const type of ['aws_db_instance', 'aws_rds_cluster', 'aws_efs_file_system', 'aws_s3_bucket', 'aws_secretsmanager_secret']) {
      expect(STATEFUL_TYPES.has(type)).toBe(true);
    }
  });

  test('reports a move made by a moved block as declared', () => {
    expect(byAddress('aws_db_instance.renamed').moved).toEqual({
      from: 'aws_db_instance.old',
      to: 'aws_db_instance.renamed',
      declared: true,
    });
    expect(byAddress('aws_db_instance.database').moved).toBeUndefined();
  });

  test('marks a replaced or destroyed resource configured with prevent_destroy, instance keys included', () => {
    const guarded = classifyPlan('dev', PLAN, {
      preventDestroy: ['aws_db_instance.database', 'aws_efs_mount_target.a', 'aws_efs_file_system.files', 'aws_vpc.network'],
    });
    expect(guarded.filter((item) => item.blockedByPreventDestroy).map((item) => item.address)).toEqual([
      'aws_db_instance.database',
      'aws_efs_mount_target.a["eu-west-1a"]',
    ]);
  });

  test('an unknown action is an error rather than a silent no-op', () => {
    expect(() => changeAction(['explode'])).toThrow(/unexpected plan action "explode"/);
  });
});

describe('riskyChanges', () => {
  const changes: ResourceChange[] = classifyPlan('dev', PLAN);

  test('are the stateful resources replaced or destroyed', () => {
    expect(riskyChanges(changes, []).map((item) => item.address)).toEqual(['aws_db_instance.database', 'aws_s3_bucket.site']);
  });

  test('leave out each address named in allowReplace, and only those', () => {
    expect(riskyChanges(changes, ['aws_db_instance.database']).map((item) => item.address)).toEqual(['aws_s3_bucket.site']);
    expect(riskyChanges(changes, ['aws_db_instance.database', 'aws_s3_bucket.site'])).toEqual([]);
    expect(riskyChanges(changes, ['aws_db_instance.other']).map((item) => item.address)).toHaveLength(2);
  });

  test('a resource address allows each of its instances', () => {
    const instances = classifyPlan('dev', {
      resource_changes: [change('aws_s3_bucket.logs[0]', ['delete']), change('aws_s3_bucket.logs[1]', ['delete'])],
    });
    expect(riskyChanges(instances, ['aws_s3_bucket.logs'])).toEqual([]);
    expect(riskyChanges(instances, ['aws_s3_bucket.logs[0]']).map((item) => item.address)).toEqual(['aws_s3_bucket.logs[1]']);
  });
});

describe('helpers', () => {
  test('resourceAddress drops a count index or for_each key', () => {
    expect(resourceAddress('aws_x.a[0]')).toBe('aws_x.a');
    expect(resourceAddress('aws_x.a["eu-west-1a"]')).toBe('aws_x.a');
    expect(resourceAddress('aws_x.a')).toBe('aws_x.a');
  });

  test('formatAttributePath writes names with dots and indexes in brackets', () => {
    expect(formatAttributePath(['tags', 'Name'])).toBe('tags.Name');
    expect(formatAttributePath(['ingress', 2, 'cidr_blocks'])).toBe('ingress[2].cidr_blocks');
  });
});
