import { Peer } from '../../constructs/peer';
import { Port } from '../../constructs/port';
import { SecurityGroup } from '../../constructs/security-group';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, resourcesOf, synthStack } from '../support/synth';

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
});
