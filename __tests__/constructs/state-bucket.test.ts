import { Grantee } from '../../constructs/grant';
import { StateBucket } from '../../constructs/state-bucket';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

function synthBucket(props: Partial<ConstructorParameters<typeof StateBucket>[2]> = {}) {
  return synthStack((stack) => new StateBucket(stack, 'state', { bucketName: 'acme-terraform-state', ...props }));
}

describe('StateBucket', () => {
  test('defaults: versioned, SSE-S3, all four public access blocks, prevent_destroy', () => {
    const json = synthBucket();
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    expect(bucket).toMatchObject({ bucket: 'acme-terraform-state', lifecycle: { prevent_destroy: true } });
    const id = ref('aws_s3_bucket', bucket);
    expect(onlyResourceOf(json, 'aws_s3_bucket_versioning')).toMatchObject({
      bucket: id,
      versioning_configuration: { status: 'Enabled' },
    });
    expect(onlyResourceOf(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(onlyResourceOf(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      bucket: id,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('the bucket policy denies every request that does not use TLS', () => {
    const json = synthBucket();
    const policy = JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::acme-terraform-state', 'arn:aws:s3:::acme-terraform-state/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  test('noncurrent state versions expire after the configured days', () => {
    const rule = onlyResourceOf(synthBucket({ noncurrentVersionExpirationDays: 30 }), 'aws_s3_bucket_lifecycle_configuration').rule[0];
    expect(rule).toMatchObject({
      status: 'Enabled',
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    const defaults = onlyResourceOf(synthBucket(), 'aws_s3_bucket_lifecycle_configuration').rule[0];
    expect(defaults.noncurrent_version_expiration).toEqual([{ noncurrent_days: StateBucket.DEFAULT_NONCURRENT_VERSION_DAYS }]);
  });

  test('a KMS key switches encryption to SSE-KMS with a bucket key', () => {
    const rule = onlyResourceOf(
      synthBucket({ kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc' }),
      'aws_s3_bucket_server_side_encryption_configuration',
    ).rule[0];
    expect(rule).toEqual({
      apply_server_side_encryption_by_default: {
        sse_algorithm: 'aws:kms',
        kms_master_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
      },
      bucket_key_enabled: true,
    });
  });

  test('rejects an invalid bucket name and a non-positive expiry', () => {
    expect(() => synthBucket({ bucketName: 'Acme_State' })).toThrow(WebStackError);
    expect(() => synthBucket({ bucketName: 'Acme_State' })).toThrow(/test\/state\/bucket: bucketName "Acme_State": has upper-case letters/);
    expect(() => synthBucket({ noncurrentVersionExpirationDays: 0 })).toThrow(
      /noncurrentVersionExpirationDays 0: use a whole number of days, 1 or more/,
    );
  });

  test('grantRead lets a planning role read state; grantWrite lets an applying role write it', () => {
    const json = synthStack((stack) => {
      const state = new StateBucket(stack, 'state', { bucketName: 'acme-terraform-state' });
      state.grantRead(Grantee.fromRoleArn('arn:aws:iam::123456789012:role/plan'));
      state.grantWrite(Grantee.fromRoleArn('arn:aws:iam::123456789012:role/apply'));
    });
    const policies = resourcesOf(json, 'aws_iam_role_policy').map((policy) => [
      policy.role,
      policy.name,
      JSON.parse(policy.policy).Statement[0],
    ]);
    expect(policies).toEqual([
      [
        'plan',
        'acme-terraform-state-s3-read',
        { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-terraform-state/*' },
      ],
      [
        'apply',
        'acme-terraform-state-s3-write',
        {
          Sid: 'WriteObjects',
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          Resource: 'arn:aws:s3:::acme-terraform-state/*',
        },
      ],
    ]);
  });
});
