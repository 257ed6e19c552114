import { TerraformOutput } from 'cdktf';
import { CLOUDWATCH_AGENT_SERVER_POLICY, InstanceRole, SSM_MANAGED_INSTANCE_CORE } from '../../constructs/instance-role';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

describe('InstanceRole', () => {
  test('defaults: an EC2 role with Session Manager only, and an instance profile carrying it', () => {
    const json = synthStack((stack) => new InstanceRole(stack, 'role', { name: 'web-dev-web' }));
    const role = onlyResourceOf(json, 'aws_iam_role');
    expect(role.name).toBe('web-dev-web');
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([SSM_MANAGED_INSTANCE_CORE]);
    expect(resourcesOf(json, 'aws_iam_role_policy')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_iam_instance_profile').role).toBe(ref('aws_iam_role', role, 'name'));
  });

  test('managed policies and inline statements as given', () => {
    const json = synthStack(
      (stack) =>
        new InstanceRole(stack, 'role', {
          name: 'app',
          managedPolicyArns: [CLOUDWATCH_AGENT_SERVER_POLICY],
          statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
        }),
    );
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([CLOUDWATCH_AGENT_SERVER_POLICY]);
    const inline = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(inline.name).toBe('app-inline');
    expect(JSON.parse(inline.policy).Statement).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]);
  });

  test('it is grantable: its grant principal is its role, by id and ARN', () => {
    const json = synthStack((stack) => {
      const role = new InstanceRole(stack, 'web', { name: 'web' });
      new TerraformOutput(stack, 'principal', { value: [role.grantPrincipal.roleName, role.grantPrincipal.roleArn] });
    });
    const role = onlyResourceOf(json, 'aws_iam_role');
    expect(json.output.principal.value).toEqual([ref('aws_iam_role', role), ref('aws_iam_role', role, 'arn')]);
  });
});
