import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { TEST_NETWORK_VALUE } from '../support/network';
import { Operations, OperationsProps } from '../../constructs/operations';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack, StackJson } from '../support/synth';

const FULL: OperationsProps = {
  name: 'web-dev',
  region: 'eu-west-1',
  alarmEmails: ['ops@example.com'],
  healthCheck: { url: 'http://example.com/' },
  loadBalancer: { arnSuffix: 'app/web-dev/0123456789abcdef', targetGroupArnSuffix: 'targetgroup/web-dev/fedcba9876543210' },
  database: { instanceIdentifier: 'web-dev-db' },
  autoScalingGroup: { name: 'web-dev-web', minSize: 2 },
  flowLogs: { network: TEST_NETWORK_VALUE },
};

function synthOperations(props: Partial<OperationsProps> = {}): StackJson {
  return synthStack((stack) => new Operations(stack, 'operations', { ...FULL, ...props }));
}

function alarm(json: StackJson, key: string) {
  return resourceAtPath(json, 'aws_cloudwatch_metric_alarm', `operations/${key}`);
}

describe('Operations', () => {
  test('every alarm notifies the one topic on alarm and on recovery', () => {
    const json = synthOperations();
    const topicArn = ref('aws_sns_topic', onlyResourceOf(json, 'aws_sns_topic'), 'arn');
    const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(
      [
        'web-dev-database-cpu',
        'web-dev-database-free-storage',
        'web-dev-database-freeable-memory',
        'web-dev-health-check-failing',
        'web-dev-in-service-instances',
        'web-dev-target-5xx',
        'web-dev-unhealthy-hosts',
      ].sort(),
    );
    for (const each of alarms) {
      expect(each.alarm_actions).toEqual([topicArn]);
      expect(each.ok_actions).toEqual([topicArn]);
      expect(each.alarm_description).toMatch(/\S/);
    }
    expect(onlyResourceOf(json, 'aws_sns_topic_subscription')).toMatchObject({
      protocol: 'email',
      endpoint: 'ops@example.com',
      topic_arn: topicArn,
    });
  });

  test('load balancer alarms: target 5xx sum and unhealthy hosts throughout 5 minutes, on the target group', () => {
    const json = synthOperations();
    const dimensions = { LoadBalancer: 'app/web-dev/0123456789abcdef', TargetGroup: 'targetgroup/web-dev/fedcba9876543210' };
    expect(alarm(json, 'target-5xx')).toMatchObject({
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_Target_5XX_Count',
      dimensions,
      statistic: 'Sum',
      period: 300,
      threshold: Operations.DEFAULT_TARGET_5XX_COUNT,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
    });
    expect(alarm(json, 'unhealthy-hosts')).toMatchObject({
      metric_name: 'UnHealthyHostCount',
      dimensions,
      statistic: 'Minimum',
      threshold: Operations.DEFAULT_UNHEALTHY_HOSTS,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test('database alarms: CPU over 15 minutes, free storage in bytes, freeable memory in bytes', () => {
    const json = synthOperations();
    const dimensions = { DBInstanceIdentifier: 'web-dev-db' };
    expect(alarm(json, 'database-cpu')).toMatchObject({
      namespace: 'AWS/RDS',
      metric_name: 'CPUUtilization',
      dimensions,
      statistic: 'Average',
      evaluation_periods: 3,
      threshold: 80,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarm(json, 'database-free-storage')).toMatchObject({
      metric_name: 'FreeStorageSpace',
      dimensions,
      threshold: 2 * 1024 ** 3,
      comparison_operator: 'LessThanThreshold',
    });
    expect(alarm(json, 'database-freeable-memory')).toMatchObject({
      metric_name: 'FreeableMemory',
      dimensions,
      threshold: 100 * 1024 ** 2,
      comparison_operator: 'LessThanThreshold',
    });
  });

  test('Auto Scaling alarm: in-service instances below the group minimum', () => {
    expect(alarm(synthOperations(), 'in-service-instances')).toMatchObject({
      namespace: 'AWS/AutoScaling',
      metric_name: 'GroupInServiceInstances',
      dimensions: { AutoScalingGroupName: 'web-dev-web' },
      statistic: 'Maximum',
      threshold: 2,
      comparison_operator: 'LessThanThreshold',
    });
  });

  test('thresholds follow the props', () => {
    const json = synthOperations({
      thresholds: {
        target5xxCount: 50,
        unhealthyHosts: 2,
        databaseCpuPercent: 90,
        databaseFreeStorageGiB: 5,
        databaseFreeableMemoryMiB: 256,
      },
    });
    expect(alarm(json, 'target-5xx').threshold).toBe(50);
    expect(alarm(json, 'unhealthy-hosts').threshold).toBe(2);
    expect(alarm(json, 'database-cpu').threshold).toBe(90);
    expect(alarm(json, 'database-free-storage').threshold).toBe(5 * 1024 ** 3);
    expect(alarm(json, 'database-freeable-memory').threshold).toBe(256 * 1024 ** 2);
  });

  test('the health check runs on its schedule and its alarm is among the alarms', () => {
    let operations!: Operations;
    const json = synthStack((stack) => {
      operations = new Operations(stack, 'operations', {
        ...FULL,
        healthCheck: { url: 'https://www.example.com/', schedule: 'rate(5 minutes)' },
        logRetentionDays: 14,
      });
    });
    expect(onlyResourceOf(json, 'aws_cloudwatch_event_rule').schedule_expression).toBe('rate(5 minutes)');
    expect(resourceAtPath(json, 'aws_cloudwatch_log_group', 'health-check/function/logs').retention_in_days).toBe(14);
    expect(Object.keys(operations.alarms).sort()).toEqual([
      'database-cpu',
      'database-free-storage',
      'database-freeable-memory',
      'health-check',
      'in-service-instances',
      'target-5xx',
      'unhealthy-hosts',
    ]);
  });

  test('with startAfter, the health check schedule and every alarm are created after it; without, nothing waits', () => {
    const json = synthStack((stack) => {
      const group = new AutoscalingGroup(stack, 'web', { name: 'web-dev-web', minSize: 2, maxSize: 4 });
      new Operations(stack, 'operations', { ...FULL, startAfter: [group] });
    });
    const group = `aws_autoscaling_group.${onlyResourceOf(json, 'aws_autoscaling_group').logicalId}`;
    const watchers = [...resourcesOf(json, 'aws_cloudwatch_metric_alarm'), onlyResourceOf(json, 'aws_cloudwatch_event_rule')];
    expect(watchers).toHaveLength(8);
    for (const watcher of watchers) {
      expect(watcher.depends_on).toContain(group);
    }
    for (const watcher of resourcesOf(synthOperations(), 'aws_cloudwatch_metric_alarm')) {
      expect(watcher.depends_on).toBeUndefined();
    }
  });

  test('the dashboard graphs every alarmed metric in the region, with its threshold', () => {
    const json = synthOperations();
    const dashboard = onlyResourceOf(json, 'aws_cloudwatch_dashboard');
    expect(dashboard.dashboard_name).toBe('web-dev');
    const body = JSON.parse(dashboard.dashboard_body);
    const graphed = body.widgets.map((widget: any) => widget.properties.metrics[0].slice(0, 2).join(' '));
    expect(graphed).toEqual([
      'AWS/Lambda Errors',
      'AWS/ApplicationELB HTTPCode_Target_5XX_Count',
      'AWS/ApplicationELB UnHealthyHostCount',
      'AWS/RDS CPUUtilization',
      'AWS/RDS FreeStorageSpace',
      'AWS/RDS FreeableMemory',
      'AWS/AutoScaling GroupInServiceInstances',
    ]);
    for (const widget of body.widgets) {
      expect(widget.properties.region).toBe('eu-west-1');
    }
    const rds = body.widgets.find((widget: any) => widget.properties.metrics[0][1] === 'CPUUtilization');
    expect(rds.properties.metrics[0]).toEqual(['AWS/RDS', 'CPUUtilization', 'DBInstanceIdentifier', 'web-dev-db']);
    expect(rds.properties.annotations.horizontal[0].value).toBe(80);
    const lambda = body.widgets[0];
    expect(lambda.properties.metrics[0][3]).toBe(ref('aws_lambda_function', onlyResourceOf(json, 'aws_lambda_function'), 'function_name'));
  });

  test('flow logs of the given VPC, named after the environment', () => {
    const json = synthOperations({ flowLogs: { network: TEST_NETWORK_VALUE, retentionDays: 90 } });
    expect(onlyResourceOf(json, 'aws_flow_log').vpc_id).toBe('vpc-0123456789abcdef0');
    expect(resourceAtPath(json, 'aws_cloudwatch_log_group', 'flow-logs/logs')).toMatchObject({
      name: '/vpc/web-dev/flow-logs',
      retention_in_days: 90,
    });
  });

  test('with only a name and region: the topic and nothing else, not even an empty dashboard', () => {
    const json = synthStack((stack) => new Operations(stack, 'operations', { name: 'web-dev', region: 'eu-west-1' }));
    expect(resourcesOf(json, 'aws_sns_topic')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_sns_topic_subscription')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_lambda_function')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_flow_log')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_cloudwatch_dashboard')).toHaveLength(0);
  });

  describe('rejects', () => {
    test.each([
      [{ thresholds: { target5xxCount: 0 } }, /thresholds.target5xxCount 0: use a whole number, at least 1/],
      [{ thresholds: { unhealthyHosts: 1.5 } }, /thresholds.unhealthyHosts 1.5: use a whole number, at least 1/],
      [{ thresholds: { databaseCpuPercent: 120 } }, /thresholds.databaseCpuPercent 120: use a percentage above 0 and at most 100/],
      [{ thresholds: { databaseFreeStorageGiB: 0 } }, /thresholds.databaseFreeStorageGiB 0: use a positive number/],
      [{ thresholds: { databaseFreeableMemoryMiB: -1 } }, /thresholds.databaseFreeableMemoryMiB -1: use a positive number/],
      [
        { autoScalingGroup: { name: 'web', minSize: 0 } },
        /autoScalingGroup.minSize 0: the in-service alarm needs a minimum of at least 1 instance/,
      ],
    ])('%j', (props, message) => {
      expect(() => synthOperations(props as Partial<OperationsProps>)).toThrow(message);
    });
  });
});
