import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue, isExpression } from '../../values';

/**
 * The master password is managed by RDS in Secrets Manager (`manage_master_user_password`) or
 * passed write-only (`password_wo`), so it is neither in the configuration nor in the state.
 */
export const RdsManagedPassword: PolicyRule = {
  name: 'RdsManagedPassword',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(db) {
    const c = db.config;
    if (booleanValue(c.manage_master_user_password, 'manage_master_user_password') === true) return Compliance.COMPLIANT;
    const writeOnly = db.type === 'aws_db_instance' ? c.password_wo : c.master_password_wo;
    if (writeOnly) return Compliance.COMPLIANT;
    const password = db.type === 'aws_db_instance' ? c.password : c.master_password;
    if (password === undefined || password === null) {
      // Replicas, restores and cluster members take the password from elsewhere.
      return Compliance.NOT_APPLICABLE;
    }
    return nonCompliant(
      isExpression(password)
        ? 'the password comes from an expression and is stored in the Terraform state'
        : 'a literal password is written in the configuration',
    );
  },
};
