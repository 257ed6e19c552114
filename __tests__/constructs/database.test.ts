import { TEST_NETWORK, testNetwork } from '../support/network';
import { InstanceRole } from '../../constructs/instance-role';
import { SecurityGroup } from '../../constructs/security-group';
import { TerraformOutput } from 'cdktf';
import { Database, DatabaseProps } from '../../constructs/database';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';
import { EXISTING_GROUP_ID, existingGroup, rulesOn } from '../support/security-groups';
import { Peer } from '../../constructs/peer';

const SUBNETS = { 'eu-west-1b': 'subnet-b', 'eu-west-1a': 'subnet-a' };
const NAMES = { databaseName: 'shop', masterUsername: 'shopadmin' };

function synthDb(props: Partial<DatabaseProps> = {}) {
  return synthStack(
    (stack) => new Database(stack, 'db', { ...NAMES, name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS, ...props }),
  );
}

function expectPropError(props: Partial<DatabaseProps>, message: RegExp) {
  expect(() => synthDb(props)).toThrow(WebStackError);
  expect(() => synthDb(props)).toThrow(message);
}

describe('Database', () => {
  test('defaults: MySQL 8.4 on db.t4g.micro, encrypted gp3 20-100 GiB, private, single-AZ, 7 days of backups, final snapshot; the names as given', () => {
    const json = synthDb();
    const db = onlyResourceOf(json, 'aws_db_instance');
    expect(db).toMatchObject({
      identifier: 'web-dev',
      engine: 'mysql',
      engine_version: '8.4',
      instance_class: 'db.t4g.micro',
      db_name: 'shop',
      username: 'shopadmin',
      port: 3306,
      storage_type: 'gp3',
      allocated_storage: 20,
      max_allocated_storage: 100,
      storage_encrypted: true,
      publicly_accessible: false,
      multi_az: false,
      deletion_protection: false,
      backup_retention_period: 7,
      skip_final_snapshot: false,
      final_snapshot_identifier: expect.stringMatching(/^web-dev-final-[0-9a-f]{8}$/),
    });
    expect(db.lifecycle).toBeUndefined();
  });

  test('its new security group has a description that names no client, unless one is given', () => {
    expect(onlyResourceOf(synthDb(), 'aws_security_group').description).toBe('Database: MySQL from its clients only');
    expect(onlyResourceOf(synthDb({ securityGroupDescription: 'Orders: MySQL from the shop' }), 'aws_security_group').description).toBe(
      'Orders: MySQL from the shop',
    );
  });

  test('the master password is managed by RDS: no password attribute anywhere', () => {
    const json = synthDb();
    const db = onlyResourceOf(json, 'aws_db_instance');
    expect(db.manage_master_user_password).toBe(true);
    expect(db.password).toBeUndefined();
    expect(db.password_wo).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/"password"/);
  });

  test('the subnet group spans the private subnets and the instance uses it and its own security group', () => {
    const json = synthDb();
    const group = onlyResourceOf(json, 'aws_db_subnet_group');
    expect(group).toMatchObject({ name: 'web-dev-db', subnet_ids: ['subnet-a', 'subnet-b'] });
    const db = onlyResourceOf(json, 'aws_db_instance');
    expect(db.db_subnet_group_name).toBe(ref('aws_db_subnet_group', group, 'name'));
    expect(db.vpc_security_group_ids).toEqual([ref('aws_security_group', onlyResourceOf(json, 'aws_security_group'))]);
  });

  test('its security group admits nothing until wired, and declares 3306 as its default port', () => {
    let database: Database | undefined;
    const json = synthStack((stack) => {
      database = new Database(stack, 'db', { ...NAMES, name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS });
    });
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
    expect(database!.connections.defaultPort?.fromPort).toBe(3306);
  });

  test('multiAz, deletionProtection, sizes, backups and class are applied', () => {
    const json = synthDb({
      multiAz: true,
      deletionProtection: true,
      instanceClass: 'db.m7g.large',
      allocatedStorageGiB: 50,
      maxAllocatedStorageGiB: 200,
      backupRetentionDays: 14,
      engineVersion: '8.4.5',
      databaseName: 'blog',
      masterUsername: 'root_user',
    });
    expect(onlyResourceOf(json, 'aws_db_instance')).toMatchObject({
      multi_az: true,
      deletion_protection: true,
      instance_class: 'db.m7g.large',
      allocated_storage: 50,
      max_allocated_storage: 200,
      backup_retention_period: 14,
      engine_version: '8.4.5',
      db_name: 'blog',
      username: 'root_user',
    });
  });

  test('skipFinalSnapshot drops the final snapshot identifier', () => {
    const db = onlyResourceOf(synthDb({ skipFinalSnapshot: true }), 'aws_db_instance');
    expect(db.skip_final_snapshot).toBe(true);
    expect(db.final_snapshot_identifier).toBeUndefined();
  });

  test('the final snapshot is named anew by every setting that replaces the instance, and by nothing else', () => {
    // A fixed name would make the second replacement fail with DBSnapshotAlreadyExists.
    const finalSnapshot = (props: Partial<DatabaseProps>) => onlyResourceOf(synthDb(props), 'aws_db_instance').final_snapshot_identifier;
    const base = finalSnapshot({});
    // Settings whose change replaces the instance (ForceNew in the provider): each gives a new name.
    const replaced = [
      finalSnapshot({ databaseName: 'blog' }),
      finalSnapshot({ masterUsername: 'root_user' }),
      finalSnapshot({ name: 'web-dev2' }),
    ];
    expect(new Set([base, ...replaced]).size).toBe(4);
    expect(replaced[2]).toMatch(/^web-dev2-final-[0-9a-f]{8}$/);
    // In-place changes keep it, so a plan without a replacement shows no diff on it.
    for (const inPlace of [{ instanceClass: 'db.t4g.small' }, { allocatedStorageGiB: 50 }, { multiAz: true }, { preventDestroy: true }]) {
      expect(finalSnapshot(inPlace)).toBe(base);
    }
  });

  test('preventDestroy sets lifecycle.prevent_destroy on the instance and nothing else', () => {
    const json = synthDb({ preventDestroy: true });
    expect(onlyResourceOf(json, 'aws_db_instance').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResourceOf(json, 'aws_db_subnet_group').lifecycle).toBeUndefined();
  });

  test('exposes instanceIdentifier, instanceEndpoint, instanceEndpointAddress and the managed secret ARN as references', () => {
    const json = synthStack((stack) => {
      const db = new Database(stack, 'db', { ...NAMES, name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS });
      new TerraformOutput(stack, 'attributes', {
        value: [db.instanceIdentifier, db.instanceEndpoint, db.instanceEndpointAddress, db.secretArn],
      });
    });
    const db = onlyResourceOf(json, 'aws_db_instance');
    expect(json.output.attributes.value).toEqual([
      ref('aws_db_instance', db, 'identifier'),
      ref('aws_db_instance', db, 'endpoint'),
      ref('aws_db_instance', db, 'address'),
      ref('aws_db_instance', db, 'master_user_secret[0].secret_arn'),
    ]);
  });

  test('exports the error and slow query logs to log groups Terraform creates first, with a retention', () => {
    const json = synthDb();
    const db = onlyResourceOf(json, 'aws_db_instance');
    expect(db.enabled_cloudwatch_logs_exports).toEqual(['error', 'slowquery']);
    const groups = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(groups.map((g) => [g.name, g.retention_in_days])).toEqual([
      ['/aws/rds/instance/web-dev/error', Database.DEFAULT_LOG_RETENTION_DAYS],
      ['/aws/rds/instance/web-dev/slowquery', Database.DEFAULT_LOG_RETENTION_DAYS],
    ]);
    // Otherwise RDS may create them first, without retention, and the log group create fails.
    expect([...db.depends_on].sort()).toEqual(groups.map((g) => `aws_cloudwatch_log_group.${g.logicalId}`).sort());
  });

  test('a parameter group of the engine family writes the slow query log to a file', () => {
    const json = synthDb();
    const group = onlyResourceOf(json, 'aws_db_parameter_group');
    expect(group).toMatchObject({ family: 'mysql8.4', name_prefix: 'web-dev-', lifecycle: { create_before_destroy: true } });
    expect(group.name).toBeUndefined();
    expect(group.parameter).toEqual([
      { name: 'slow_query_log', value: '1' },
      { name: 'long_query_time', value: '2' },
      { name: 'log_output', value: 'FILE' },
    ]);
    expect(onlyResourceOf(json, 'aws_db_instance').parameter_group_name).toBe(ref('aws_db_parameter_group', group, 'name'));
  });

  test('logRetentionDays, slowQuerySeconds and a full engine version are applied', () => {
    const json = synthDb({ logRetentionDays: 90, slowQuerySeconds: 0.5, engineVersion: '8.0.39' });
    expect(resourcesOf(json, 'aws_cloudwatch_log_group').map((g) => g.retention_in_days)).toEqual([90, 90]);
    const group = onlyResourceOf(json, 'aws_db_parameter_group');
    expect(group.family).toBe('mysql8.0');
    expect(group.parameter).toContainEqual({ name: 'long_query_time', value: '0.5' });
  });

  test('error: every problem of the settings (findDatabaseProblems) stops the construct at once, naming the fields', () => {
    expectPropError(
      { name: 'Web_Dev', slowQuerySeconds: -1 },
      /name "Web_Dev" is not an RDS identifier.*\nslowQuerySeconds -1 is out of range/s,
    );
  });

  test('error: a single zone', () => {
    expectPropError(
      { subnetIds: { 'eu-west-1a': 'subnet-a' } },
      /subnetIds has 1 zone\(s\); a DB subnet group needs subnets in at least two/,
    );
  });

  test('the storage limit follows the size: 150 GiB gives 150/165, 10 % above it', () => {
    expect(onlyResourceOf(synthDb({ allocatedStorageGiB: 150 }), 'aws_db_instance')).toMatchObject({
      allocated_storage: 150,
      max_allocated_storage: 165,
    });
  });

  test('grantSecretRead lets a role read the master secret, and nothing else', () => {
    const json = synthStack((stack) => {
      const db = new Database(stack, 'db', { ...NAMES, name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS });
      db.grantSecretRead(new InstanceRole(stack, 'role', { name: 'web-dev-web' }));
    });
    const policy = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'ReadDatabaseSecret',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: ref('aws_db_instance', onlyResourceOf(json, 'aws_db_instance'), 'master_user_secret[0].secret_arn'),
      },
    ]);
    expect(policy.role).toBe(ref('aws_iam_role', onlyResourceOf(json, 'aws_iam_role')));
  });

  test('an existing subnet group and security group are used instead of new ones', () => {
    const json = synthStack((stack) => {
      const securityGroup = new SecurityGroup(stack, 'own-sg', {
        vpcId: TEST_NETWORK.vpcId,
        name: 'own-db',
        description: 'Our database group',
      });
      new Database(stack, 'db', {
        ...NAMES,
        name: 'web-dev',
        network: testNetwork(stack),
        subnetGroupName: 'shared-db-subnets',
        securityGroup,
      });
    });
    expect(resourcesOf(json, 'aws_db_subnet_group')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(1);
    expect(onlyResourceOf(json, 'aws_db_instance').db_subnet_group_name).toBe('shared-db-subnets');
  });

  test('an existing group given by ID guards the instance, and the MySQL rule lands on that ID', () => {
    const json = synthStack((stack) => {
      const database = new Database(stack, 'db', {
        ...NAMES,
        name: 'web-dev',
        network: testNetwork(stack),
        securityGroup: existingGroup(stack),
      });
      database.connections.allowDefaultPortFrom(Peer.ipv4('10.0.0.0/16'), 'MySQL from the VPC');
    });
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_db_instance').vpc_security_group_ids).toEqual([EXISTING_GROUP_ID]);
    expect(rulesOn(json, EXISTING_GROUP_ID).ingress).toEqual([
      expect.objectContaining({ cidr_ipv4: '10.0.0.0/16', from_port: 3306, to_port: 3306, description: 'MySQL from the VPC' }),
    ]);
  });

  test('error: a database name or master user name left out (possible from JavaScript) is named, not defaulted', () => {
    const build = () =>
      synthStack((stack) => new Database(stack, 'db', { name: 'web-dev', network: testNetwork(stack) } as unknown as DatabaseProps));
    expect(build).toThrow(WebStackError);
    expect(build).toThrow(
      /databaseName is required: RDS cannot change it later without replacing the instance[^\n]*\nmasterUsername is required/,
    );
  });
});
