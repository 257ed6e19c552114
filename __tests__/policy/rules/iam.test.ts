import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { InstanceRole } from '../../../constructs/instance-role';
import { assumeRolePolicy, policyDocument } from '../../../constructs/policy-document';
import { checkStack, openOf } from '../support';

const ADMIN = policyDocument([{ Effect: 'Allow', Action: '*', Resource: '*' }]);

describe('IAM rules', () => {
  test('compliant: the instance role (Session Manager policy, scoped inline statement)', () => {
    const checked = checkStack(
      (stack) =>
        new InstanceRole(stack, 'role', {
          name: 'web',
          statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
        }),
    );
    expect(openOf(checked, 'WS-IAM-1')).toEqual([]);
    expect(openOf(checked, 'WS-IAM-2')).toEqual([]);
  });

  test('WS-IAM-1: "*" on "*" in a managed policy, a role policy, an inline role policy and a policy document', () => {
    const checked = checkStack((stack) => {
      const role = new IamRole(stack, 'role', {
        assumeRolePolicy: assumeRolePolicy('ec2.amazonaws.com'),
        inlinePolicy: [{ name: 'admin', policy: ADMIN }],
      });
      new IamPolicy(stack, 'policy', { policy: ADMIN });
      new IamRolePolicy(stack, 'role-policy', {
        role: role.id,
        policy: policyDocument([{ Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['*'] }]),
      });
      const document = new DataAwsIamPolicyDocument(stack, 'document', {
        statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }],
      });
      new IamRolePolicy(stack, 'from-document', { role: role.id, policy: document.json });
    });
    expect(openOf(checked, 'WS-IAM-1')).toEqual([
      'WS-IAM-1 aws_iam_role.role',
      'WS-IAM-1 aws_iam_policy.policy',
      'WS-IAM-1 aws_iam_role_policy.role-policy',
      'WS-IAM-1 aws_iam_role_policy.from-document',
    ]);
  });

  test('WS-IAM-1: a Deny of everything is not admin access', () => {
    const checked = checkStack(
      (stack) => new IamPolicy(stack, 'policy', { policy: policyDocument([{ Effect: 'Deny', Action: '*', Resource: '*' }]) }),
    );
    expect(openOf(checked, 'WS-IAM-1')).toEqual([]);
  });

  test('WS-IAM-2: AdministratorAccess attached to a role is a finding', () => {
    const checked = checkStack((stack) => {
      const role = new IamRole(stack, 'role', { assumeRolePolicy: assumeRolePolicy('ec2.amazonaws.com') });
      new IamRolePolicyAttachment(stack, 'admin', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    });
    expect(openOf(checked, 'WS-IAM-2')).toEqual(['WS-IAM-2 aws_iam_role_policy_attachment.admin']);
  });
});
