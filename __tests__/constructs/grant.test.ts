import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { grant, Grantee, IGrantable, isGrantable } from '../../constructs/grant';
import { InstanceRole } from '../../constructs/instance-role';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

const STATEMENTS = [{ Effect: 'Allow' as const, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:orders' }];

describe('grant', () => {
  test('attaches the statements as one inline policy on the grantee role, under the granting resource', () => {
    // GIVEN a resource and an instance role
    const json = synthStack((stack) => {
      const queue = new Construct(stack, 'queue');
      // WHEN the resource grants the role
      grant(queue, {
        grantee: new InstanceRole(stack, 'web', { name: 'web' }),
        access: 'send',
        policyName: 'orders-send',
        statements: STATEMENTS,
      });
    });
    // THEN one policy, with the statements, on that role, at an address under the resource
    const policy = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(policy.name).toBe('orders-send');
    expect(policy.role).toBe(ref('aws_iam_role', onlyResourceOf(json, 'aws_iam_role')));
    expect(JSON.parse(policy.policy)).toEqual({ Version: '2012-10-17', Statement: STATEMENTS });
    expect(Object.keys(json.resource.aws_iam_role_policy)[0]).toMatch(/^queue_send-[0-9a-f]{8}_/);
  });

  test('the same access to the same role twice is one policy; to two roles, two', () => {
    const json = synthStack((stack) => {
      const queue = new Construct(stack, 'queue');
      const web = new InstanceRole(stack, 'web', { name: 'web' });
      const worker = new InstanceRole(stack, 'worker', { name: 'worker' });
      for (const grantee of [web, web, worker]) {
        grant(queue, { grantee, access: 'send', policyName: 'orders-send', statements: STATEMENTS });
      }
    });
    expect(resourcesOf(json, 'aws_iam_role_policy')).toHaveLength(2);
  });

  test('a grantee without a grantPrincipal is refused by name', () => {
    const build = () =>
      synthStack((stack) => {
        const role = new IamRole(stack, 'ops', { name: 'ops', assumeRolePolicy: '{}' });
        grant(new Construct(stack, 'queue'), {
          grantee: role as unknown as IGrantable,
          access: 'send',
          policyName: 'x',
          statements: STATEMENTS,
        });
      });
    expect(build).toThrow(WebStackError);
    expect(build).toThrow(
      /grantee .* has no grantPrincipal; pass an InstanceRole, WebServers, NodeFunction, or a role wrapped with Grantee\.fromIamRole/,
    );
  });
});

describe('Grantee', () => {
  test("fromIamRole: the role by its id (an IAM role's id is its name) and ARN, with the grant ID an InstanceRole of that role has", () => {
    let grantIds: string[] = [];
    const json = synthStack((stack) => {
      const instanceRole = new InstanceRole(stack, 'web', { name: 'web' });
      const wrapped = Grantee.fromIamRole(instanceRole.role);
      grantIds = [wrapped.grantPrincipal.grantId, instanceRole.grantPrincipal.grantId, instanceRole.role.node.addr.slice(0, 8)];
      new TerraformOutput(stack, 'principal', { value: [wrapped.grantPrincipal.roleName, wrapped.grantPrincipal.roleArn] });
    });
    const role = onlyResourceOf(json, 'aws_iam_role');
    expect(json.output.principal.value).toEqual([ref('aws_iam_role', role), ref('aws_iam_role', role, 'arn')]);
    expect(new Set(grantIds).size).toBe(1);
  });

  test('fromRoleArn: the name is the last part of the ARN, path or not; the grant ID is stable', () => {
    const arn = 'arn:aws:iam::123456789012:role/service/ops-reader';
    expect(Grantee.fromRoleArn(arn).grantPrincipal).toEqual({
      roleName: 'ops-reader',
      roleArn: arn,
      grantId: Grantee.fromRoleArn(arn).grantPrincipal.grantId,
    });
    expect(Grantee.fromRoleArn(arn).grantPrincipal.grantId).toMatch(/^[0-9a-f]{8}$/);
    expect(Grantee.fromRoleArn('arn:aws:iam::123456789012:role/ops').grantPrincipal.grantId).not.toBe(
      Grantee.fromRoleArn(arn).grantPrincipal.grantId,
    );
  });

  test('error: fromRoleArn with something that is not a role ARN', () => {
    expect(() => Grantee.fromRoleArn('arn:aws:iam::123456789012:user/ops')).toThrow(WebStackError);
    expect(() => Grantee.fromRoleArn('ops')).toThrow(
      /roleArn "ops" is not an IAM role ARN; pass a literal such as "arn:aws:iam::123456789012:role\/ops"/,
    );
  });
});

describe('isGrantable', () => {
  test('goes by shape: anything with a grantPrincipal of name, ARN and grant ID', () => {
    expect(isGrantable({ grantPrincipal: { roleName: 'r', roleArn: 'arn', grantId: 'abcd1234' } })).toBe(true);
    expect(isGrantable(Grantee.fromRoleArn('arn:aws:iam::123456789012:role/ops'))).toBe(true);
  });

  test('refuses what lacks one of them', () => {
    for (const value of [undefined, null, 'role', {}, { grantPrincipal: null }, { grantPrincipal: { roleName: 'r', roleArn: 'arn' } }]) {
      expect(isGrantable(value)).toBe(false);
    }
  });
});
