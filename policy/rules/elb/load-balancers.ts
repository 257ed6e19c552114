import { SynthesizedResource } from '../../rule';
import { stringValue } from '../../values';

export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'];
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];

/** True for application load balancers (the default type). */
export function isApplicationLoadBalancer(lb: SynthesizedResource): boolean {
  return (stringValue(lb.config.load_balancer_type, 'load_balancer_type') ?? 'application') === 'application';
}

/** A listener's protocol; ALB listeners default to HTTP, or HTTPS when they carry a certificate. */
export function listenerProtocol(listener: SynthesizedResource): string {
  const given = stringValue(listener.config.protocol, 'protocol');
  if (given) return given.toUpperCase();
  return listener.config.certificate_arn ? 'HTTPS' : 'HTTP';
}
