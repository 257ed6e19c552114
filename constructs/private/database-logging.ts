import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';

/** The MySQL logs RDS exports to CloudWatch Logs, as `enabled_cloudwatch_logs_exports` names them. */
export const MYSQL_LOG_EXPORTS = ['error', 'slowquery'] as const;

export interface DatabaseLoggingProps {
  /** The DB instance identifier; RDS writes to `/aws/rds/instance/<identifier>/<log>`. */
  readonly identifier: string;
  /** MySQL version, such as "8.4" or "8.4.5"; the parameter group family follows its major. */
  readonly engineVersion: string;
  readonly retentionDays: number;
  /** Statements slower than this many seconds go to the slow query log. */
  readonly slowQuerySeconds: number;
}

/** The parameter group family of a MySQL version: "8.4.5" → "mysql8.4". */
export function mysqlParameterGroupFamily(engineVersion: string): string {
  const [major, minor] = engineVersion.split('.');
  return `mysql${major}.${minor}`;
}

/**
 * What RDS needs to export MySQL's error and slow query logs: a parameter group that turns the
 * slow query log on and writes it to a file (RDS exports files only, not the `mysql.slow_log`
 * table), and the two log groups, created by Terraform with a retention before RDS would create
 * them itself without one (and leave them behind on destroy).
 */
export class DatabaseLogging extends Construct {
  public readonly parameterGroup: DbParameterGroup;
  /** The exported log groups by log name (`error`, `slowquery`). */
  public readonly logGroups: Readonly<Record<(typeof MYSQL_LOG_EXPORTS)[number], CloudwatchLogGroup>>;

  constructor(scope: Construct, id: string, props: DatabaseLoggingProps) {
    super(scope, id);
    this.parameterGroup = new DbParameterGroup(this, 'parameter-group', {
      // A major version upgrade needs a group of the new family before the old one can go.
      namePrefix: `${props.identifier}-`,
      family: mysqlParameterGroupFamily(props.engineVersion),
      description: `MySQL settings of ${props.identifier}: slow query log to a file, exported to CloudWatch`,
      parameter: [
        { name: 'slow_query_log', value: '1' },
        { name: 'long_query_time', value: String(props.slowQuerySeconds) },
        { name: 'log_output', value: 'FILE' },
      ],
      lifecycle: { createBeforeDestroy: true },
    });
    const logGroup = (log: string) =>
      new CloudwatchLogGroup(this, log, { name: `/aws/rds/instance/${props.identifier}/${log}`, retentionInDays: props.retentionDays });
    this.logGroups = { error: logGroup('error'), slowquery: logGroup('slowquery') };
  }
}
