import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { NodeFunction } from '../../../constructs/node-function';
import { checkStack, openOf } from '../support';

const ROLE = 'arn:aws:iam::123456789012:role/fn';

describe('Lambda and log rules', () => {
  test('compliant: NodeFunction (current runtime, its own log group with retention)', () => {
    const sourceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-fn-'));
    fs.writeFileSync(path.join(sourceDir, 'index.js'), 'exports.handler = async () => ({});\n');
    const checked = checkStack((stack) => {
      new NodeFunction(stack, 'fn', { functionName: 'health-check', sourceDir, description: 'test' });
    });
    for (const id of ['WS-LAMBDA-1', 'WS-LAMBDA-2', 'WS-LOGS-1']) expect(openOf(checked, id)).toEqual([]);
  });

  test('WS-LAMBDA-1 and WS-LAMBDA-2: a deprecated runtime and no log group', () => {
    const checked = checkStack(
      (stack) =>
        new LambdaFunction(stack, 'fn', {
          functionName: 'old',
          role: ROLE,
          runtime: 'nodejs16.x',
          handler: 'index.handler',
          filename: 'x.zip',
        }),
    );
    expect(openOf(checked, 'WS-LAMBDA-1')).toEqual(['WS-LAMBDA-1 aws_lambda_function.fn']);
    expect(openOf(checked, 'WS-LAMBDA-2')).toEqual(['WS-LAMBDA-2 aws_lambda_function.fn']);
  });

  test('WS-LAMBDA-2: logging_config pointing at a log group of the stack complies', () => {
    const checked = checkStack((stack) => {
      const group = new CloudwatchLogGroup(stack, 'logs', { name: 'custom', retentionInDays: 7 });
      new LambdaFunction(stack, 'fn', {
        functionName: 'f',
        role: ROLE,
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        filename: 'x.zip',
        loggingConfig: { logFormat: 'JSON', logGroup: group.name },
      });
    });
    expect(openOf(checked, 'WS-LAMBDA-2')).toEqual([]);
  });

  test('WS-LOGS-1: a log group without retention is a finding', () => {
    const checked = checkStack((stack) => new CloudwatchLogGroup(stack, 'logs', { name: 'forever' }));
    expect(openOf(checked, 'WS-LOGS-1')).toEqual(['WS-LOGS-1 aws_cloudwatch_log_group.logs']);
  });
});
