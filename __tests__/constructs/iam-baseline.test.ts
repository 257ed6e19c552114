import { IamBaseline, IamBaselineProps, ADMINISTRATOR_ACCESS, operatorStatements } from '../../constructs/iam-baseline';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';

const ACCOUNT = '123456789012';

function synthBaseline(props: Partial<IamBaselineProps> = {}) {
  return synthStack((stack) => new IamBaseline(stack, 'iam', { accountId: ACCOUNT, ...props }));
}

function policyNamed(json: Record<string, any>, name: string): any {
  const policy = resourcesOf(json, 'aws_iam_policy').find((p) => p.name === name);
  if (!policy) throw new Error(`no aws_iam_policy named ${name}`);
  return policy;
}

/** The group names a policy (by its ARN reference) is attached to. */
function groupsWith(json: Record<string, any>, policyArn: string): string[] {
  const groups = resourcesOf(json, 'aws_iam_group');
  return resourcesOf(json, 'aws_iam_group_policy_attachment')
    .filter((attachment) => attachment.policy_arn === policyArn)
    .map((attachment) => groups.find((group) => ref('aws_iam_group', group, 'name') === attachment.group)!.name)
    .sort();
}

describe('IamBaseline', () => {
  test('defaults: admin and operators groups, no users, a strong password policy', () => {
    const json = synthBaseline();
    expect(
      resourcesOf(json, 'aws_iam_group')
        .map((g) => g.name)
        .sort(),
    ).toEqual(['admin', 'operators']);
    expect(resourcesOf(json, 'aws_iam_user')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_iam_account_password_policy')).toMatchObject({
      minimum_password_length: 14,
      require_lowercase_characters: true,
      require_uppercase_characters: true,
      require_numbers: true,
      require_symbols: true,
      password_reuse_prevention: 24,
      max_password_age: 90,
      allow_users_to_change_password: true,
    });
  });

  test('admin gets AdministratorAccess; both groups get the MFA policy; only operators get the EC2 policy', () => {
    const json = synthBaseline();
    expect(groupsWith(json, ADMINISTRATOR_ACCESS)).toEqual(['admin']);
    expect(groupsWith(json, ref('aws_iam_policy', policyNamed(json, 'deny-without-mfa'), 'arn'))).toEqual(['admin', 'operators']);
    expect(groupsWith(json, ref('aws_iam_policy', policyNamed(json, 'operator-ec2'), 'arn'))).toEqual(['operators']);
  });

  test('requireMfaForOperators false leaves the MFA policy on admin only', () => {
    const json = synthBaseline({ requireMfaForOperators: false });
    expect(groupsWith(json, ref('aws_iam_policy', policyNamed(json, 'deny-without-mfa'), 'arn'))).toEqual(['admin']);
  });

  test('without MFA everything is denied except self-service password and MFA set-up', () => {
    const policy = JSON.parse(policyNamed(synthBaseline(), 'deny-without-mfa').policy);
    const deny = policy.Statement.find((s: any) => s.Effect === 'Deny');
    expect(deny).toMatchObject({ Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
    expect(deny.Action).toBeUndefined();
    expect([...deny.NotAction].sort()).toEqual(
      [
        'iam:ChangePassword',
        'iam:CreateVirtualMFADevice',
        'iam:EnableMFADevice',
        'iam:GetAccountPasswordPolicy',
        'iam:GetUser',
        'iam:ListMFADevices',
        'iam:ListVirtualMFADevices',
        'iam:ResyncMFADevice',
        'sts:GetSessionToken',
      ].sort(),
    );
    // Allows on one's own user only; `$$` keeps Terraform from reading the IAM variable.
    const ownUser = policy.Statement.filter((s: any) => s.Effect === 'Allow' && String(s.Resource).includes(':user/'));
    expect(ownUser.map((s: any) => s.Resource)).toEqual(['arn:aws:iam::*:user/$${aws:username}', 'arn:aws:iam::*:user/$${aws:username}']);
  });

  test('the operator policy allows ec2:* but denies termination everywhere', () => {
    const policy = JSON.parse(policyNamed(synthBaseline(), 'operator-ec2').policy);
    expect(policy.Statement).toContainEqual({ Sid: 'AllowEc2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
    const denies = policy.Statement.filter((s: any) => s.Effect === 'Deny' && [s.Action].flat().includes('ec2:TerminateInstances'));
    expect(denies).toEqual([{ Sid: 'DenyTerminate', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' }]);
  });

  test('operators may not stop or re-tag instances tagged with the protected environment', () => {
    const statements = operatorStatements(ACCOUNT, 'live');
    expect(statements.find((s) => s.Sid === 'DenyStopProtected')).toEqual({
      Sid: 'DenyStopProtected',
      Effect: 'Deny',
      Action: 'ec2:StopInstances',
      Resource: `arn:aws:ec2:*:${ACCOUNT}:instance/*`,
      Condition: { StringEquals: { 'aws:ResourceTag/Environment': 'live' } },
    });
    expect(statements.find((s) => s.Sid === 'DenyRetagProtected')).toMatchObject({
      Effect: 'Deny',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'Environment' } },
    });
    const json = synthBaseline();
    const stop = JSON.parse(policyNamed(json, 'operator-ec2').policy).Statement.find((s: any) => s.Sid === 'DenyStopProtected');
    expect(stop.Condition.StringEquals['aws:ResourceTag/Environment']).toBe(IamBaseline.DEFAULT_PROTECTED_ENVIRONMENT);
  });

  test('users join their groups, with no login profile and no access key', () => {
    const json = synthBaseline({ users: { alice: { groups: ['admin'] }, 'bob.ops': { groups: ['operators', 'admin'] } } });
    expect(
      resourcesOf(json, 'aws_iam_user')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['alice', 'bob.ops']);
    expect(resourcesOf(json, 'aws_iam_user_login_profile')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_iam_access_key')).toHaveLength(0);
    const membership = resourceAtPath(json, 'aws_iam_user_group_membership', 'iam/user-bob.ops-groups');
    const group = (name: string) =>
      ref(
        'aws_iam_group',
        resourcesOf(json, 'aws_iam_group').find((g) => g.name === name)!,
        'name',
      );
    expect(membership.user).toBe(ref('aws_iam_user', resourceAtPath(json, 'aws_iam_user', 'iam/user-bob.ops'), 'name'));
    expect(membership.groups).toEqual([group('operators'), group('admin')]);
  });

  test('namePrefix prefixes group and policy names', () => {
    const json = synthBaseline({ namePrefix: 'acme-' });
    expect(
      resourcesOf(json, 'aws_iam_group')
        .map((g) => g.name)
        .sort(),
    ).toEqual(['acme-admin', 'acme-operators']);
    expect(
      resourcesOf(json, 'aws_iam_policy')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['acme-deny-without-mfa', 'acme-operator-ec2']);
  });

  describe('rejects', () => {
    test('an account ID that is not 12 digits', () => {
      expect(() => synthBaseline({ accountId: '1234' })).toThrow(WebStackError);
      expect(() => synthBaseline({ accountId: '1234' })).toThrow(/accountId "1234": an AWS account ID is exactly 12 digits/);
    });
    test('a minimum password length under 14', () => {
      expect(() => synthBaseline({ minimumPasswordLength: 8 })).toThrow(/minimumPasswordLength 8: use 14 to 128 characters/);
    });
    test('a maximum password age outside 1-1095 days', () => {
      expect(() => synthBaseline({ maxPasswordAgeDays: 0 })).toThrow(/maxPasswordAgeDays 0: IAM allows whole days from 1 to 1095/);
    });
    test('an invalid user name', () => {
      expect(() => synthBaseline({ users: { 'bad name': { groups: ['admin'] } } })).toThrow(/users "bad name": IAM user names are 1-64/);
    });
    test('a user with no group or an unknown group', () => {
      expect(() => synthBaseline({ users: { alice: { groups: [] } } })).toThrow(
        /users\.alice\.groups \[\]: list one or more of admin, operators/,
      );
      expect(() => synthBaseline({ users: { alice: { groups: ['root' as any] } } })).toThrow(/users\.alice\.groups \["root"\]/);
    });
  });
});
