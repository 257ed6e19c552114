import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';

/** Database storage is encrypted at rest. */
export const RdsStorageEncrypted: PolicyRule = {
  name: 'RdsStorageEncrypted',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(db) {
    // A read replica inherits its source's encryption and cannot choose.
    if (db.config.replicate_source_db) return Compliance.NOT_APPLICABLE;
    return booleanValue(db.config.storage_encrypted, 'storage_encrypted') === true
      ? Compliance.COMPLIANT
      : nonCompliant('storage_encrypted is not true');
  },
};
