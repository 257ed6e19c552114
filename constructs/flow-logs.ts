import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { WebStackError } from '../core/errors';
import { INetwork } from './network-interface';
import { policyDocument } from './policy-document';
import { findLogRetentionProblem } from './private/log-retention';

/** Which connections a flow log records. */
export type FlowLogTrafficType = 'ALL' | 'ACCEPT' | 'REJECT';

export interface FlowLogsProps {
  /** Name prefix of the log group and the role, such as "web-stack-dev". */
  readonly name: string;
  /** The VPC whose traffic is recorded. */
  /** The network whose traffic is logged. */
  readonly network: INetwork;
  /**
   * Days the records are kept. Flow logs of a busy VPC grow fast and CloudWatch Logs bills
   * ingestion and storage per GB, so keep this short unless an audit needs more.
   *
   * @default FlowLogs.DEFAULT_RETENTION_DAYS
   */
  readonly retentionDays?: number;
  /**
   * Accepted connections, rejected ones, or both. `REJECT` alone costs least and still shows
   * what the security groups and network ACLs turn away.
   *
   * @default 'ALL'
   */
  readonly trafficType?: FlowLogTrafficType;
  /**
   * Seconds over which records are aggregated: 60 or 600. Shorter is closer to real time at
   * the price of more records.
   *
   * @default 600
   */
  readonly maxAggregationInterval?: 60 | 600;
}

/**
 * VPC flow logs delivered to a CloudWatch log group with a retention period. The delivery role
 * may be assumed only by the flow logs service on behalf of a flow log, and may write only to
 * this one log group.
 *
 * @example
 * new FlowLogs(this, 'flow-logs', { name: 'web-dev', network, retentionDays: 14 });
 */
export class FlowLogs extends Construct {
  /** Retention used when none is given: a month is enough to look back on an incident. */
  public static readonly DEFAULT_RETENTION_DAYS = 30;
  /** Accepted and rejected connections: an incident needs to know what got through. */
  public static readonly DEFAULT_TRAFFIC_TYPE: FlowLogTrafficType = 'ALL';

  /** The VPC's flow log, delivering to `logGroup`. */
  public readonly flowLog: FlowLog;
  /** Where the records go, kept for the retention given. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The role the flow logs service writes with: to this log group only. */
  public readonly role: IamRole;
  /** Name of the log group the records go to. */
  public readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? FlowLogs.DEFAULT_RETENTION_DAYS;
    const retentionProblem = findLogRetentionProblem(retentionDays);
    if (retentionProblem) {
      throw new WebStackError(`retentionDays ${retentionProblem}`, this);
    }
    const trafficType = props.trafficType ?? FlowLogs.DEFAULT_TRAFFIC_TYPE;
    if (!['ALL', 'ACCEPT', 'REJECT'].includes(trafficType)) {
      throw new WebStackError(`trafficType ${JSON.stringify(trafficType)}: use "ALL", "ACCEPT" or "REJECT"`, this);
    }
    const interval = props.maxAggregationInterval ?? 600;
    if (interval !== 60 && interval !== 600) {
      throw new WebStackError(`maxAggregationInterval ${interval}: flow logs aggregate over 60 or 600 seconds`, this);
    }

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/vpc/${props.name}/flow-logs`,
      retentionInDays: retentionDays,
    });
    this.logGroupName = this.logGroup.name;

    this.role = new IamRole(this, 'role', {
      name: `${props.name}-flow-logs`,
      assumeRolePolicy: policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // Only on behalf of a flow log, so the service cannot be tricked into using the role
          // for another kind of resource.
          Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:*:*:vpc-flow-log/*' } },
        },
      ]),
    });
    new IamRolePolicy(this, 'policy', {
      name: 'write-own-log-group',
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'WriteOwnLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
        {
          // The service looks the group up before delivering; listing groups reveals names
          // only and cannot be narrowed to one group.
          Sid: 'FindLogGroup',
          Effect: 'Allow',
          Action: 'logs:DescribeLogGroups',
          Resource: '*',
        },
      ]),
    });

    this.flowLog = new FlowLog(this, 'Resource', {
      vpcId: props.network.vpcId,
      trafficType,
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: interval,
      tags: { Name: `${props.name}-flow-logs` },
    });
  }
}
