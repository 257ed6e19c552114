import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { numberValue } from '../../values';

/** Days of automated backups a production database keeps at least. */
export const PRODUCTION_BACKUP_RETENTION_DAYS = 7;
/** What RDS keeps when backup_retention_period is not given. */
export const RDS_DEFAULT_BACKUP_RETENTION_DAYS = 1;

/** Automated backups are kept: at least 1 day, and at least 7 in production. */
export const RdsBackupRetention: PolicyRule = {
  name: 'RdsBackupRetention',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(db, context) {
    const days = numberValue(db.config.backup_retention_period, 'backup_retention_period') ?? RDS_DEFAULT_BACKUP_RETENTION_DAYS;
    const minimum = context.production ? PRODUCTION_BACKUP_RETENTION_DAYS : 1;
    return days >= minimum
      ? Compliance.COMPLIANT
      : nonCompliant(`backup_retention_period is ${days}, below ${minimum}${context.production ? ' in a production stack' : ''}`);
  },
};
