import { assumeRolePolicy, denyInsecureTransport, policyDocument } from '../../constructs/policy-document';
import { onlyResourceOf, synthStack } from '../support/synth';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';

describe('policy documents', () => {
  test('policyDocument: the 2012-10-17 version and the statements as given, keys spelled as AWS spells them', () => {
    const statement = { Sid: 'Read', Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' };
    expect(JSON.parse(policyDocument([statement]))).toEqual({ Version: '2012-10-17', Statement: [statement] });
  });

  test('a resource token becomes an interpolation Terraform resolves at plan time', () => {
    const json = synthStack((stack) => {
      const bucket = new S3Bucket(stack, 'bucket', { bucket: 'acme' });
      new S3BucketPolicy(stack, 'policy', { bucket: bucket.id, policy: policyDocument([denyInsecureTransport(bucket.arn)]) });
    });
    const policy = JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy);
    expect(policy.Statement[0].Resource).toEqual(['${aws_s3_bucket.bucket.arn}', '${aws_s3_bucket.bucket.arn}/*']);
  });

  test('assumeRolePolicy: only the named service may assume the role', () => {
    expect(JSON.parse(assumeRolePolicy('ec2.amazonaws.com'))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  test('denyInsecureTransport: denies every S3 action on the bucket and its objects without TLS, to everyone', () => {
    expect(denyInsecureTransport('arn:aws:s3:::acme')).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::acme', 'arn:aws:s3:::acme/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });
});
