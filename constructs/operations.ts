import { Construct } from 'constructs';
import { dependable, ITerraformDependable } from 'cdktf';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AlarmTopic } from './alarm-topic';
import { WebStackError } from '../core/errors';
import { FlowLogs, FlowLogsProps } from './flow-logs';
import { HealthCheck, HealthCheckProps } from './health-check';
import { dashboardBody, MetricAlarmSpec } from './private/metric-alarm-spec';
import { autoScalingAlarmSpec, databaseAlarmSpecs, loadBalancerAlarmSpecs } from './private/operations-alarm-specs';

/** The load balancer and target group to watch, as their CloudWatch dimensions. */
export interface LoadBalancerMetrics {
  /** The load balancer's `arn_suffix` ("app/name/id"). */
  readonly arnSuffix: string;
  /** The target group's `arn_suffix` ("targetgroup/name/id"). */
  readonly targetGroupArnSuffix: string;
}

/** The RDS instance to watch. */
export interface DatabaseMetrics {
  /** The DB instance identifier. */
  readonly instanceIdentifier: string;
}

/**
 * The Auto Scaling group to watch. Its group metrics must be enabled (`GroupInServiceInstances`),
 * and its instance refresh must launch before it terminates (min healthy 100 %, as `WebServers`
 * does), or every refresh takes instances out of service and raises the alarm.
 */
export interface AutoScalingGroupMetrics {
  /** The group's name. */
  readonly name: string;
  /** The group's minimum size: fewer instances in service than this raises the alarm. At least 1. */
  readonly minSize: number;
}

/** Alarm thresholds. Each applies to one 5-minute period unless its doc says otherwise. */
export interface OperationsThresholds {
  /**
   * 5xx answers from the web servers in 5 minutes that raise the alarm.
   *
   * @default Operations.DEFAULT_TARGET_5XX_COUNT
   */
  readonly target5xxCount?: number;
  /**
   * Unhealthy targets, present for 5 minutes without a break, that raise the alarm.
   *
   * @default Operations.DEFAULT_UNHEALTHY_HOSTS
   */
  readonly unhealthyHosts?: number;
  /**
   * Average database CPU, in percent, sustained for 15 minutes, that raises the alarm.
   *
   * @default Operations.DEFAULT_DATABASE_CPU_PERCENT
   */
  readonly databaseCpuPercent?: number;
  /**
   * Free database storage, in GiB, below which the alarm is raised.
   *
   * @default Operations.DEFAULT_DATABASE_FREE_STORAGE_GIB
   */
  readonly databaseFreeStorageGiB?: number;
  /**
   * Freeable database memory, in MiB, below which (for 15 minutes) the alarm is raised.
   *
   * @default Operations.DEFAULT_DATABASE_FREEABLE_MEMORY_MIB
   */
  readonly databaseFreeableMemoryMiB?: number;
}

/** The health check's settings; the name, the topic and the log retention come from `Operations`. */
export type SiteHealthCheckOptions = Omit<HealthCheckProps, 'name' | 'alarmTopicArn' | 'logRetentionDays'>;

/** Flow log settings; the name comes from `Operations`. */
export type OperationsFlowLogsOptions = Omit<FlowLogsProps, 'name'>;

export interface OperationsProps {
  /** Name prefix of every resource, such as "web-stack-dev". */
  readonly name: string;
  /** Region of the metrics, shown on the dashboard. */
  readonly region: string;
  /**
   * Addresses that receive every alarm and recovery.
   *
   * @default [] - alarms change state silently; subscribe to the topic later
   */
  readonly alarmEmails?: readonly string[];
  /**
   * Scheduled request to the site, with its alarm.
   *
   * @default - no health check
   */
  readonly healthCheck?: SiteHealthCheckOptions;
  /**
   * Load balancer whose target 5xx count and unhealthy hosts are watched.
   *
   * @default - no load balancer alarms
   */
  readonly loadBalancer?: LoadBalancerMetrics;
  /**
   * Database whose CPU, free storage and freeable memory are watched.
   *
   * @default - no database alarms
   */
  readonly database?: DatabaseMetrics;
  /**
   * Auto Scaling group whose in-service instance count is watched.
   *
   * @default - no Auto Scaling alarm
   */
  readonly autoScalingGroup?: AutoScalingGroupMetrics;
  /**
   * Alarm thresholds; each one left out keeps its default.
   *
   * @default - every threshold at its default
   */
  readonly thresholds?: OperationsThresholds;
  /**
   * VPC flow logs.
   *
   * @default - no flow logs
   */
  readonly flowLogs?: OperationsFlowLogsOptions;
  /**
   * Days the health check function's logs are kept.
   *
   * @default NodeFunction.DEFAULT_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
  /**
   * What must be up before anything watches it, such as the web servers' Auto Scaling group
   * when it waits for healthy instances at create: the health check's schedule and every alarm
   * are created after these, so a fresh deploy sends no alarm about a site still booting.
   *
   * @default [] - monitoring may start while the site is still coming up
   */
  readonly startAfter?: readonly ITerraformDependable[];
}

/**
 * Monitoring of one environment: an SNS topic with e-mail subscriptions, a scheduled site
 * health check, alarms on the load balancer, the database and the Auto Scaling group, all
 * notifying the topic, a CloudWatch dashboard of the same metrics, and VPC flow logs. Every
 * part but the topic is optional, and takes plain values (ARN suffixes, names), so it watches
 * resources built by any construct.
 *
 * @example
 * new Operations(this, 'operations', {
 *   name: 'web-dev', region: 'eu-west-1', alarmEmails: ['ops@example.com'],
 *   healthCheck: { url: `${alb.url}/` },
 *   loadBalancer: { arnSuffix: alb.loadBalancerArnSuffix, targetGroupArnSuffix: alb.targetGroupArnSuffix },
 *   database: { instanceIdentifier: db.instanceIdentifier },
 *   autoScalingGroup: { name: web.autoScalingGroupName, minSize: web.minSize },
 *   flowLogs: { network },
 * });
 */
export class Operations extends Construct {
  /** 5xx answers in 5 minutes: a few are noise on a busy site, ten in a row are not. */
  public static readonly DEFAULT_TARGET_5XX_COUNT = 10;
  /** One web server unhealthy for 5 minutes: with two servers that is half the capacity. */
  public static readonly DEFAULT_UNHEALTHY_HOSTS = 1;
  /** Average database CPU for 15 minutes, leaving headroom on burstable classes. */
  public static readonly DEFAULT_DATABASE_CPU_PERCENT = 80;
  /** Free database storage: time to grow it before MySQL stops accepting writes. */
  public static readonly DEFAULT_DATABASE_FREE_STORAGE_GIB = 2;
  /** Freeable database memory: below this a 1 GiB class starts to swap. */
  public static readonly DEFAULT_DATABASE_FREEABLE_MEMORY_MIB = 100;

  public readonly alarmTopic: AlarmTopic;
  /** The site health check, when configured. */
  public readonly healthCheck?: HealthCheck;
  /** The flow logs, when configured. */
  public readonly flowLogs?: FlowLogs;
  /** Every alarm by a stable key: `health-check`, `target-5xx`, `unhealthy-hosts`, `database-cpu`, ... */
  public readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;
  /** A graph of every alarmed metric, when there is at least one. */
  public readonly dashboard?: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const thresholds = this.validateThresholds(props.thresholds ?? {});
    if (props.autoScalingGroup && (!Number.isInteger(props.autoScalingGroup.minSize) || props.autoScalingGroup.minSize < 1)) {
      throw new WebStackError(
        `autoScalingGroup.minSize ${props.autoScalingGroup.minSize}: the in-service alarm needs a minimum of at least 1 instance; leave autoScalingGroup out for a group that may be empty`,
        this,
      );
    }

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', { topicName: `${props.name}-alarms`, emails: props.alarmEmails });
    const topicArn = this.alarmTopic.topicArn;
    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    const specs: MetricAlarmSpec[] = [];

    if (props.healthCheck) {
      this.healthCheck = new HealthCheck(this, 'health-check', {
        ...props.healthCheck,
        name: props.name,
        alarmTopicArn: topicArn,
        logRetentionDays: props.logRetentionDays,
      });
      alarms['health-check'] = this.healthCheck.alarm;
    }

    if (props.loadBalancer) {
      specs.push(...loadBalancerAlarmSpecs(props.loadBalancer.arnSuffix, props.loadBalancer.targetGroupArnSuffix, thresholds));
    }
    if (props.database) {
      specs.push(...databaseAlarmSpecs(props.database.instanceIdentifier, thresholds));
    }
    if (props.autoScalingGroup) {
      specs.push(autoScalingAlarmSpec(props.autoScalingGroup.name, props.autoScalingGroup.minSize));
    }

    for (const spec of specs) {
      alarms[spec.key] = new CloudwatchMetricAlarm(this, spec.key, {
        alarmName: `${props.name}-${spec.key}`,
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: { ...spec.dimensions },
        statistic: spec.statistic,
        period: spec.period,
        evaluationPeriods: spec.evaluationPeriods,
        threshold: spec.threshold,
        comparisonOperator: spec.comparisonOperator,
        treatMissingData: spec.treatMissingData,
        alarmActions: [topicArn],
        okActions: [topicArn],
      });
    }
    this.alarms = alarms;

    const healthCheckSpec: MetricAlarmSpec[] = this.healthCheck
      ? [
          {
            key: 'health-check',
            title: 'Site health check failures',
            description: '',
            namespace: 'AWS/Lambda',
            metricName: 'Errors',
            dimensions: { FunctionName: this.healthCheck.function.functionName },
            statistic: 'Sum',
            period: this.healthCheck.alarmPeriodSeconds,
            evaluationPeriods: 1,
            threshold: this.healthCheck.errorThreshold,
            comparisonOperator: 'GreaterThanOrEqualToThreshold',
            treatMissingData: 'notBreaching',
          },
        ]
      : [];
    const graphed = [...healthCheckSpec, ...specs];
    // CloudWatch refuses a dashboard without widgets.
    if (graphed.length > 0) {
      this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
        dashboardName: props.name,
        dashboardBody: dashboardBody(props.region, graphed),
      });
    }

    const after = (props.startAfter ?? []).map((resource) => dependable(resource));
    if (after.length > 0) {
      for (const watcher of [...(this.healthCheck ? [this.healthCheck.schedule] : []), ...Object.values(alarms)]) {
        watcher.dependsOn = [...(watcher.dependsOn ?? []), ...after];
      }
    }

    if (props.flowLogs) {
      this.flowLogs = new FlowLogs(this, 'flow-logs', { ...props.flowLogs, name: props.name });
    }
  }

  private validateThresholds(given: OperationsThresholds): Required<OperationsThresholds> {
    const thresholds: Required<OperationsThresholds> = {
      target5xxCount: given.target5xxCount ?? Operations.DEFAULT_TARGET_5XX_COUNT,
      unhealthyHosts: given.unhealthyHosts ?? Operations.DEFAULT_UNHEALTHY_HOSTS,
      databaseCpuPercent: given.databaseCpuPercent ?? Operations.DEFAULT_DATABASE_CPU_PERCENT,
      databaseFreeStorageGiB: given.databaseFreeStorageGiB ?? Operations.DEFAULT_DATABASE_FREE_STORAGE_GIB,
      databaseFreeableMemoryMiB: given.databaseFreeableMemoryMiB ?? Operations.DEFAULT_DATABASE_FREEABLE_MEMORY_MIB,
    };
    const wholeCounts: (keyof OperationsThresholds)[] = ['target5xxCount', 'unhealthyHosts'];
    for (const key of wholeCounts) {
      if (!Number.isInteger(thresholds[key]) || thresholds[key] < 1) {
        throw new WebStackError(`thresholds.${key} ${thresholds[key]}: use a whole number, at least 1`, this);
      }
    }
    if (!(thresholds.databaseCpuPercent > 0 && thresholds.databaseCpuPercent <= 100)) {
      throw new WebStackError(
        `thresholds.databaseCpuPercent ${thresholds.databaseCpuPercent}: use a percentage above 0 and at most 100`,
        this,
      );
    }
    for (const key of ['databaseFreeStorageGiB', 'databaseFreeableMemoryMiB'] as const) {
      if (!(thresholds[key] > 0)) {
        throw new WebStackError(`thresholds.${key} ${thresholds[key]}: use a positive number`, this);
      }
    }
    return thresholds;
  }
}
