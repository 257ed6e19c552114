import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { stringValue } from '../../values';

/** Elastic Load Balancing caps load balancer and target group names at 32 characters. */
export const MAX_LOAD_BALANCER_NAME_LENGTH = 32;
/** The provider refuses a `name_prefix` longer than 6 characters on load balancers and target groups. */
export const MAX_LOAD_BALANCER_NAME_PREFIX_LENGTH = 6;

/** Load balancer and target group names fit the limits the API enforces only at apply. */
export const LoadBalancerNameLength: PolicyRule = {
  name: 'LoadBalancerNameLength',
  resourceTypes: ['aws_lb', 'aws_alb', 'aws_lb_target_group', 'aws_alb_target_group'],
  check(resource) {
    const name = stringValue(resource.config.name, 'name');
    const prefix = stringValue(resource.config.name_prefix, 'name_prefix');
    if (name !== undefined && name.length > MAX_LOAD_BALANCER_NAME_LENGTH) {
      return nonCompliant(`name "${name}" has ${name.length} characters, over ${MAX_LOAD_BALANCER_NAME_LENGTH}`);
    }
    if (prefix !== undefined && prefix.length > MAX_LOAD_BALANCER_NAME_PREFIX_LENGTH) {
      return nonCompliant(`name_prefix "${prefix}" has ${prefix.length} characters, over ${MAX_LOAD_BALANCER_NAME_PREFIX_LENGTH}`);
    }
    return name === undefined && prefix === undefined ? Compliance.NOT_APPLICABLE : Compliance.COMPLIANT;
  },
};
