import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { HealthCheck, HealthCheckProps } from '../../constructs/health-check';
import { NodeFunction } from '../../constructs/node-function';
import { onlyResourceOf, ref, synthStack } from '../support/synth';
import { repeatedChildAttributes } from '../support/attributes';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:web-dev-alarms';

function synthHealthCheck(props: Partial<HealthCheckProps> = {}) {
  return synthStack(
    (stack) => new HealthCheck(stack, 'health-check', { name: 'web-dev', url: 'http://example.com/', alarmTopicArn: TOPIC_ARN, ...props }),
  );
}

describe('HealthCheck', () => {
  test('defaults: a Node.js function packaged from functions/health-check, told the URL and a 10 s timeout', () => {
    const json = synthHealthCheck();
    const fn = onlyResourceOf(json, 'aws_lambda_function');
    expect(fn).toMatchObject({
      function_name: 'web-dev-health-check',
      runtime: NodeFunction.DEFAULT_RUNTIME,
      handler: 'index.handler',
      // Lambda gets 5 s more than the check, so the check reports the site's timeout itself.
      timeout: 15,
      environment: { variables: { SITE_URL: 'http://example.com/', TIMEOUT_MS: '10000' } },
    });
    expect(fn.environment.variables.EXPECTED_TEXT).toBeUndefined();
    expect(onlyResourceOf(json, 'aws_cloudwatch_log_group')).toMatchObject({
      name: '/aws/lambda/web-dev-health-check',
      retention_in_days: 30,
    });
  });

  test("the role may only write the function's own logs", () => {
    const json = synthHealthCheck();
    const logs = onlyResourceOf(json, 'aws_cloudwatch_log_group');
    // The whole policy: one statement, its actions and the log streams of this function's group only.
    expect(JSON.parse(onlyResourceOf(json, 'aws_iam_role_policy').policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${ref('aws_cloudwatch_log_group', logs, 'arn')}:*`,
        },
      ],
    });
  });

  test('an hourly EventBridge rule targets the function, which allows that rule alone to invoke it', () => {
    const json = synthHealthCheck();
    const fn = onlyResourceOf(json, 'aws_lambda_function');
    const rule = onlyResourceOf(json, 'aws_cloudwatch_event_rule');
    expect(rule.schedule_expression).toBe('rate(1 hour)');
    expect(onlyResourceOf(json, 'aws_cloudwatch_event_target')).toMatchObject({
      rule: ref('aws_cloudwatch_event_rule', rule, 'name'),
      arn: ref('aws_lambda_function', fn, 'arn'),
    });
    expect(onlyResourceOf(json, 'aws_lambda_permission')).toMatchObject({
      action: 'lambda:InvokeFunction',
      function_name: ref('aws_lambda_function', fn, 'function_name'),
      principal: 'events.amazonaws.com',
      source_arn: ref('aws_cloudwatch_event_rule', rule, 'arn'),
    });
  });

  test('a failed check is retried twice, as the alarm threshold assumes', () => {
    const json = synthHealthCheck();
    expect(onlyResourceOf(json, 'aws_lambda_function_event_invoke_config')).toMatchObject({
      function_name: ref('aws_lambda_function', onlyResourceOf(json, 'aws_lambda_function'), 'function_name'),
      maximum_retry_attempts: 2,
    });
  });

  test('the alarm fires on 2 or more errors in an hour and notifies the topic on alarm and recovery', () => {
    const json = synthHealthCheck();
    const alarm = onlyResourceOf(json, 'aws_cloudwatch_metric_alarm');
    expect(alarm).toMatchObject({
      alarm_name: 'web-dev-health-check-failing',
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      dimensions: { FunctionName: ref('aws_lambda_function', onlyResourceOf(json, 'aws_lambda_function'), 'function_name') },
      statistic: 'Sum',
      period: 3600,
      evaluation_periods: 1,
      threshold: 2,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC_ARN],
      ok_actions: [TOPIC_ARN],
    });
    expect(alarm.alarm_description).toMatch(/failed 2 or more times in 60 minutes/);
  });

  test('schedule, timeout, expected text, threshold, period, retries and log retention follow the props', () => {
    const json = synthHealthCheck({
      schedule: 'rate(5 minutes)',
      timeoutMs: 3000,
      expectedText: 'My Blog',
      errorThreshold: 4,
      alarmPeriodSeconds: 900,
      retryAttempts: 0,
      logRetentionDays: 7,
    });
    expect(onlyResourceOf(json, 'aws_cloudwatch_event_rule').schedule_expression).toBe('rate(5 minutes)');
    expect(onlyResourceOf(json, 'aws_lambda_function')).toMatchObject({
      timeout: 8,
      environment: { variables: { SITE_URL: 'http://example.com/', TIMEOUT_MS: '3000', EXPECTED_TEXT: 'My Blog' } },
    });
    expect(onlyResourceOf(json, 'aws_cloudwatch_metric_alarm')).toMatchObject({ threshold: 4, period: 900 });
    expect(onlyResourceOf(json, 'aws_lambda_function_event_invoke_config').maximum_retry_attempts).toBe(0);
    expect(onlyResourceOf(json, 'aws_cloudwatch_log_group').retention_in_days).toBe(7);
  });

  test('a URL built from a resource attribute is passed through as a reference', () => {
    const json = synthStack((stack) => {
      const topic = new SnsTopic(stack, 'site', { name: 'stand-in' });
      new HealthCheck(stack, 'health-check', { name: 'web-dev', url: `https://${topic.name}/`, alarmTopicArn: TOPIC_ARN });
    });
    expect(onlyResourceOf(json, 'aws_lambda_function').environment.variables.SITE_URL).toMatch(
      /^https:\/\/\$\{aws_sns_topic\.site\.name\}\/$/,
    );
  });

  describe('rejects', () => {
    test.each([
      [{ url: 'example.com' }, /url "example.com" is not an http:\/\/ or https:\/\/ URL/],
      [{ schedule: 'rate(1 hours)' }, /schedule "rate\(1 hours\)": EventBridge wants the singular unit for 1, as in "rate\(1 hour\)"/],
      [{ schedule: 'rate(5 minute)' }, /schedule "rate\(5 minute\)": EventBridge wants the plural unit above 1/],
      [{ schedule: '*/5 * * * *' }, /schedule "\*\/5 \* \* \* \*" is not a schedule expression/],
      [{ timeoutMs: 500 }, /timeoutMs 500: use whole milliseconds from 1000 to 60000/],
      [{ errorThreshold: 0 }, /errorThreshold 0: use a whole number of failed attempts, at least 1/],
      [{ alarmPeriodSeconds: 90 }, /alarmPeriodSeconds 90: use a multiple of 60 from 60 to 86400/],
      [{ retryAttempts: 3 }, /retryAttempts 3: Lambda retries an asynchronous invocation 0, 1 or 2 times/],
      [{ logRetentionDays: 10 }, /logRetentionDays 10 is not a retention CloudWatch Logs accepts/],
      [{ expectedText: '' }, /expectedText is empty/],
      [{ name: 'web dev' }, /name "web dev": use at most 44 letters, digits and hyphens/],
      [{ name: 'x'.repeat(45) }, /use at most 44 letters, digits and hyphens/],
    ])('%j', (props, message) => {
      expect(() => synthHealthCheck(props as Partial<HealthCheckProps>)).toThrow(message);
    });

    test('a URL reference without a scheme', () => {
      expect(() =>
        synthStack((stack) => {
          const topic = new SnsTopic(stack, 'site', { name: 'stand-in' });
          new HealthCheck(stack, 'health-check', { name: 'web-dev', url: topic.name, alarmTopicArn: TOPIC_ARN });
        }),
      ).toThrow(/has no scheme; prefix the address with "http:\/\/" or "https:\/\/"/);
    });
  });

  test('accepts a six-field cron schedule', () => {
    const json = synthHealthCheck({ schedule: 'cron(0 8 * * ? *)' });
    expect(onlyResourceOf(json, 'aws_cloudwatch_event_rule').schedule_expression).toBe('cron(0 8 * * ? *)');
  });

  test("the function's name is reached through the function, not repeated on the health check", () => {
    let check: HealthCheck | undefined;
    synthStack((stack) => {
      check = new HealthCheck(stack, 'health-check', { name: 'web-dev', url: 'http://example.com/', alarmTopicArn: TOPIC_ARN });
    });
    expect(repeatedChildAttributes(check!)).toEqual([]);
  });
});
