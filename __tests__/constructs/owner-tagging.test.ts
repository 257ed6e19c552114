import * as fs from 'fs';
import * as path from 'path';
import { OwnerTagging, RUN_INSTANCES_EVENT_PATTERN } from '../../constructs/owner-tagging';
import { NodeFunction } from '../../constructs/node-function';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, synthStack } from '../support/synth';

function synthTagging(props: { name?: string; accountId?: string } = {}) {
  return synthStack(
    (stack) => new OwnerTagging(stack, 'owner-tagging', { name: 'web-stack-owner-tagging', accountId: '123456789012', ...props }),
  );
}

/** True when an EventBridge pattern (exact-match lists only) matches the event. */
function patternMatches(pattern: Record<string, any>, event: Record<string, any>): boolean {
  return Object.entries(pattern).every(([key, expected]) =>
    Array.isArray(expected) ? expected.includes(event?.[key]) : patternMatches(expected, event?.[key]),
  );
}

describe('OwnerTagging', () => {
  test('a Node.js function packaged from functions/owner-tagging', () => {
    const fn = onlyResourceOf(synthTagging(), 'aws_lambda_function');
    expect(fn).toMatchObject({ function_name: 'web-stack-owner-tagging', runtime: NodeFunction.DEFAULT_RUNTIME, handler: 'index.handler' });
    expect(fn.filename).toMatch(/archive\.zip$/);
  });

  test("the role may only create tags on this account's instances, besides writing its logs", () => {
    const json = synthTagging();
    const statements = JSON.parse(onlyResourceOf(json, 'aws_iam_role_policy').policy).Statement;
    expect(statements).toHaveLength(2);
    expect(statements[0].Sid).toBe('WriteOwnLogs');
    expect(statements[1]).toEqual({
      Sid: 'TagInstancesOnly',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: 'arn:aws:ec2:*:123456789012:instance/*',
    });
  });

  test('the rule matches RunInstances calls recorded by CloudTrail, and targets the function', () => {
    const json = synthTagging();
    const rule = onlyResourceOf(json, 'aws_cloudwatch_event_rule');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.ec2'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['ec2.amazonaws.com'], eventName: ['RunInstances'] },
    });
    const fn = onlyResourceOf(json, 'aws_lambda_function');
    const target = onlyResourceOf(json, 'aws_cloudwatch_event_target');
    expect(target.rule).toBe(ref('aws_cloudwatch_event_rule', rule, 'name'));
    expect(target.arn).toBe(ref('aws_lambda_function', fn, 'arn'));
  });

  test("the rule's pattern matches every recorded fixture the handler is tested with, and not other calls", () => {
    const dir = path.join(__dirname, '..', 'functions', 'fixtures');
    const fixtures = fs.readdirSync(dir).filter((file) => file.startsWith('run-instances-'));
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
    for (const file of fixtures) {
      expect(patternMatches(RUN_INSTANCES_EVENT_PATTERN, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')))).toBe(true);
    }
    const stop = JSON.parse(fs.readFileSync(path.join(dir, fixtures[0]), 'utf8'));
    stop.detail.eventName = 'StopInstances';
    expect(patternMatches(RUN_INSTANCES_EVENT_PATTERN, stop)).toBe(false);
  });

  test('EventBridge may invoke the function, from this rule only', () => {
    const json = synthTagging();
    expect(onlyResourceOf(json, 'aws_lambda_permission')).toMatchObject({
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      function_name: ref('aws_lambda_function', onlyResourceOf(json, 'aws_lambda_function'), 'function_name'),
      source_arn: ref('aws_cloudwatch_event_rule', onlyResourceOf(json, 'aws_cloudwatch_event_rule'), 'arn'),
    });
  });

  describe('rejects', () => {
    test('an account ID that is not 12 digits', () => {
      expect(() => synthTagging({ accountId: '12345678901x' })).toThrow(WebStackError);
      expect(() => synthTagging({ accountId: '12345678901x' })).toThrow(/accountId "12345678901x": an AWS account ID is exactly 12 digits/);
    });
    test('a name EventBridge or IAM would refuse', () => {
      expect(() => synthTagging({ name: 'owner tagging' })).toThrow(/name "owner tagging": use 1-57 letters, digits, "-" and "_"/);
      expect(() => synthTagging({ name: 'x'.repeat(58) })).toThrow(/name "x{58}"/);
    });
  });
});
