import { TerraformVariable } from 'cdktf';
import { Connections } from '../../constructs/connections';
import { Peer } from '../../constructs/peer';
import { Port } from '../../constructs/port';
import { SecurityGroup } from '../../constructs/security-group';
import { WebStackError } from '../../core/errors';
import { EXISTING_GROUP_ID, rulesOn } from '../support/security-groups';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

describe('SecurityGroup', () => {
  test('starts with no rules, and its name is a prefix so it can be replaced before it is destroyed', () => {
    const json = synthStack(
      (stack) => new SecurityGroup(stack, 'web', { vpcId: 'vpc-1', name: 'web-dev-web', description: 'Web servers' }),
    );
    const group = onlyResourceOf(json, 'aws_security_group');
    expect(group).toMatchObject({ vpc_id: 'vpc-1', description: 'Web servers', lifecycle: { create_before_destroy: true } });
    expect(group.tags.Name).toBe('web-dev-web');
    expect(group.ingress ?? []).toEqual([]);
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
  });

  test('each rule is its own described resource, and adding the same rule twice adds it once', () => {
    const json = synthStack((stack) => {
      const group = new SecurityGroup(stack, 'web', { vpcId: 'vpc-1', name: 'web', description: 'Web' });
      group.addIngressRule(Peer.ipv4('203.0.113.0/24'), Port.tcp(443), 'HTTPS from the office');
      group.addIngressRule(Peer.ipv4('203.0.113.0/24'), Port.tcp(443), 'HTTPS from the office');
      group.addEgressRule(Peer.anyIpv4(), Port.tcpRange(1024, 2048), 'Callbacks');
    });
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({
        cidr_ipv4: '203.0.113.0/24',
        from_port: 443,
        to_port: 443,
        ip_protocol: 'tcp',
        description: 'HTTPS from the office',
      }),
    ]);
    expect(onlyResourceOf(json, 'aws_vpc_security_group_egress_rule')).toMatchObject({ from_port: 1024, to_port: 2048 });
  });

  test('error: an empty description, on the group or on a rule', () => {
    expect(() => synthStack((stack) => new SecurityGroup(stack, 'sg', { vpcId: 'vpc-1', name: 'n', description: ' ' }))).toThrow(
      /description is empty; say what the security group is for/,
    );
    expect(() =>
      synthStack((stack) => {
        new SecurityGroup(stack, 'sg', { vpcId: 'vpc-1', name: 'n', description: 'd' }).addIngressRule(Peer.anyIpv4(), Port.tcp(80), '');
      }),
    ).toThrow(WebStackError);
  });

  describe('fromSecurityGroupId', () => {
    test('creates no group and looks nothing up; the rules added to it are resources against its ID', () => {
      // GIVEN an existing group and one of ours
      const json = synthStack((stack) => {
        const shared = SecurityGroup.fromSecurityGroupId(stack, 'shared', EXISTING_GROUP_ID);
        const db = new SecurityGroup(stack, 'db', { vpcId: 'vpc-1', name: 'db', description: 'Database' });
        // WHEN rules go both ways between them
        new Connections({ securityGroup: db }).allowFrom(
          { connections: new Connections({ securityGroup: shared }) },
          Port.tcp(3306),
          'MySQL',
        );
        shared.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS out');
      });
      // THEN only our group is a resource, and the existing one carries its side of each rule
      expect(resourcesOf(json, 'aws_security_group')).toHaveLength(1);
      expect(json.data).toBeUndefined();
      const db = onlyResourceOf(json, 'aws_security_group');
      expect(rulesOn(json, EXISTING_GROUP_ID).ingress).toEqual([]);
      expect(
        rulesOn(json, EXISTING_GROUP_ID).egress.map((rule) => [rule.referenced_security_group_id ?? rule.cidr_ipv4, rule.to_port]),
      ).toEqual(
        expect.arrayContaining([
          [ref('aws_security_group', db), 3306],
          ['0.0.0.0/0', 443],
        ]),
      );
      expect(onlyResourceOf(json, 'aws_vpc_security_group_ingress_rule')).toMatchObject({
        security_group_id: ref('aws_security_group', db),
        referenced_security_group_id: EXISTING_GROUP_ID,
      });
    });

    test('mutable: false leaves its rules to its owner, while the other side still gets its rule', () => {
      const json = synthStack((stack) => {
        const shared = SecurityGroup.fromSecurityGroupId(stack, 'shared', EXISTING_GROUP_ID, { mutable: false });
        const db = new SecurityGroup(stack, 'db', { vpcId: 'vpc-1', name: 'db', description: 'Database' });
        new Connections({ securityGroup: db }).allowFrom(
          { connections: new Connections({ securityGroup: shared }) },
          Port.tcp(3306),
          'MySQL',
        );
        shared.addIngressRule(Peer.ipv4('10.0.0.0/16'), Port.tcp(22), 'SSH from the VPC');
      });
      expect(rulesOn(json, EXISTING_GROUP_ID)).toEqual({ ingress: [], egress: [] });
      expect(onlyResourceOf(json, 'aws_vpc_security_group_ingress_rule').referenced_security_group_id).toBe(EXISTING_GROUP_ID);
    });

    test('the label names the group in errors; it defaults to the ID', () => {
      const build = (label?: string) => () =>
        synthStack((stack) => {
          const shared = SecurityGroup.fromSecurityGroupId(stack, 'shared', EXISTING_GROUP_ID, { label });
          new Connections({ securityGroup: shared }).allowDefaultPortFrom(Peer.anyIpv4(), 'x');
        });
      expect(build()).toThrow(`security group "${EXISTING_GROUP_ID}" declares no default port`);
      expect(build('payments-db')).toThrow('security group "payments-db" declares no default port');
    });

    test('a token is accepted as the ID and used as it is', () => {
      const json = synthStack((stack) => {
        const id = new TerraformVariable(stack, 'shared_group_id', { type: 'string' });
        SecurityGroup.fromSecurityGroupId(stack, 'shared', id.stringValue).addIngressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS');
      });
      expect(onlyResourceOf(json, 'aws_vpc_security_group_ingress_rule').security_group_id).toBe('${var.shared_group_id}');
    });

    describe('rejects', () => {
      test.each(['abc', 'sg-123', 'sg-0123456789ABCDEF0', 'vpc-0123456789abcdef0', ' sg-0123456789abcdef0'])(
        'the ID %j, naming the field, the value and the fix',
        (securityGroupId) => {
          const build = () => synthStack((stack) => SecurityGroup.fromSecurityGroupId(stack, 'shared', securityGroupId));
          expect(build).toThrow(WebStackError);
          expect(build).toThrow(
            `test/shared: securityGroupId ${JSON.stringify(securityGroupId)} is not a security group ID; pass the ID of an existing group, such as "sg-0123456789abcdef0"`,
          );
        },
      );
      test('an empty label', () => {
        expect(() => synthStack((stack) => SecurityGroup.fromSecurityGroupId(stack, 'shared', EXISTING_GROUP_ID, { label: ' ' }))).toThrow(
          /test\/shared: label is empty/,
        );
      });
    });
  });
});
