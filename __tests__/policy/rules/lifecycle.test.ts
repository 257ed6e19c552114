import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroup } from '../../../constructs/security-group';
import { UNIQUE_NAMES } from '../../../policy/rules/lifecycle/unique-names';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { TerraformStack } from 'cdktf';
import { Database } from '../../../constructs/database';
import { FileSystem } from '../../../constructs/file-system';
import { Network } from '../../../constructs/network';
import { StaticWebsite } from '../../../constructs/static-website';
import { checkStack, openOf } from '../support';
import { TWO_ZONES } from '../../support/zones';

const CREATE_FIRST = { createBeforeDestroy: true };
const ASSUME = JSON.stringify({ Version: '2012-10-17', Statement: [] });

describe('lifecycle rules', () => {
  test('compliant: SecurityGroup (name_prefix), a fixed name without create_before_destroy, a resource without a unique name', () => {
    const checked = checkStack((stack) => {
      new SecurityGroup(stack, 'web', { vpcId: 'vpc-1', name: 'web', description: 'web group' });
      new IamRole(stack, 'role', { name: 'web-role', assumeRolePolicy: ASSUME });
      new LaunchTemplate(stack, 'template', { namePrefix: 'web-', lifecycle: CREATE_FIRST });
      // Certificates have no unique name; creating the new one first is the recommended pattern.
      new AcmCertificate(stack, 'certificate', { domainName: 'www.example.com', validationMethod: 'DNS', lifecycle: CREATE_FIRST });
    });
    expect(openOf(checked, 'WS-LIFECYCLE-1')).toEqual([]);
  });

  test('WS-LIFECYCLE-1: security group, launch template, IAM role and target group with a fixed name and create_before_destroy', () => {
    const checked = checkStack((stack) => {
      new SecurityGroupResource(stack, 'sg', { name: 'web', description: 'web', vpcId: 'vpc-1', lifecycle: CREATE_FIRST });
      new LaunchTemplate(stack, 'template', { name: 'web', lifecycle: CREATE_FIRST });
      new IamRole(stack, 'role', { name: 'web-role', assumeRolePolicy: ASSUME, lifecycle: CREATE_FIRST });
      new LbTargetGroup(stack, 'targets', { name: 'web', port: 80, protocol: 'HTTP', vpcId: 'vpc-1', lifecycle: CREATE_FIRST });
    });
    expect(openOf(checked, 'WS-LIFECYCLE-1')).toEqual([
      'WS-LIFECYCLE-1 aws_security_group.sg',
      'WS-LIFECYCLE-1 aws_launch_template.template',
      'WS-LIFECYCLE-1 aws_iam_role.role',
      'WS-LIFECYCLE-1 aws_lb_target_group.targets',
    ]);
    const message = checked.open.find((f) => f.resourceAddress === 'aws_security_group.sg')?.message;
    expect(message).toMatch(/Found: create_before_destroy with the fixed name "web" \(use name_prefix\)\./);
    expect(checked.open.find((f) => f.ruleId === 'WS-LIFECYCLE-1')?.severity).toBe('error');
  });

  test('WS-LIFECYCLE-1: a unique name without a prefix form says to drop create_before_destroy', () => {
    const checked = checkStack((stack) => {
      new IamUser(stack, 'user', { name: 'alice', lifecycle: CREATE_FIRST });
    });
    expect(openOf(checked, 'WS-LIFECYCLE-1')).toEqual(['WS-LIFECYCLE-1 aws_iam_user.user']);
    expect(checked.open.find((f) => f.ruleId === 'WS-LIFECYCLE-1')?.message).toMatch(
      /fixed name "alice" \(aws_iam_user has no prefix form, so drop create_before_destroy\)/,
    );
  });

  test('the table knows the unique names of the types this project creates, and their prefix forms', () => {
    expect(UNIQUE_NAMES.aws_security_group).toEqual({ attribute: 'name', prefix: 'name_prefix' });
    expect(UNIQUE_NAMES.aws_db_instance).toEqual({ attribute: 'identifier', prefix: 'identifier_prefix' });
    expect(UNIQUE_NAMES.aws_s3_bucket).toEqual({ attribute: 'bucket', prefix: 'bucket_prefix' });
    expect(UNIQUE_NAMES.aws_lambda_function).toEqual({ attribute: 'function_name' });
    for (const type of [
      'aws_launch_template',
      'aws_iam_role',
      'aws_lb',
      'aws_lb_target_group',
      'aws_autoscaling_group',
      'aws_db_parameter_group',
    ]) {
      expect([type, UNIQUE_NAMES[type]?.prefix]).toEqual([type, 'name_prefix']);
    }
    expect(UNIQUE_NAMES.aws_acm_certificate).toBeUndefined();
  });

  describe('WS-LIFECYCLE-2: stateful resources of a production stack have prevent_destroy', () => {
    const PROTECT = { preventDestroy: true };
    const DB = { instanceClass: 'db.t4g.micro', engine: 'mysql', allocatedStorage: 20 };
    const stateful = (stack: TerraformStack, lifecycle?: { preventDestroy: boolean }) => {
      new DbInstance(stack, 'db', { ...DB, lifecycle });
      new EfsFileSystem(stack, 'files', { lifecycle });
      new S3Bucket(stack, 'site', { bucket: 'www.example.com', lifecycle });
    };

    test('Compliance: prevent_destroy on each; secrets with a recovery window and KMS keys, which AWS keeps after a delete', () => {
      const checked = checkStack(
        (stack) => {
          stateful(stack, PROTECT);
          new SecretsmanagerSecret(stack, 'default-window', { name: 'admin' });
          new SecretsmanagerSecret(stack, 'week', { name: 'user', recoveryWindowInDays: 7 });
          new KmsKey(stack, 'key', { description: 'data key' });
        },
        { production: true },
      );
      expect(openOf(checked, 'WS-LIFECYCLE-2')).toEqual([]);
    });

    test('Noncompliance 1: database, file system and bucket without prevent_destroy, and a secret deleted at once', () => {
      const checked = checkStack(
        (stack) => {
          stateful(stack);
          new SecretsmanagerSecret(stack, 'at-once', { name: 'admin', recoveryWindowInDays: 0 });
        },
        { production: true },
      );
      expect(openOf(checked, 'WS-LIFECYCLE-2')).toEqual([
        'WS-LIFECYCLE-2 aws_db_instance.db',
        'WS-LIFECYCLE-2 aws_efs_file_system.files',
        'WS-LIFECYCLE-2 aws_s3_bucket.site',
        'WS-LIFECYCLE-2 aws_secretsmanager_secret.at-once',
      ]);
      const finding = checked.open.find((f) => f.ruleId === 'WS-LIFECYCLE-2' && f.resourceAddress === 'aws_efs_file_system.files');
      expect(finding?.severity).toBe('error');
      expect(finding?.message).toMatch(/aws_efs_file_system holds data and has no lifecycle\.prevent_destroy in a production stack/);
    });

    test('Noncompliance 2: prevent_destroy turned off explicitly', () => {
      const checked = checkStack((stack) => stateful(stack, { preventDestroy: false }), { production: true });
      expect(openOf(checked, 'WS-LIFECYCLE-2')).toHaveLength(3);
    });

    test('outside production nothing is required', () => {
      expect(
        openOf(
          checkStack((stack) => stateful(stack)),
          'WS-LIFECYCLE-2',
        ),
      ).toEqual([]);
    });

    test("the constructs' preventDestroy props comply: Database, FileSystem, StaticWebsite with its redirect buckets", () => {
      const checked = checkStack(
        (stack) => {
          const network = new Network(stack, 'network', {
            name: 'shop',
            cidrBlock: '10.0.0.0/16',
            availabilityZones: TWO_ZONES,
          });
          new Database(stack, 'database', {
            name: 'shop',
            network,
            databaseName: 'shop',
            masterUsername: 'shopadmin',
            preventDestroy: true,
          });
          new FileSystem(stack, 'file-system', { name: 'shop', network, preventDestroy: true });
          new StaticWebsite(stack, 'site', { domainName: 'www.example.com', redirectDomains: ['example.com'], preventDestroy: true });
        },
        { production: true },
      );
      expect(checked.findings.filter((f) => f.ruleId === 'WS-LIFECYCLE-2')).toEqual([]);
      const unprotected = checkStack(
        (stack) => new StaticWebsite(stack, 'site', { domainName: 'www.example.com', redirectDomains: ['example.com'] }),
        { production: true },
      );
      expect(openOf(unprotected, 'WS-LIFECYCLE-2')).toHaveLength(2);
    });
  });
});
