import { Connections } from '../../constructs/connections';
import { LoadBalancer } from '../../constructs/load-balancer';
import { ILoadBalancer, LoadBalancerAttributes } from '../../constructs/load-balancer-interface';
import { Port } from '../../constructs/port';
import { WebStackError } from '../../core/errors';
import { EXISTING_GROUP_ID, existingGroup, rulesOn } from '../support/security-groups';
import { synthStack } from '../support/synth';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-prod/50dc6c495c0c9188';
const APP_GROUP_ID = 'sg-0fedcba9876543210';

describe('LoadBalancer.fromLoadBalancerAttributes', () => {
  test('creates nothing, and reads the ARN suffix CloudWatch wants from the ARN', () => {
    let alb: ILoadBalancer | undefined;
    const json = synthStack((stack) => {
      alb = LoadBalancer.fromLoadBalancerAttributes(stack, 'alb', { loadBalancerArn: ARN, securityGroup: existingGroup(stack) });
    });
    expect(json.resource ?? {}).toEqual({});
    expect(alb!.loadBalancerArn).toBe(ARN);
    expect(alb!.loadBalancerArnSuffix).toBe('app/shop-prod/50dc6c495c0c9188');
  });

  test('a target lets it in: ingress on the target from its group, egress on its group to the target', () => {
    const json = synthStack((stack) => {
      // GIVEN an existing load balancer and app servers with their own group
      const alb = LoadBalancer.fromLoadBalancerAttributes(stack, 'alb', { loadBalancerArn: ARN, securityGroup: existingGroup(stack) });
      const app = { connections: new Connections({ securityGroup: existingGroup(stack, 'app-sg', APP_GROUP_ID) }) };
      // WHEN the app lets it in on 8080
      app.connections.allowFrom(alb, Port.tcp(8080), 'HTTP from the shop load balancer');
    });
    // THEN
    expect(rulesOn(json, APP_GROUP_ID).ingress).toEqual([
      expect.objectContaining({ referenced_security_group_id: EXISTING_GROUP_ID, from_port: 8080, to_port: 8080 }),
    ]);
    expect(rulesOn(json, EXISTING_GROUP_ID).egress).toEqual([
      expect.objectContaining({ referenced_security_group_id: APP_GROUP_ID, from_port: 8080, to_port: 8080 }),
    ]);
  });

  test('error: loadBalancerArn that is not an Application Load Balancer ARN', () => {
    for (const loadBalancerArn of [
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/shop/50dc6c495c0c9188',
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/50dc6c495c0c9188',
    ]) {
      const attributes = (stack: Parameters<typeof existingGroup>[0]): LoadBalancerAttributes => ({
        loadBalancerArn,
        securityGroup: existingGroup(stack),
      });
      const build = () => synthStack((stack) => LoadBalancer.fromLoadBalancerAttributes(stack, 'alb', attributes(stack)));
      expect(build).toThrow(WebStackError);
      expect(build).toThrow(/loadBalancerArn ".*" is not an Application Load Balancer ARN; pass a literal of the form/);
    }
  });
});
