// The permission check of the AWS edge stand-ins must fail where IAM would: it decides every
// Secrets Manager and Auto Scaling call the boot test's instances make.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { authorize } = require('./stand-ins/iam-policy.js') as {
  authorize: (statements: object[], action: string, resource: string) => { allowed: boolean; reason: string };
};

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:web-dev-wordpress-admin-20261202-Q1w2E3';
const allowRead = { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET };

describe('IAM policy evaluation of the stand-ins', () => {
  test('an exact Allow allows; an action or resource it does not name is denied', () => {
    expect(authorize([allowRead], 'secretsmanager:GetSecretValue', SECRET)).toEqual({ allowed: true, reason: 'allowed by statement 1' });
    expect(authorize([allowRead], 'secretsmanager:PutSecretValue', SECRET).allowed).toBe(false);
    expect(authorize([allowRead], 'secretsmanager:GetSecretValue', `${SECRET}x`).allowed).toBe(false);
    expect(authorize([], 'secretsmanager:GetSecretValue', SECRET)).toEqual({ allowed: false, reason: 'no statement allows it' });
  });

  test('an explicit Deny wins over an Allow, in either order', () => {
    const deny = { Sid: 'NoMaster', Effect: 'Deny', Action: 'secretsmanager:*', Resource: SECRET };
    for (const statements of [
      [allowRead, deny],
      [deny, allowRead],
    ]) {
      expect(authorize(statements, 'secretsmanager:GetSecretValue', SECRET)).toEqual({
        allowed: false,
        reason: 'explicitly denied by statement NoMaster',
      });
    }
  });

  test('wildcards match: * and ? in actions (in any case) and in resources', () => {
    const wide = { Effect: 'Allow', Action: ['SecretsManager:Get*', 'autoscaling:CompleteLifecycle?ction'], Resource: 'arn:*:*:*:*:*' };
    expect(authorize([wide], 'secretsmanager:GetSecretValue', SECRET).allowed).toBe(true);
    expect(authorize([wide], 'autoscaling:CompleteLifecycleAction', SECRET).allowed).toBe(true);
    expect(authorize([wide], 'secretsmanager:PutSecretValue', SECRET).allowed).toBe(false);
    const byName = { Effect: 'Allow', Action: '*', Resource: 'arn:*:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/web-dev-web' };
    const group = 'arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:6d7a-uuid:autoScalingGroupName/web-dev-web';
    expect(authorize([byName], 'autoscaling:CompleteLifecycleAction', group).allowed).toBe(true);
    expect(authorize([byName], 'autoscaling:CompleteLifecycleAction', group.replace('web-dev-web', 'web-prod-web')).allowed).toBe(false);
    // A dot in a pattern is a dot, not "any character".
    expect(authorize([{ Effect: 'Allow', Action: '*', Resource: 'a.b' }], 'x:y', 'axb').allowed).toBe(false);
  });

  test('a condition it cannot evaluate fails the request instead of being ignored', () => {
    const conditional = { ...allowRead, Sid: 'OnlyFromVpce', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } };
    expect(authorize([conditional], 'secretsmanager:GetSecretValue', SECRET)).toEqual({
      allowed: false,
      reason: 'statement OnlyFromVpce has a Condition, which the stand-in cannot evaluate',
    });
    // A conditional Deny is not ignored either, even next to a plain Allow.
    const conditionalDeny = { ...conditional, Effect: 'Deny' };
    expect(authorize([allowRead, conditionalDeny], 'secretsmanager:GetSecretValue', SECRET).allowed).toBe(false);
    // A statement that does not match the request is not evaluated, condition or not.
    expect(
      authorize([allowRead, { ...conditional, Resource: 'arn:aws:s3:::other' }], 'secretsmanager:GetSecretValue', SECRET).allowed,
    ).toBe(true);
    expect(authorize([{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }], 'secretsmanager:GetSecretValue', SECRET).reason).toMatch(
      /NotAction, which the stand-in cannot evaluate/,
    );
  });
});
