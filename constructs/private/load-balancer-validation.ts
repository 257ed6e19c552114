import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { showValue, WebStackError } from '../../core/errors';
import type { HealthCheckOptions, LoadBalancerProps } from '../load-balancer';

/** An ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>. */
export const ACM_CERTIFICATE_ARN_PATTERN = /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/;
/** A TLS 1.3 policy that still accepts TLS 1.2 clients with forward-secret ciphers. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * Throws the first problem of the props, after defaults: the name, the zones, the certificate,
 * the TLS policy, access logs and the health check.
 */
export function validateLoadBalancerProps(
  scope: IConstruct,
  props: LoadBalancerProps,
  healthCheck: Required<HealthCheckOptions>,
  deregistrationDelay: number,
): void {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,26}[A-Za-z0-9])?$/.test(props.name)) {
    throw new WebStackError(
      `name ${showValue(props.name)}: use 1-28 letters, digits and inner hyphens (ELB names are at most 32 characters and the target group adds "-web")`,
      scope,
    );
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
  if (!healthCheck.path.startsWith('/')) {
    throw new WebStackError(`healthCheck.path ${showValue(healthCheck.path)} must start with "/"`, scope);
  }
  const ranges: Array<[string, number, number, number]> = [
    ['healthCheck.intervalSeconds', healthCheck.intervalSeconds, 5, 300],
    ['healthCheck.timeoutSeconds', healthCheck.timeoutSeconds, 2, 120],
    ['healthCheck.healthyThreshold', healthCheck.healthyThreshold, 2, 10],
    ['healthCheck.unhealthyThreshold', healthCheck.unhealthyThreshold, 2, 10],
    ['deregistrationDelaySeconds', deregistrationDelay, 0, 3600],
  ];
  for (const [field, value, min, max] of ranges) {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new WebStackError(`${field} ${showValue(value)} is out of range; use a whole number from ${min} to ${max}`, scope);
    }
  }
  if (healthCheck.timeoutSeconds >= healthCheck.intervalSeconds) {
    throw new WebStackError(
      `healthCheck.timeoutSeconds ${healthCheck.timeoutSeconds} is not below healthCheck.intervalSeconds ${healthCheck.intervalSeconds}; a check must time out before the next one starts`,
      scope,
    );
  }
  if (!/^\d{3}([-,]\d{3})*$/.test(healthCheck.matcher)) {
    throw new WebStackError(
      `healthCheck.matcher ${showValue(healthCheck.matcher)} is not a list or range of HTTP codes; write it as "200,301,302" or "200-399"`,
      scope,
    );
  }
}
