import { Compliance, nonCompliant, PolicyRule, RuleContext, SynthesizedResource } from '../../rule';
import { booleanValue, list, refersTo } from '../../values';
import { INGRESS_RULE_TYPES, IngressPermission, ingressPermissions, portLabel, WORLD } from './ingress-rules';

/** Whether the load balancer carries the permission's group: one of this stack, or an existing one by ID. */
function carries(lb: SynthesizedResource, permission: IngressPermission): boolean {
  if (permission.group) return refersTo(lb.config.security_groups, permission.group);
  return permission.existingGroupId !== undefined && list(lb.config.security_groups).includes(permission.existingGroupId);
}

function onInternetFacingLoadBalancer(permission: IngressPermission, context: RuleContext): boolean {
  return context.stack
    .resources('aws_lb', 'aws_alb')
    .some((lb) => carries(lb, permission) && booleanValue(lb.config.internal, 'internal') !== true);
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
      if (webPort && onInternetFacingLoadBalancer(permission, context)) continue;
      const where = webPort ? ' on a group not attached to an internet-facing load balancer' : '';
      return nonCompliant(`ingress from ${world.join(' and ')} to ${portLabel(permission)}${where}`);
    }
    return Compliance.COMPLIANT;
  },
};
