import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Grantee } from '../../constructs/grant';
import { InstanceRole } from '../../constructs/instance-role';
import { RuntimeSecret } from '../../constructs/runtime-secret';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

describe('RuntimeSecret', () => {
  test('a secret with a name prefix and no value: no secret version exists', () => {
    // GIVEN / WHEN
    const json = synthStack((stack) => new RuntimeSecret(stack, 'secret', { name: 'blog-admin', description: 'written at boot' }));
    // THEN
    expect(onlyResourceOf(json, 'aws_secretsmanager_secret')).toMatchObject({
      name_prefix: 'blog-admin-',
      description: 'written at boot',
      recovery_window_in_days: 7,
    });
    expect(resourcesOf(json, 'aws_secretsmanager_secret_version')).toHaveLength(0);
  });

  test('grantRead and grantWrite attach one policy each, on this secret only, to an instance role or an IAM role', () => {
    const json = synthStack((stack) => {
      const secret = new RuntimeSecret(stack, 'secret', { name: 'blog-admin', description: 'written at boot' });
      secret.grantRead(new InstanceRole(stack, 'web', { name: 'web' }));
      secret.grantWrite(Grantee.fromIamRole(new IamRole(stack, 'ops', { name: 'ops', assumeRolePolicy: '{}' })));
    });
    const secret = onlyResourceOf(json, 'aws_secretsmanager_secret');
    const policies = resourcesOf(json, 'aws_iam_role_policy').map((p) => ({ name: p.name, statement: JSON.parse(p.policy).Statement }));
    expect(policies).toEqual([
      {
        name: 'blog-admin-read',
        statement: [
          { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ref('aws_secretsmanager_secret', secret, 'arn') },
        ],
      },
      {
        name: 'blog-admin-write',
        statement: [
          { Effect: 'Allow', Action: ['secretsmanager:PutSecretValue'], Resource: ref('aws_secretsmanager_secret', secret, 'arn') },
        ],
      },
    ]);
  });

  test('each grant is on the role it names: the read on the instance role, the write on the IAM role', () => {
    const json = synthStack((stack) => {
      const secret = new RuntimeSecret(stack, 'secret', { name: 'blog-admin', description: 'written at boot' });
      secret.grantRead(new InstanceRole(stack, 'web', { name: 'web' }));
      secret.grantWrite(Grantee.fromIamRole(new IamRole(stack, 'ops', { name: 'ops', assumeRolePolicy: '{}' })));
    });
    const roleOf = (name: string) =>
      ref(
        'aws_iam_role',
        resourcesOf(json, 'aws_iam_role').find((role) => role.name === name)!,
      );
    const policies = resourcesOf(json, 'aws_iam_role_policy');
    expect(policies.find((policy) => policy.name === 'blog-admin-read')!.role).toBe(roleOf('web'));
    expect(policies.find((policy) => policy.name === 'blog-admin-write')!.role).toBe(roleOf('ops'));
  });

  test('an existing role by ARN gets the grant by its name', () => {
    const json = synthStack((stack) => {
      const secret = new RuntimeSecret(stack, 'secret', { name: 'blog-admin', description: 'written at boot' });
      secret.grantRead(Grantee.fromRoleArn('arn:aws:iam::123456789012:role/teams/ops-reader'));
    });
    expect(onlyResourceOf(json, 'aws_iam_role_policy')).toMatchObject({ name: 'blog-admin-read', role: 'ops-reader' });
  });
});
