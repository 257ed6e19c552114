import { MetricAlarmSpec } from './metric-alarm-spec';

/** Every threshold of the stack alarms, defaults already applied. */
export interface ResolvedThresholds {
  readonly target5xxCount: number;
  readonly unhealthyHosts: number;
  readonly databaseCpuPercent: number;
  readonly databaseFreeStorageGiB: number;
  readonly databaseFreeableMemoryMiB: number;
}

/** Seconds per data point of the stack alarms. */
export const STACK_ALARM_PERIOD_SECONDS = 300;

/** Target 5xx answers and unhealthy targets of one target group. */
export function loadBalancerAlarmSpecs(arnSuffix: string, targetGroupArnSuffix: string, thresholds: ResolvedThresholds): MetricAlarmSpec[] {
  const dimensions = { LoadBalancer: arnSuffix, TargetGroup: targetGroupArnSuffix };
  return [
    {
      key: 'target-5xx',
      title: 'Web server 5xx answers',
      description: `The web servers answered ${thresholds.target5xxCount} or more requests with 5xx in 5 minutes: WordPress, PHP or the database is failing; check the web servers' logs.`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions,
      statistic: 'Sum',
      period: STACK_ALARM_PERIOD_SECONDS,
      evaluationPeriods: 1,
      threshold: thresholds.target5xxCount,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      // No 5xx answers means no data points at all.
      treatMissingData: 'notBreaching',
    },
    {
      key: 'unhealthy-hosts',
      title: 'Unhealthy web servers',
      description: `${thresholds.unhealthyHosts} or more web servers failed the load balancer health check for 5 minutes; the Auto Scaling group should replace them.`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'UnHealthyHostCount',
      dimensions,
      // Minimum: the count stayed at or above the threshold for the whole period, so a server
      // being replaced during a deployment does not page anyone.
      statistic: 'Minimum',
      period: STACK_ALARM_PERIOD_SECONDS,
      evaluationPeriods: 1,
      threshold: thresholds.unhealthyHosts,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'missing',
    },
  ];
}

/** CPU, free storage and freeable memory of one RDS instance. */
export function databaseAlarmSpecs(instanceIdentifier: string, thresholds: ResolvedThresholds): MetricAlarmSpec[] {
  const dimensions = { DBInstanceIdentifier: instanceIdentifier };
  return [
    {
      key: 'database-cpu',
      title: 'Database CPU (%)',
      description: `Database CPU averaged ${thresholds.databaseCpuPercent}% or more for 15 minutes: slow queries, or an instance class too small.`,
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      dimensions,
      statistic: 'Average',
      period: STACK_ALARM_PERIOD_SECONDS,
      evaluationPeriods: 3,
      threshold: thresholds.databaseCpuPercent,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'missing',
    },
    {
      key: 'database-free-storage',
      title: 'Database free storage (bytes)',
      description: `Database free storage fell below ${thresholds.databaseFreeStorageGiB} GiB: grow the allocated storage before writes fail.`,
      namespace: 'AWS/RDS',
      metricName: 'FreeStorageSpace',
      dimensions,
      statistic: 'Minimum',
      period: STACK_ALARM_PERIOD_SECONDS,
      evaluationPeriods: 1,
      threshold: thresholds.databaseFreeStorageGiB * 1024 ** 3,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'missing',
    },
    {
      key: 'database-freeable-memory',
      title: 'Database freeable memory (bytes)',
      description: `Database freeable memory stayed below ${thresholds.databaseFreeableMemoryMiB} MiB for 15 minutes: the instance is short of memory; consider a larger class.`,
      namespace: 'AWS/RDS',
      metricName: 'FreeableMemory',
      dimensions,
      statistic: 'Minimum',
      period: STACK_ALARM_PERIOD_SECONDS,
      evaluationPeriods: 3,
      threshold: thresholds.databaseFreeableMemoryMiB * 1024 ** 2,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'missing',
    },
  ];
}

/** In-service instances of one Auto Scaling group against its minimum size. */
export function autoScalingAlarmSpec(groupName: string, minSize: number): MetricAlarmSpec {
  return {
    key: 'in-service-instances',
    title: 'Web servers in service',
    description: `Fewer than ${minSize} web servers (the group's minimum) were in service for 5 minutes: instances fail to launch or keep failing health checks.`,
    namespace: 'AWS/AutoScaling',
    metricName: 'GroupInServiceInstances',
    dimensions: { AutoScalingGroupName: groupName },
    // Maximum below the minimum: a short dip while an unhealthy instance is replaced stays
    // quiet. An instance refresh does not dip at all when it launches before it terminates
    // (min healthy 100 %, as WebServers refreshes); with a lower min healthy it would fire.
    statistic: 'Maximum',
    period: STACK_ALARM_PERIOD_SECONDS,
    evaluationPeriods: 1,
    threshold: minSize,
    comparisonOperator: 'LessThanThreshold',
    // The group publishes this only with group metrics enabled; without them the alarm shows
    // INSUFFICIENT_DATA instead of pretending all is well.
    treatMissingData: 'missing',
  };
}
