import { InstanceRole } from '../../constructs/instance-role';
import { PrivateBucket } from '../../constructs/private-bucket';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

function synthBucket(props: Partial<ConstructorParameters<typeof PrivateBucket>[2]> = {}) {
  return synthStack((stack) => new PrivateBucket(stack, 'bucket', { bucketName: 'acme-artifacts', ...props }));
}

describe('PrivateBucket', () => {
  test('defaults: versioned, SSE-S3, ACLs disabled, all four public access blocks, TLS-only policy, no lifecycle', () => {
    const json = synthBucket();
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    expect(bucket.lifecycle).toBeUndefined();
    expect(onlyResourceOf(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResourceOf(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    const block = onlyResourceOf(json, 'aws_s3_bucket_public_access_block');
    expect(block).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const policy = onlyResourceOf(json, 'aws_s3_bucket_policy');
    expect(policy.depends_on).toEqual([`aws_s3_bucket_public_access_block.${block.logicalId}`]);
    expect(JSON.parse(policy.policy).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['DenyInsecureTransport']);
    expect(resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration')).toHaveLength(0);
  });

  test('grants come before the TLS deny and see the bucket ARN', () => {
    const json = synthBucket({
      policyStatements: (arn) => [
        {
          Sid: 'LogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${arn}/*`,
        },
      ],
    });
    const statements = JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy).Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(['LogDelivery', 'DenyInsecureTransport']);
    expect(statements[0].Resource).toBe('arn:aws:s3:::acme-artifacts/*');
  });

  test('options: unversioned, KMS, lifecycle rules, prevent and force destroy', () => {
    const json = synthBucket({
      versioned: false,
      kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
      preventDestroy: true,
      forceDestroy: true,
      lifecycleRules: [{ id: 'expire', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 30 }] }],
    });
    expect(resourcesOf(json, 'aws_s3_bucket_versioning')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_s3_bucket')).toMatchObject({ force_destroy: true, lifecycle: { prevent_destroy: true } });
    expect(
      onlyResourceOf(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default
        .sse_algorithm,
    ).toBe('aws:kms');
    const lifecycle = onlyResourceOf(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.bucket).toBe(ref('aws_s3_bucket', onlyResourceOf(json, 'aws_s3_bucket')));
    expect(lifecycle.rule[0]).toMatchObject({ id: 'expire', expiration: [{ days: 30 }] });
  });

  test('a prefix lets S3 pick a unique name; the policy then uses the ARN known after apply', () => {
    const json = synthStack((stack) => new PrivateBucket(stack, 'bucket', { bucketPrefix: 'acme-eb-' }));
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    expect(bucket.bucket_prefix).toBe('acme-eb-');
    expect(bucket.bucket).toBeUndefined();
    expect(JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy).Statement[0].Resource[0]).toBe(
      ref('aws_s3_bucket', bucket, 'arn'),
    );
  });

  test('rejects both or neither of a name and a prefix', () => {
    expect(() => synthStack((stack) => new PrivateBucket(stack, 'bucket', {}))).toThrow(
      /test\/bucket: give exactly one of bucketName \(a fixed name\) and bucketPrefix/,
    );
    expect(() => synthBucket({ bucketPrefix: 'x-' })).toThrow(/give exactly one of bucketName/);
  });

  test('rejects an invalid bucket name with the field', () => {
    expect(() => synthBucket({ bucketName: 'a..b' })).toThrow(/test\/bucket: bucketName "a\.\.b": has two adjacent dots/);
  });

  test('grantRead: GetObject on the objects and ListBucket on the bucket, on the grantee role', () => {
    const json = synthStack((stack) => {
      new PrivateBucket(stack, 'bucket', { bucketName: 'acme-artifacts' }).grantRead(new InstanceRole(stack, 'web', { name: 'web' }));
    });
    const policy = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(policy).toMatchObject({ name: 'acme-artifacts-s3-read', role: ref('aws_iam_role', onlyResourceOf(json, 'aws_iam_role')) });
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-artifacts/*' },
      { Sid: 'ListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-artifacts' },
    ]);
  });

  test('grantWrite: put, delete and abort uploads on the objects; with a KMS key, the key too', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    const json = synthStack((stack) => {
      const bucket = new PrivateBucket(stack, 'bucket', { bucketName: 'acme-artifacts', kmsKeyArn: key });
      const role = new InstanceRole(stack, 'web', { name: 'web' });
      bucket.grantWrite(role);
      bucket.grantRead(role);
    });
    const statements = Object.fromEntries(
      resourcesOf(json, 'aws_iam_role_policy').map((policy) => [policy.name, JSON.parse(policy.policy).Statement]),
    );
    expect(statements['acme-artifacts-s3-write']).toEqual([
      {
        Sid: 'WriteObjects',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        Resource: 'arn:aws:s3:::acme-artifacts/*',
      },
      { Sid: 'UseBucketKey', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: key },
    ]);
    expect(statements['acme-artifacts-s3-read']).toContainEqual({
      Sid: 'UseBucketKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: key,
    });
  });

  test('a bucket named by prefix names its grants after the prefix and scopes them to the ARN known after apply', () => {
    const json = synthStack((stack) => {
      new PrivateBucket(stack, 'bucket', { bucketPrefix: 'acme-logs-' }).grantRead(new InstanceRole(stack, 'web', { name: 'web' }));
    });
    const policy = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(policy.name).toBe('acme-logs--s3-read');
    expect(JSON.parse(policy.policy).Statement[1].Resource).toBe(ref('aws_s3_bucket', onlyResourceOf(json, 'aws_s3_bucket'), 'arn'));
  });
});
