import { S3Backend, TerraformStack } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { StateBucket } from '../../../constructs/state-bucket';
import { policyDocument } from '../../../constructs/policy-document';
import { checkStack, openOf } from '../support';

const BUCKET_RULES = ['WS-S3-1', 'WS-S3-2', 'WS-S3-3', 'WS-S3-4', 'WS-S3-5'];

function bare(stack: TerraformStack): S3Bucket {
  return new S3Bucket(stack, 'bucket', { bucket: 'bare-bucket-example' });
}

describe('S3 rules', () => {
  test('compliant: the state bucket (public access block, encryption, versioning, TLS-only policy, lifecycle)', () => {
    const checked = checkStack((stack) => new StateBucket(stack, 'state', { bucketName: 'state-bucket-example' }));
    for (const id of BUCKET_RULES) expect(openOf(checked, id)).toEqual([]);
  });

  test('non-compliant: a bare bucket breaks every bucket rule, each finding naming the bucket', () => {
    const checked = checkStack((stack) => bare(stack));
    for (const id of BUCKET_RULES) expect(openOf(checked, id)).toEqual([`${id} aws_s3_bucket.bucket`]);
  });

  test('WS-S3-1: a block with one setting off names the setting', () => {
    const checked = checkStack((stack) => {
      const bucket = bare(stack);
      new S3BucketPublicAccessBlock(stack, 'pab', {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    });
    expect(checked.open.find((f) => f.ruleId === 'WS-S3-1')?.message).toMatch(/Found: block_public_policy not true/);
  });

  test('WS-S3-1: a block that names the bucket literally counts', () => {
    const checked = checkStack((stack) => {
      bare(stack);
      new S3BucketPublicAccessBlock(stack, 'pab', {
        bucket: 'bare-bucket-example',
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    });
    expect(openOf(checked, 'WS-S3-1')).toEqual([]);
  });

  test('WS-S3-3: versioning "Suspended" is not enabled', () => {
    const checked = checkStack((stack) => {
      const bucket = bare(stack);
      new S3BucketVersioningA(stack, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Suspended' } });
    });
    expect(openOf(checked, 'WS-S3-3')).toEqual(['WS-S3-3 aws_s3_bucket.bucket']);
  });

  test('WS-S3-4: a policy without the SecureTransport deny does not count; one from a policy document data source does', () => {
    const without = checkStack((stack) => {
      const bucket = bare(stack);
      new S3BucketPolicy(stack, 'policy', {
        bucket: bucket.id,
        policy: policyDocument([{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: bucket.arn }]),
      });
    });
    expect(openOf(without, 'WS-S3-4')).toEqual(['WS-S3-4 aws_s3_bucket.bucket']);
    const viaDocument = checkStack((stack) => {
      const bucket = bare(stack);
      const document = new DataAwsIamPolicyDocument(stack, 'tls', {
        statement: [
          {
            effect: 'Deny',
            actions: ['s3:*'],
            resources: [bucket.arn, `${bucket.arn}/*`],
            principals: [{ type: '*', identifiers: ['*'] }],
            condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      });
      new S3BucketPolicy(stack, 'policy', { bucket: bucket.id, policy: document.json });
    });
    expect(openOf(viaDocument, 'WS-S3-4')).toEqual([]);
  });

  test('WS-S3-4: a policy Terraform builds with jsonencode cannot be judged and is an error', () => {
    const checked = checkStack((stack) => {
      const bucket = bare(stack);
      new S3BucketPolicy(stack, 'policy', { bucket: bucket.id, policy: '${jsonencode(local.policy)}' });
    });
    const finding = checked.open.find((f) => f.ruleId === 'WS-S3-4');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(
      /cannot judge .*aws_s3_bucket_policy\.policy\.policy is "\$\{jsonencode\(local\.policy\)\}", which is only known to Terraform at plan time/,
    );
  });

  test('WS-S3-5: a lifecycle configuration with only disabled rules does not count', () => {
    const checked = checkStack((stack) => {
      const bucket = bare(stack);
      new S3BucketLifecycleConfiguration(stack, 'lifecycle', {
        bucket: bucket.id,
        rule: [{ id: 'off', status: 'Disabled', filter: [{ prefix: '' }] }],
      });
    });
    expect(openOf(checked, 'WS-S3-5')).toEqual(['WS-S3-5 aws_s3_bucket.bucket']);
  });

  test('WS-S3-6: a private ACL complies, public-read does not', () => {
    const ok = checkStack((stack) => new S3BucketAcl(stack, 'acl', { bucket: bare(stack).id, acl: 'private' }));
    expect(openOf(ok, 'WS-S3-6')).toEqual([]);
    const bad = checkStack((stack) => new S3BucketAcl(stack, 'acl', { bucket: bare(stack).id, acl: 'public-read' }));
    expect(openOf(bad, 'WS-S3-6')).toEqual(['WS-S3-6 aws_s3_bucket_acl.acl']);
  });

  test('WS-S3-6: an explicit grant to AllUsers is public', () => {
    const bad = checkStack(
      (stack) =>
        new S3BucketAcl(stack, 'acl', {
          bucket: bare(stack).id,
          accessControlPolicy: {
            owner: { id: 'owner' },
            grant: [{ permission: 'READ', grantee: { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' } }],
          },
        }),
    );
    expect(openOf(bad, 'WS-S3-6')).toEqual(['WS-S3-6 aws_s3_bucket_acl.acl']);
  });

  test('WS-S3-7: public GetObject without a condition is a finding; a conditional grant is not', () => {
    const bad = checkStack((stack) => {
      const bucket = bare(stack);
      new S3BucketPolicy(stack, 'policy', {
        bucket: bucket.id,
        policy: policyDocument([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucket.arn}/*` }]),
      });
    });
    expect(openOf(bad, 'WS-S3-7')).toEqual(['WS-S3-7 aws_s3_bucket_policy.policy']);
    const ok = checkStack((stack) => {
      const bucket = bare(stack);
      new S3BucketPolicy(stack, 'policy', {
        bucket: bucket.id,
        policy: policyDocument([
          { Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: `${bucket.arn}/*` },
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: `${bucket.arn}/*`,
            Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
          },
        ]),
      });
    });
    expect(openOf(ok, 'WS-S3-7')).toEqual([]);
  });
});

describe('state bucket rules', () => {
  test('compliant: StateBucket with its defaults', () => {
    const checked = checkStack((stack) => new StateBucket(stack, 'state', { bucketName: 'state-bucket-example' }), {
      stateBucketNames: ['state-bucket-example'],
    });
    expect(openOf(checked, 'WS-STATE-1')).toEqual([]);
    expect(openOf(checked, 'WS-STATE-2')).toEqual([]);
  });

  test('WS-STATE-1: preventDestroy false on the state bucket is an error', () => {
    const checked = checkStack((stack) => new StateBucket(stack, 'state', { bucketName: 'state-bucket-example', preventDestroy: false }), {
      stateBucketNames: ['state-bucket-example'],
    });
    expect(openOf(checked, 'WS-STATE-1')).toEqual([expect.stringMatching(/^WS-STATE-1 aws_s3_bucket\.state_/)]);
  });

  test('WS-STATE-2: a state bucket without versioning is an error; other buckets are not state buckets', () => {
    const checked = checkStack(
      (stack) => {
        new S3Bucket(stack, 'state', { bucket: 'state-bucket-example', lifecycle: { preventDestroy: true } });
        new S3Bucket(stack, 'other', { bucket: 'other-bucket-example' });
      },
      { stateBucketNames: ['state-bucket-example'] },
    );
    expect(openOf(checked, 'WS-STATE-2')).toEqual(['WS-STATE-2 aws_s3_bucket.state']);
    expect(openOf(checked, 'WS-STATE-1')).toEqual([]);
  });

  test('the state bucket is recognised from the S3 backends of the app', () => {
    const checked = checkStack((stack) => {
      new S3Bucket(stack, 'state', { bucket: 'backend-bucket-example' });
      new S3Backend(stack, { bucket: 'backend-bucket-example', key: 'k', region: 'eu-west-1' });
    });
    expect(openOf(checked, 'WS-STATE-1')).toEqual(['WS-STATE-1 aws_s3_bucket.state']);
  });
});
