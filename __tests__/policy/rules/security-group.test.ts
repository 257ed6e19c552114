import { TerraformStack } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Peer } from '../../../constructs/peer';
import { Port } from '../../../constructs/port';
import { SecurityGroup } from '../../../constructs/security-group';
import { checkStack, openOf } from '../support';

function group(stack: TerraformStack, id = 'web'): SecurityGroup {
  return new SecurityGroup(stack, id, { vpcId: 'vpc-123', name: id, description: `${id} group` });
}

describe('security group rules', () => {
  test('compliant: SSH from a documentation range, HTTP from another group', () => {
    const checked = checkStack((stack) => {
      const web = group(stack, 'web');
      const db = group(stack, 'db');
      web.addIngressRule(Peer.ipv4('203.0.113.0/24'), Port.tcp(22), 'SSH from the office');
      db.addIngressRule(web, Port.tcp(3306), 'MySQL from the web tier');
    });
    for (const id of ['WS-SG-1', 'WS-SG-2', 'WS-SG-3', 'WS-SG-4']) expect(openOf(checked, id)).toEqual([]);
  });

  test('WS-SG-1: SSH from 0.0.0.0/0 and ::/0 are findings', () => {
    const checked = checkStack((stack) => {
      const web = group(stack);
      web.addIngressRule(Peer.anyIpv4(), Port.tcp(22), 'SSH from anywhere');
      new VpcSecurityGroupIngressRule(stack, 'v6', {
        securityGroupId: web.securityGroupId,
        cidrIpv6: '::/0',
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        description: 'SSH v6',
      });
    });
    expect(openOf(checked, 'WS-SG-1')).toHaveLength(2);
    expect(checked.open.find((f) => f.ruleId === 'WS-SG-1')?.message).toMatch(/Found: ingress from 0\.0\.0\.0\/0 to tcp 22\./);
  });

  test("WS-SG-1: 80 and 443 from the world are allowed on an internet-facing load balancer's group only", () => {
    const build = (internal: boolean) => (stack: TerraformStack) => {
      const alb = group(stack, 'alb');
      alb.addIngressRule(Peer.anyIpv4(), Port.tcp(80), 'HTTP from the internet');
      alb.addIngressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS from the internet');
      new Lb(stack, 'lb', {
        internal,
        securityGroups: [alb.securityGroupId],
        subnets: ['subnet-1', 'subnet-2'],
        dropInvalidHeaderFields: true,
      });
    };
    expect(openOf(checkStack(build(false)), 'WS-SG-1')).toEqual([]);
    const internal = checkStack(build(true));
    expect(openOf(internal, 'WS-SG-1')).toHaveLength(2);
    expect(internal.open.find((f) => f.ruleId === 'WS-SG-1')?.message).toMatch(
      /on a group not attached to an internet-facing load balancer/,
    );
  });

  test("WS-SG-1: an existing group given by ID counts as the load balancer's when an internet-facing one carries that ID", () => {
    const build = (lbGroups: string[]) => (stack: TerraformStack) => {
      SecurityGroup.fromSecurityGroupId(stack, 'alb', 'sg-0123456789abcdef0').addIngressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS');
      new Lb(stack, 'lb', { securityGroups: lbGroups, subnets: ['subnet-1', 'subnet-2'], dropInvalidHeaderFields: true });
    };
    expect(openOf(checkStack(build(['sg-0123456789abcdef0'])), 'WS-SG-1')).toEqual([]);
    expect(openOf(checkStack(build(['sg-0fedcba9876543210'])), 'WS-SG-1')).toHaveLength(1);
  });

  test('WS-SG-1: port 8080 from the world is a finding even on a load balancer', () => {
    const checked = checkStack((stack) => {
      const alb = group(stack, 'alb');
      alb.addIngressRule(Peer.anyIpv4(), Port.tcp(8080), 'alternate HTTP');
      new Lb(stack, 'lb', { securityGroups: [alb.securityGroupId], subnets: ['subnet-1'], dropInvalidHeaderFields: true });
    });
    expect(openOf(checked, 'WS-SG-1')).toHaveLength(1);
  });

  test('WS-SG-1 and WS-SG-4: inline world-open ingress on a plain group', () => {
    const checked = checkStack((stack) => {
      new SecurityGroupResource(stack, 'inline', {
        description: 'legacy group',
        ingress: [{ fromPort: 3306, toPort: 3306, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'], description: 'MySQL' }],
      });
    });
    expect(openOf(checked, 'WS-SG-1')).toEqual(['WS-SG-1 aws_security_group.inline']);
    expect(openOf(checked, 'WS-SG-4')).toEqual(['WS-SG-4 aws_security_group.inline']);
  });

  test('WS-SG-2: a group without a description and a rule without one', () => {
    const checked = checkStack((stack) => {
      const bare = new SecurityGroupResource(stack, 'bare', {});
      new SecurityGroupRule(stack, 'rule', {
        type: 'ingress',
        securityGroupId: bare.id,
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        sourceSecurityGroupId: bare.id,
      });
    });
    expect(openOf(checked, 'WS-SG-2')).toEqual(['WS-SG-2 aws_security_group.bare', 'WS-SG-2 aws_security_group_rule.rule']);
  });

  test('WS-SG-3: all protocols, and a full TCP range, are findings whatever the source', () => {
    const checked = checkStack((stack) => {
      const web = group(stack);
      web.addIngressRule(group(stack, 'other'), Port.allTraffic(), 'everything from other');
      new SecurityGroupRule(stack, 'range', {
        type: 'ingress',
        securityGroupId: web.securityGroupId,
        protocol: 'tcp',
        fromPort: 0,
        toPort: 65535,
        cidrBlocks: ['10.0.0.0/16'],
        description: 'all TCP',
      });
    });
    expect(openOf(checked, 'WS-SG-3')).toHaveLength(2);
  });
});
