import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { showValue, WebStackError } from '../../core/errors';
import type { LoadBalancerProps } from '../load-balancer';
import type { HealthCheckOptions } from '../target-group';

/** An ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>. */
export const ACM_CERTIFICATE_ARN_PATTERN = /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/;
/** A TLS 1.3 policy that still accepts TLS 1.2 clients with forward-secret ciphers. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** ELB names of load balancers and target groups: 1-32 letters, digits and inner hyphens. */
const ELB_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

/**
 * Throws the first problem of the props: the name, the zones, the certificate, the TLS policy
 * and access logs. Target groups are checked by `validateTargetGroupOptions`.
 */
export function validateLoadBalancerProps(scope: IConstruct, props: LoadBalancerProps): void {
  if (!ELB_NAME_PATTERN.test(props.name)) {
    throw new WebStackError(`name ${showValue(props.name)}: use 1-32 letters, digits and inner hyphens`, scope);
  }
  const zones = Object.keys(props.subnetIds ?? props.network.publicSubnetIds);
  if (zones.length < 2) {
    throw new WebStackError(
      `subnetIds has ${zones.length} zone(s) (${zones.join(', ') || 'none'}); an Application Load Balancer needs subnets in at least two availability zones`,
      scope,
    );
  }
  // A certificate made in the same stack (DnsValidatedCertificate) is known only at apply.
  if (
    props.certificateArn !== undefined &&
    !Token.isUnresolved(props.certificateArn) &&
    !ACM_CERTIFICATE_ARN_PATTERN.test(props.certificateArn)
  ) {
    throw new WebStackError(
      `certificateArn ${showValue(props.certificateArn)} is not an ACM certificate ARN; use the form arn:aws:acm:eu-west-1:123456789012:certificate/<uuid>`,
      scope,
    );
  }
  if (props.sslPolicy !== undefined && !/^ELBSecurityPolicy-/.test(props.sslPolicy)) {
    throw new WebStackError(
      `sslPolicy ${showValue(props.sslPolicy)} is not an ELB security policy; use one such as ${DEFAULT_SSL_POLICY}`,
      scope,
    );
  }
  if (props.accessLogsBucket !== undefined && props.accessLogsBucket.trim() === '') {
    throw new WebStackError('accessLogsBucket is empty; name the bucket or leave it out to turn access logs off', scope);
  }
}

/** A target group's settings after defaults, as `validateTargetGroupOptions` checks them. */
export interface ResolvedTargetGroupOptions {
  readonly name: string;
  readonly port: number;
  readonly healthCheck: Required<HealthCheckOptions>;
  readonly deregistrationDelay: number;
}

/**
 * Throws the first problem of a target group's settings: its name, port, health check and
 * deregistration delay. `field` prefixes each option's name in the message ("" or
 * "targetGroups.web.").
 */
export function validateTargetGroupOptions(scope: IConstruct, field: string, options: ResolvedTargetGroupOptions): void {
  const { healthCheck } = options;
  if (!ELB_NAME_PATTERN.test(options.name)) {
    throw new WebStackError(
      `${field}name ${showValue(options.name)}: use 1-32 letters, digits and inner hyphens (by default the load balancer's name, a hyphen and the target group's ID)`,
      scope,
    );
  }
  if (!healthCheck.path.startsWith('/')) {
    throw new WebStackError(`${field}healthCheck.path ${showValue(healthCheck.path)} must start with "/"`, scope);
  }
  const ranges: Array<[string, number, number, number]> = [
    ['port', options.port, 1, 65535],
    ['healthCheck.intervalSeconds', healthCheck.intervalSeconds, 5, 300],
    ['healthCheck.timeoutSeconds', healthCheck.timeoutSeconds, 2, 120],
    ['healthCheck.healthyThreshold', healthCheck.healthyThreshold, 2, 10],
    ['healthCheck.unhealthyThreshold', healthCheck.unhealthyThreshold, 2, 10],
    ['deregistrationDelaySeconds', options.deregistrationDelay, 0, 3600],
  ];
  for (const [name, value, min, max] of ranges) {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new WebStackError(`${field}${name} ${showValue(value)} is out of range; use a whole number from ${min} to ${max}`, scope);
    }
  }
  if (healthCheck.timeoutSeconds >= healthCheck.intervalSeconds) {
    throw new WebStackError(
      `${field}healthCheck.timeoutSeconds ${healthCheck.timeoutSeconds} is not below ${field}healthCheck.intervalSeconds ${healthCheck.intervalSeconds}; a check must time out before the next one starts`,
      scope,
    );
  }
  if (!/^\d{3}([-,]\d{3})*$/.test(healthCheck.matcher)) {
    throw new WebStackError(
      `${field}healthCheck.matcher ${showValue(healthCheck.matcher)} is not a list or range of HTTP codes; write it as "200,301,302" or "200-399"`,
      scope,
    );
  }
}
