import { testNetwork } from '../support/network';
import { FlowLogs, FlowLogsProps } from '../../constructs/flow-logs';
import { onlyResourceOf, ref, synthStack } from '../support/synth';

function synthFlowLogs(props: Partial<FlowLogsProps> = {}) {
  return synthStack((stack) => new FlowLogs(stack, 'flow-logs', { name: 'web-dev', network: testNetwork(stack), ...props }));
}

describe('FlowLogs', () => {
  test('defaults: all traffic of the VPC to a log group kept 30 days, aggregated over 10 minutes', () => {
    const json = synthFlowLogs();
    const logGroup = onlyResourceOf(json, 'aws_cloudwatch_log_group');
    expect(logGroup).toMatchObject({ name: '/vpc/web-dev/flow-logs', retention_in_days: FlowLogs.DEFAULT_RETENTION_DAYS });
    expect(onlyResourceOf(json, 'aws_flow_log')).toMatchObject({
      vpc_id: 'vpc-0123456789abcdef0',
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: ref('aws_cloudwatch_log_group', logGroup, 'arn'),
      iam_role_arn: ref('aws_iam_role', onlyResourceOf(json, 'aws_iam_role'), 'arn'),
      max_aggregation_interval: 600,
    });
  });

  test('only the flow logs service, acting for a flow log, may assume the role', () => {
    const trust = JSON.parse(onlyResourceOf(synthFlowLogs(), 'aws_iam_role').assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:*:*:vpc-flow-log/*' } },
      },
    ]);
  });

  test('the role may write only to its own log group', () => {
    const json = synthFlowLogs();
    const logGroupArn = ref('aws_cloudwatch_log_group', onlyResourceOf(json, 'aws_cloudwatch_log_group'), 'arn');
    const rolePolicy = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(rolePolicy.role).toBe(ref('aws_iam_role', onlyResourceOf(json, 'aws_iam_role')));
    const statements = JSON.parse(rolePolicy.policy).Statement as { Action: string | string[]; Resource: string | string[] }[];
    const writes = statements.filter((s) =>
      [s.Action].flat().some((action) => action === 'logs:PutLogEvents' || action === 'logs:CreateLogStream'),
    );
    expect(writes).toHaveLength(1);
    expect(writes[0].Resource).toEqual([logGroupArn, `${logGroupArn}:*`]);
    // Everything granted on "*" is read-only lookup.
    const everywhere = statements.filter((s) => [s.Resource].flat().includes('*')).flatMap((s) => [s.Action].flat());
    expect(everywhere).toEqual(['logs:DescribeLogGroups']);
    expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('logs:CreateLogGroup');
  });

  test('retention, traffic type and aggregation interval follow the props', () => {
    const json = synthFlowLogs({ retentionDays: 7, trafficType: 'REJECT', maxAggregationInterval: 60 });
    expect(onlyResourceOf(json, 'aws_cloudwatch_log_group').retention_in_days).toBe(7);
    expect(onlyResourceOf(json, 'aws_flow_log')).toMatchObject({ traffic_type: 'REJECT', max_aggregation_interval: 60 });
  });

  test('rejects a retention CloudWatch Logs does not offer', () => {
    expect(() => synthFlowLogs({ retentionDays: 45 })).toThrow(
      /retentionDays 45 is not a retention CloudWatch Logs accepts; use one of 0, 1, 3/,
    );
  });

  test('rejects an unknown traffic type', () => {
    expect(() => synthFlowLogs({ trafficType: 'DENY' as never })).toThrow(/trafficType "DENY": use "ALL", "ACCEPT" or "REJECT"/);
  });

  test('rejects an aggregation interval other than 60 or 600', () => {
    expect(() => synthFlowLogs({ maxAggregationInterval: 300 as never })).toThrow(
      /maxAggregationInterval 300: flow logs aggregate over 60 or 600 seconds/,
    );
  });
});
