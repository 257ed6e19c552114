import { TerraformStack } from 'cdktf';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { checkStack, openOf } from '../support';

function alarm(stack: TerraformStack, id: string, topic: SnsTopic): void {
  new CloudwatchMetricAlarm(stack, id, {
    alarmName: id,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    metricName: 'CPUUtilization',
    namespace: 'AWS/EC2',
    period: 60,
    statistic: 'Average',
    threshold: 80,
    alarmActions: [topic.arn],
    okActions: [topic.arn],
  });
}

describe('WS-SNS-1: alarm topics CloudWatch can publish to', () => {
  test('noncompliance: an alarm notifying a topic encrypted with alias/aws/sns, by literal or through the alias data source', () => {
    const checked = checkStack((stack) => {
      alarm(stack, 'literal', new SnsTopic(stack, 'managed', { name: 'managed', kmsMasterKeyId: 'alias/aws/sns' }));
      const alias = new DataAwsKmsAlias(stack, 'sns-key', { name: 'alias/aws/sns' });
      alarm(stack, 'via-data', new SnsTopic(stack, 'managed-data', { name: 'managed-data', kmsMasterKeyId: alias.targetKeyArn }));
    });
    expect(openOf(checked, 'WS-SNS-1')).toEqual([
      'WS-SNS-1 aws_cloudwatch_metric_alarm.literal',
      'WS-SNS-1 aws_cloudwatch_metric_alarm.via-data',
    ]);
  });

  test('compliance: an unencrypted topic, or one with a customer managed key', () => {
    const checked = checkStack((stack) => {
      alarm(stack, 'plain', new SnsTopic(stack, 'plain-topic', { name: 'plain' }));
      const key = new KmsKey(stack, 'key', { enableKeyRotation: true });
      alarm(stack, 'cmk', new SnsTopic(stack, 'cmk-topic', { name: 'cmk', kmsMasterKeyId: key.arn }));
    });
    expect(openOf(checked, 'WS-SNS-1')).toEqual([]);
  });

  test('a key given by an expression the rule cannot follow is an error, not a pass', () => {
    const checked = checkStack((stack) => {
      alarm(stack, 'unknown', new SnsTopic(stack, 'unknown-topic', { name: 'unknown', kmsMasterKeyId: '${var.sns_key}' }));
    });
    expect(checked.open.filter((f) => f.ruleId === 'WS-SNS-1').map((f) => f.message)).toEqual([
      expect.stringMatching(/cannot judge.*kms_master_key_id is "\$\{var\.sns_key\}"/),
    ]);
  });
});
