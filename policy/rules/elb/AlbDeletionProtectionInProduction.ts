import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';
import { LOAD_BALANCER_TYPES } from './load-balancers';

/** Production load balancers have deletion protection. */
export const AlbDeletionProtectionInProduction: PolicyRule = {
  name: 'AlbDeletionProtectionInProduction',
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb, context) {
    if (!context.production) return Compliance.NOT_APPLICABLE;
    return booleanValue(lb.config.enable_deletion_protection, 'enable_deletion_protection') === true
      ? Compliance.COMPLIANT
      : nonCompliant('enable_deletion_protection is not true in a production stack');
  },
};
