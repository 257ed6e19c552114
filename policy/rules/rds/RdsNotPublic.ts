import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';

/** Databases get no public address. */
export const RdsNotPublic: PolicyRule = {
  name: 'RdsNotPublic',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check(db) {
    return booleanValue(db.config.publicly_accessible, 'publicly_accessible') === true
      ? nonCompliant('publicly_accessible is true')
      : Compliance.COMPLIANT;
  },
};
