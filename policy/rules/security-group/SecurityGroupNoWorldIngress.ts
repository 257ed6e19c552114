import { Compliance, nonCompliant, PolicyRule, RuleContext, SynthesizedResource } from '../../rule';
import { booleanValue, refersTo } from '../../values';
import { INGRESS_RULE_TYPES, ingressPermissions, portLabel, WORLD } from './ingress-rules';

function onInternetFacingLoadBalancer(group: SynthesizedResource | undefined, context: RuleContext): boolean {
  if (!group) return false;
  return context.stack
    .resources('aws_lb', 'aws_alb')
    .some((lb) => refersTo(lb.config.security_groups, group) && booleanValue(lb.config.internal, 'internal') !== true);
}

/**
 * No ingress from 0.0.0.0/0 or ::/0, except the public web ports (80 and 443 by default) on a
 * group attached to an internet-facing load balancer of the same stack.
 */
export const SecurityGroupNoWorldIngress: PolicyRule = {
  name: 'SecurityGroupNoWorldIngress',
  resourceTypes: INGRESS_RULE_TYPES,
  check(resource, context) {
    const permissions = ingressPermissions(resource, context);
    if (permissions.length === 0) return Compliance.NOT_APPLICABLE;
    for (const permission of permissions) {
      const world = permission.cidrs.filter((cidr) => WORLD.includes(cidr));
      if (world.length === 0) continue;
      const webPort =
        permission.protocol === 'tcp' &&
        permission.fromPort === permission.toPort &&
        context.publicWebPorts.includes(permission.fromPort ?? -1);
      if (webPort && onInternetFacingLoadBalancer(permission.group, context)) continue;
      const where = webPort ? ' on a group not attached to an internet-facing load balancer' : '';
      return nonCompliant(`ingress from ${world.join(' and ')} to ${portLabel(permission)}${where}`);
    }
    return Compliance.COMPLIANT;
  },
};
