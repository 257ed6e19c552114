import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES } from './load-balancers';

/** Application load balancers drop requests with invalid HTTP headers. */
export const AlbDropInvalidHeaders: PolicyRule = {
  name: 'AlbDropInvalidHeaders',
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb) {
    if (!isApplicationLoadBalancer(lb)) return Compliance.NOT_APPLICABLE;
    return booleanValue(lb.config.drop_invalid_header_fields, 'drop_invalid_header_fields') === true
      ? Compliance.COMPLIANT
      : nonCompliant('drop_invalid_header_fields is not true');
  },
};
