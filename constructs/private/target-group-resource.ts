import { Construct } from 'constructs';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { DEFAULT_DEREGISTRATION_DELAY_SECONDS, DEFAULT_TARGET_HEALTH_CHECK, TargetGroupOptions } from '../target-group';
import { validateTargetGroupOptions } from './load-balancer-validation';

/** Where a target group goes and what `createTargetGroup` calls its options in errors. */
export interface TargetGroupPlacement {
  /** The load balancer's name; the target group's name defaults to it, a hyphen and the ID. */
  readonly loadBalancerName: string;
  readonly vpcId: string;
  /** Prefix of the option names in errors: "" for `addTargetGroup`, "targetGroups.<id>." for props. */
  readonly field: string;
}

/**
 * An HTTP target group of instances, created directly under `scope` (the load balancer) so its
 * address is `<load balancer>_<id>`: a wrapper construct would change every existing address.
 */
export function createTargetGroup(
  scope: Construct,
  id: string,
  options: TargetGroupOptions,
  placement: TargetGroupPlacement,
): LbTargetGroup {
  const healthCheck = { ...DEFAULT_TARGET_HEALTH_CHECK, ...options.healthCheck };
  const deregistrationDelay = options.deregistrationDelaySeconds ?? DEFAULT_DEREGISTRATION_DELAY_SECONDS;
  const name = options.name ?? `${placement.loadBalancerName}-${id}`;
  validateTargetGroupOptions(scope, placement.field, { name, port: options.port, healthCheck, deregistrationDelay });
  return new LbTargetGroup(scope, id, {
    name,
    vpcId: placement.vpcId,
    port: options.port,
    protocol: 'HTTP',
    targetType: 'instance',
    deregistrationDelay: String(deregistrationDelay),
    healthCheck: {
      enabled: true,
      protocol: 'HTTP',
      port: 'traffic-port',
      path: healthCheck.path,
      interval: healthCheck.intervalSeconds,
      timeout: healthCheck.timeoutSeconds,
      healthyThreshold: healthCheck.healthyThreshold,
      unhealthyThreshold: healthCheck.unhealthyThreshold,
      matcher: healthCheck.matcher,
    },
    stickiness: { type: 'lb_cookie', enabled: options.stickiness ?? false },
    tags: { Name: name },
  });
}
