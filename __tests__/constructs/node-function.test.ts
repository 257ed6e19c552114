import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeFunction } from '../../constructs/node-function';
import { RuntimeSecret } from '../../constructs/runtime-secret';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

function handlerDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-'));
  fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => "ok";\n');
  return dir;
}

describe('NodeFunction', () => {
  test('defaults: current Node.js runtime, 30 s timeout, log group with retention, logging-only role', () => {
    const json = synthStack(
      (stack) => new NodeFunction(stack, 'fn', { functionName: 'probe', sourceDir: handlerDir(), description: 'test' }),
    );
    const fn = onlyResourceOf(json, 'aws_lambda_function');
    expect(fn).toMatchObject({ runtime: NodeFunction.DEFAULT_RUNTIME, handler: 'index.handler', timeout: 30, memory_size: 128 });
    expect(fn.filename).toMatch(/archive\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[0-9A-F]+$/i);
    const logs = onlyResourceOf(json, 'aws_cloudwatch_log_group');
    expect(logs).toMatchObject({ name: '/aws/lambda/probe', retention_in_days: NodeFunction.DEFAULT_LOG_RETENTION_DAYS });
    expect(fn.depends_on).toEqual([`aws_cloudwatch_log_group.${logs.logicalId}`]);
    const policy = JSON.parse(onlyResourceOf(json, 'aws_iam_role_policy').policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${ref('aws_cloudwatch_log_group', logs, 'arn')}:*`,
      },
    ]);
  });

  test('extra statements are appended to the role policy', () => {
    const json = synthStack(
      (stack) =>
        new NodeFunction(stack, 'fn', {
          functionName: 'tagger',
          sourceDir: handlerDir(),
          description: 'test',
          statements: [{ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: 'arn:aws:ec2:*:*:instance/*' }],
        }),
    );
    const policy = JSON.parse(onlyResourceOf(json, 'aws_iam_role_policy').policy);
    expect(policy.Statement[1]).toEqual({ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: 'arn:aws:ec2:*:*:instance/*' });
  });

  test('rejects a folder without index.js and an out-of-range timeout', () => {
    expect(() =>
      synthStack(
        (stack) => new NodeFunction(stack, 'fn', { functionName: 'x', sourceDir: os.tmpdir() + '/does-not-exist', description: 'd' }),
      ),
    ).toThrow(/sourceDir ".*does-not-exist" has no index\.js/);
    expect(() =>
      synthStack(
        (stack) => new NodeFunction(stack, 'fn', { functionName: 'x', sourceDir: handlerDir(), description: 'd', timeoutSeconds: 901 }),
      ),
    ).toThrow(/timeoutSeconds 901: Lambda allows whole seconds from 1 to 900/);
  });

  test('it is grantable: a grant to the function lands on its execution role', () => {
    const json = synthStack((stack) => {
      const fn = new NodeFunction(stack, 'fn', { functionName: 'probe', sourceDir: handlerDir(), description: 'test' });
      new RuntimeSecret(stack, 'secret', { name: 'probe-token', description: 'read by the probe' }).grantRead(fn);
    });
    const grant = resourcesOf(json, 'aws_iam_role_policy').find((policy) => policy.name === 'probe-token-read')!;
    expect(grant.role).toBe(ref('aws_iam_role', onlyResourceOf(json, 'aws_iam_role')));
  });
});
