import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroup } from '../../../constructs/security-group';
import { UNIQUE_NAMES } from '../../../policy/rules/lifecycle/unique-names';
import { checkStack, openOf } from '../support';

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
});
