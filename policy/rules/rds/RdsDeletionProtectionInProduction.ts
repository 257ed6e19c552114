import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';

/** Production databases have deletion protection. */
export const RdsDeletionProtectionInProduction: PolicyRule = {
  name: 'RdsDeletionProtectionInProduction',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(db, context) {
    if (!context.production) return Compliance.NOT_APPLICABLE;
    return booleanValue(db.config.deletion_protection, 'deletion_protection') === true
      ? Compliance.COMPLIANT
      : nonCompliant('deletion_protection is not true in a production stack');
  },
};
