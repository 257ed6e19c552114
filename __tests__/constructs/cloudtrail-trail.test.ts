import { TerraformStack, Testing } from 'cdktf';
import { CloudtrailTrail, CloudtrailTrailProps } from '../../constructs/cloudtrail-trail';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, synthStack } from '../support/synth';

const PROPS: CloudtrailTrailProps = {
  trailName: 'web-stack-trail',
  bucketName: 'web-stack-cloudtrail-123456789012',
  accountId: '123456789012',
  region: 'eu-west-1',
};
const TRAIL_ARN = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/web-stack-trail';

function synthTrail(props: Partial<CloudtrailTrailProps> = {}) {
  return synthStack((stack) => new CloudtrailTrail(stack, 'trail', { ...PROPS, ...props }));
}

describe('CloudtrailTrail', () => {
  test('a multi-region trail with log file validation and global service events, into its bucket', () => {
    const json = synthTrail();
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    expect(bucket.bucket).toBe(PROPS.bucketName);
    const trail = onlyResourceOf(json, 'aws_cloudtrail');
    expect(trail).toMatchObject({
      name: 'web-stack-trail',
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      include_global_service_events: true,
      enable_logging: true,
      s3_bucket_name: ref('aws_s3_bucket', bucket),
    });
    // The bucket policy must exist before CloudTrail checks it can write.
    expect(trail.depends_on).toEqual([`aws_s3_bucket_policy.${onlyResourceOf(json, 'aws_s3_bucket_policy').logicalId}`]);
  });

  test('the bucket is encrypted, versioned, owner-enforced and blocks every kind of public access', () => {
    const json = synthTrail();
    expect(onlyResourceOf(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(onlyResourceOf(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResourceOf(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(onlyResourceOf(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('the bucket policy lets only CloudTrail, for this trail, read the ACL and write logs; plain HTTP is denied', () => {
    const json = synthTrail();
    const bucketArn = 'arn:aws:s3:::web-stack-cloudtrail-123456789012';
    const policy = JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy);
    const allows = policy.Statement.filter((s: any) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'CloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
      },
      {
        Sid: 'CloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${bucketArn}/AWSLogs/123456789012/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
      },
    ]);
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(onlyResourceOf(json, 'aws_s3_bucket_policy').bucket).toBe(ref('aws_s3_bucket', onlyResourceOf(json, 'aws_s3_bucket')));
  });

  test('trailArn is spelled from the region, the account ID and the trail name', () => {
    const trail = new CloudtrailTrail(new TerraformStack(Testing.app(), 's'), 't', { ...PROPS, region: 'us-east-1' });
    expect(trail.trailArn).toBe('arn:aws:cloudtrail:us-east-1:123456789012:trail/web-stack-trail');
  });

  test('logs move to Glacier after 90 days and are kept by default', () => {
    const rule = onlyResourceOf(synthTrail(), 'aws_s3_bucket_lifecycle_configuration').rule[0];
    expect(rule).toMatchObject({
      status: 'Enabled',
      transition: [{ days: CloudtrailTrail.DEFAULT_GLACIER_AFTER_DAYS, storage_class: 'GLACIER' }],
    });
    expect(rule.expiration).toBeUndefined();
  });

  test('expireAfterDays deletes logs after that many days', () => {
    const rule = onlyResourceOf(synthTrail({ glacierAfterDays: 30, expireAfterDays: 400 }), 'aws_s3_bucket_lifecycle_configuration')
      .rule[0];
    expect(rule.transition).toEqual([{ days: 30, storage_class: 'GLACIER' }]);
    expect(rule.expiration).toEqual([{ days: 400 }]);
  });

  describe('rejects', () => {
    test('an invalid trail name', () => {
      expect(() => synthTrail({ trailName: 'my trail' })).toThrow(WebStackError);
      expect(() => synthTrail({ trailName: 'my trail' })).toThrow(/trailName "my trail": use 3-128 letters/);
      expect(() => synthTrail({ trailName: 'a--b' })).toThrow(/trailName "a--b"/);
    });
    test('an invalid bucket name', () => {
      expect(() => synthTrail({ bucketName: 'Logs' })).toThrow(/bucketName "Logs"/);
    });
    test('an account ID that is not 12 digits', () => {
      expect(() => synthTrail({ accountId: 'abc' })).toThrow(/accountId "abc": an AWS account ID is exactly 12 digits/);
    });
    test('a Glacier transition under 1 day', () => {
      expect(() => synthTrail({ glacierAfterDays: 0 })).toThrow(/glacierAfterDays 0: use a whole number of days, 1 or more/);
    });
    test('an expiry not after the Glacier transition', () => {
      expect(() => synthTrail({ glacierAfterDays: 90, expireAfterDays: 60 })).toThrow(
        /expireAfterDays 60: use a whole number of days greater than glacierAfterDays \(90\)/,
      );
    });
  });
});
