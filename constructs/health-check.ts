import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { WebStackError } from '../core/errors';
import { functionSourceDir, NodeFunction } from './node-function';
import { findLogRetentionProblem } from './private/log-retention';
import { findScheduleProblem } from './private/schedule-expression';

export interface HealthCheckProps {
  /** Name prefix, such as "web-stack-dev"; the function is "<name>-health-check". */
  readonly name: string;
  /** The http:// or https:// address to request, such as the load balancer's DNS name. */
  readonly url: string;
  /** SNS topic the alarm notifies when it fires and when it recovers. */
  readonly alarmTopicArn: string;
  /**
   * EventBridge schedule of the check. Each run costs one short Lambda invocation; every five
   * minutes is about 8,600 a month, well inside the free tier.
   *
   * @default HealthCheck.DEFAULT_SCHEDULE
   */
  readonly schedule?: string;
  /**
   * Milliseconds the site has to deliver the whole page, from 1,000 to 60,000.
   *
   * @default HealthCheck.DEFAULT_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /**
   * Text the page must contain, such as the site's title, so that an error page served with
   * status 200 still counts as a failure.
   *
   * @default - any body passes
   */
  readonly expectedText?: string;
  /**
   * Failed invocations within `alarmPeriodSeconds` that raise the alarm. Lambda retries a
   * failed scheduled check `retryAttempts` times, and every attempt counts, so with the
   * defaults one check that keeps failing (3 errors) alarms while a single blip that passes on
   * retry (1 error) does not.
   *
   * @default HealthCheck.DEFAULT_ERROR_THRESHOLD
   */
  readonly errorThreshold?: number;
  /**
   * Seconds over which errors are summed, a multiple of 60.
   *
   * @default HealthCheck.DEFAULT_ALARM_PERIOD_SECONDS
   */
  readonly alarmPeriodSeconds?: number;
  /**
   * Times Lambda retries a failed check (0 to 2), one and then two minutes later.
   *
   * @default HealthCheck.DEFAULT_RETRY_ATTEMPTS
   */
  readonly retryAttempts?: number;
  /**
   * Days the function's logs (one line per check) are kept.
   *
   * @default NodeFunction.DEFAULT_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
}

/**
 * A scheduled Lambda function that requests the site and fails unless it answers 2xx (after
 * redirects) within the timeout, and an alarm on the function's `Errors` metric that notifies
 * an SNS topic. The function runs outside the VPC, so it sees the site as visitors do, and its
 * role may only write its own logs.
 *
 * @example
 * new HealthCheck(this, 'health-check', {
 *   name: 'web-dev', url: `${alb.url}/`, alarmTopicArn: topic.topicArn,
 *   schedule: 'rate(5 minutes)', expectedText: 'My Blog',
 * });
 */
export class HealthCheck extends Construct {
  /** Hourly: finds an outage within the hour for next to nothing. */
  public static readonly DEFAULT_SCHEDULE = 'rate(1 hour)';
  /** Ten seconds for the whole page; a WordPress page slower than that is broken for visitors too. */
  public static readonly DEFAULT_TIMEOUT_MS = 10_000;
  /** Two failed attempts per period: one check failing with its retries, not one blip. */
  public static readonly DEFAULT_ERROR_THRESHOLD = 2;
  /** One hour, so that even the hourly schedule's attempts fall into one period. */
  public static readonly DEFAULT_ALARM_PERIOD_SECONDS = 3600;
  /** Lambda's own default for asynchronous invocations, stated so the threshold can rely on it. */
  public static readonly DEFAULT_RETRY_ATTEMPTS = 2;

  public readonly function: NodeFunction;
  public readonly schedule: CloudwatchEventRule;
  public readonly alarm: CloudwatchMetricAlarm;
  /** Failed invocations per period that raise the alarm. */
  public readonly errorThreshold: number;
  /** Seconds over which the alarm sums errors. */
  public readonly alarmPeriodSeconds: number;

  constructor(scope: Construct, id: string, props: HealthCheckProps) {
    super(scope, id);
    const functionName = `${props.name}-health-check`;
    // The role is "<function>-lambda" and IAM role names stop at 64 characters.
    if (!/^[A-Za-z0-9-]+$/.test(props.name) || functionName.length + '-lambda'.length > 64) {
      throw new WebStackError(`name ${JSON.stringify(props.name)}: use at most 44 letters, digits and hyphens`, this);
    }
    if (!Token.isUnresolved(props.url) && !/^https?:\/\/[^/\s]+/.test(props.url)) {
      throw new WebStackError(
        `url ${JSON.stringify(props.url)} is not an http:// or https:// URL; write it as "https://www.example.com/"`,
        this,
      );
    }
    if (Token.isUnresolved(props.url) && !/^https?:\/\//.test(props.url)) {
      throw new WebStackError(`url ${JSON.stringify(props.url)} has no scheme; prefix the address with "http://" or "https://"`, this);
    }
    const schedule = props.schedule ?? HealthCheck.DEFAULT_SCHEDULE;
    const scheduleProblem = findScheduleProblem(schedule);
    if (scheduleProblem) {
      throw new WebStackError(`schedule ${scheduleProblem}`, this);
    }
    const timeoutMs = props.timeoutMs ?? HealthCheck.DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 60_000) {
      throw new WebStackError(`timeoutMs ${timeoutMs}: use whole milliseconds from 1000 to 60000`, this);
    }
    const threshold = props.errorThreshold ?? HealthCheck.DEFAULT_ERROR_THRESHOLD;
    if (!Number.isInteger(threshold) || threshold < 1) {
      throw new WebStackError(`errorThreshold ${threshold}: use a whole number of failed attempts, at least 1`, this);
    }
    const period = props.alarmPeriodSeconds ?? HealthCheck.DEFAULT_ALARM_PERIOD_SECONDS;
    if (!Number.isInteger(period) || period < 60 || period % 60 !== 0 || period > 86_400) {
      throw new WebStackError(`alarmPeriodSeconds ${period}: use a multiple of 60 from 60 to 86400`, this);
    }
    const retryAttempts = props.retryAttempts ?? HealthCheck.DEFAULT_RETRY_ATTEMPTS;
    if (![0, 1, 2].includes(retryAttempts)) {
      throw new WebStackError(`retryAttempts ${retryAttempts}: Lambda retries an asynchronous invocation 0, 1 or 2 times`, this);
    }
    if (props.logRetentionDays !== undefined) {
      const problem = findLogRetentionProblem(props.logRetentionDays);
      if (problem) throw new WebStackError(`logRetentionDays ${problem}`, this);
    }
    if (props.expectedText === '') {
      throw new WebStackError('expectedText is empty; leave it out to accept any page, or give text the page must contain', this);
    }

    this.errorThreshold = threshold;
    this.alarmPeriodSeconds = period;

    const environment: Record<string, string> = { SITE_URL: props.url, TIMEOUT_MS: String(timeoutMs) };
    if (props.expectedText !== undefined) {
      environment.EXPECTED_TEXT = props.expectedText;
    }
    this.function = new NodeFunction(this, 'function', {
      functionName,
      sourceDir: functionSourceDir('health-check'),
      description: 'Requests the site and fails when it does not answer 2xx in time',
      // Leave Lambda room to report the site's timeout as such rather than time out itself.
      timeoutSeconds: Math.ceil(timeoutMs / 1000) + 5,
      environment,
      logRetentionDays: props.logRetentionDays,
    });

    // Stated explicitly because the alarm threshold relies on how many attempts a failure makes.
    new LambdaFunctionEventInvokeConfig(this, 'retries', {
      functionName: this.function.functionName,
      maximumRetryAttempts: retryAttempts,
    });

    this.schedule = new CloudwatchEventRule(this, 'schedule', {
      name: functionName,
      description: `Runs ${functionName} on ${schedule}`,
      scheduleExpression: schedule,
    });
    new CloudwatchEventTarget(this, 'target', {
      rule: this.schedule.name,
      targetId: 'health-check',
      arn: this.function.functionArn,
    });
    new LambdaPermission(this, 'invoke-permission', {
      statementId: 'AllowScheduleInvoke',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: this.schedule.arn,
    });

    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: `${functionName}-failing`,
      alarmDescription:
        `The site health check failed ${threshold} or more times in ${period / 60} minutes: the site did not answer 2xx` +
        `${props.expectedText !== undefined ? ' with the expected text' : ''} within ${timeoutMs} ms. See the log group /aws/lambda/${functionName}.`,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: this.function.functionName },
      statistic: 'Sum',
      period,
      evaluationPeriods: 1,
      threshold,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      // No invocations in a period means no errors, not an unknown state.
      treatMissingData: 'notBreaching',
      alarmActions: [props.alarmTopicArn],
      okActions: [props.alarmTopicArn],
    });
  }
}
