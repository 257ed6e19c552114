import { blocks, booleanValue, numberValue, referencesIn, stringValue, UnresolvedValueError } from '../../policy/values';
import { statementsOf } from '../../policy/rules/iam/policy-statements';
import { RuleContext } from '../../policy/rule';
import { StackView } from '../../policy/stack-view';

function context(json: Record<string, any> = {}): RuleContext {
  return { stack: new StackView(json), production: false, stateBucketNames: new Set(), publicWebPorts: [80, 443] };
}

describe('reading synthesized values', () => {
  test('booleans accept what Terraform accepts and refuse expressions', () => {
    expect([booleanValue(true, 'a'), booleanValue('true', 'a'), booleanValue('false', 'a'), booleanValue(undefined, 'a')]).toEqual([
      true,
      true,
      false,
      undefined,
    ]);
    expect(() => booleanValue('${var.encrypted}', 'storage_encrypted')).toThrow(UnresolvedValueError);
    expect(() => booleanValue('${var.encrypted}', 'storage_encrypted')).toThrow(
      'storage_encrypted is "${var.encrypted}", which is only known to Terraform at plan time',
    );
  });

  test('numbers and strings', () => {
    expect([numberValue(7, 'n'), numberValue('7', 'n'), numberValue(null, 'n')]).toEqual([7, 7, undefined]);
    expect(() => numberValue('${local.days}', 'n')).toThrow(UnresolvedValueError);
    expect(stringValue('required', 's')).toBe('required');
    expect(() => stringValue('${var.tokens}', 's')).toThrow(UnresolvedValueError);
  });

  test('blocks are lists whether written as an object or an array', () => {
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks([{ a: 1 }, null])).toEqual([{ a: 1 }]);
    expect(blocks(undefined)).toEqual([]);
  });

  test('references to resources and data sources are found inside strings, lists and objects', () => {
    expect(referencesIn(['${aws_s3_bucket.site.arn}/*', { x: '${data.aws_iam_policy_document.read.json}' }])).toEqual([
      { address: 'aws_s3_bucket.site', attribute: 'arn' },
      { address: 'data.aws_iam_policy_document.read', attribute: 'json' },
    ]);
  });
});

describe('policy statements', () => {
  test('JSON documents with references inside their strings are parsed', () => {
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '${aws_s3_bucket.site.arn}/*' }],
    });
    expect(statementsOf(policy, 'policy', context())).toEqual([
      { effect: 'Allow', actions: ['s3:GetObject'], resources: ['${aws_s3_bucket.site.arn}/*'], principals: '*', conditions: [] },
    ]);
  });

  test('a reference to a policy document data source missing from the stack cannot be judged', () => {
    expect(() => statementsOf('${data.aws_iam_policy_document.gone.json}', 'policy', context())).toThrow(UnresolvedValueError);
  });
});
