import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { WebStackError } from './errors';
import { denyInsecureTransport, policyDocument, PolicyStatement } from './policy-document';
import { findBucketNameProblem } from './private/bucket-name';

/** Trail names: 3-128 letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit. */
const TRAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/;

export interface CloudtrailTrailProps {
  /** Trail name. */
  readonly trailName: string;
  /** Globally unique name of the bucket the logs go to. */
  readonly bucketName: string;
  /**
   * The account ID. With the region and trail name it spells the trail's ARN for the bucket
   * policy's `aws:SourceArn` condition, without an `aws_caller_identity` lookup.
   */
  readonly accountId: string;
  /** The trail's home region, the provider's region. */
  readonly region: string;
  /**
   * Days after which log files move to S3 Glacier Flexible Retrieval, about a sixth of the
   * Standard storage price; reading them back then takes hours.
   *
   * @default CloudtrailTrail.DEFAULT_GLACIER_AFTER_DAYS
   */
  readonly glacierAfterDays?: number;
  /**
   * Days after which log files are deleted. Must be more than `glacierAfterDays`.
   *
   * @default - kept forever
   */
  readonly expireAfterDays?: number;
}

/**
 * A multi-region CloudTrail trail with log file validation, writing to its own bucket:
 * encrypted, versioned, every public-access block on, TLS only, writable by CloudTrail for this
 * trail alone, and moving old logs to Glacier.
 *
 * @example
 * new CloudtrailTrail(stack, 'trail', {
 *   trailName: 'web-stack', bucketName: 'web-stack-cloudtrail-123456789012',
 *   accountId: '123456789012', region: 'eu-west-1',
 * });
 */
export class CloudtrailTrail extends Construct {
  public static readonly DEFAULT_GLACIER_AFTER_DAYS = 90;

  public readonly trail: Cloudtrail;
  public readonly bucket: S3Bucket;
  /** The trail's ARN, known before apply. */
  public readonly trailArn: string;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: CloudtrailTrailProps) {
    super(scope, id);
    if (!TRAIL_NAME.test(props.trailName) || /[._-]{2}/.test(props.trailName)) {
      throw new WebStackError(
        `trailName "${props.trailName}": use 3-128 letters, digits, ".", "_" and "-", starting and ending with a letter or digit, no two symbols in a row`,
        this,
      );
    }
    const nameProblem = findBucketNameProblem(props.bucketName);
    if (nameProblem) {
      throw new WebStackError(`bucketName "${props.bucketName}": ${nameProblem}`, this);
    }
    if (!/^\d{12}$/.test(props.accountId)) {
      throw new WebStackError(`accountId "${props.accountId}": an AWS account ID is exactly 12 digits`, this);
    }
    const glacierAfterDays = props.glacierAfterDays ?? CloudtrailTrail.DEFAULT_GLACIER_AFTER_DAYS;
    if (!Number.isInteger(glacierAfterDays) || glacierAfterDays < 1) {
      throw new WebStackError(`glacierAfterDays ${glacierAfterDays}: use a whole number of days, 1 or more`, this);
    }
    if (props.expireAfterDays !== undefined && (!Number.isInteger(props.expireAfterDays) || props.expireAfterDays <= glacierAfterDays)) {
      throw new WebStackError(
        `expireAfterDays ${props.expireAfterDays}: use a whole number of days greater than glacierAfterDays (${glacierAfterDays}), or leave it unset to keep logs`,
        this,
      );
    }
    this.trailArn = `arn:aws:cloudtrail:${props.region}:${props.accountId}:trail/${props.trailName}`;

    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName });
    this.bucketName = this.bucket.bucket;
    new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    // With ACLs disabled every object belongs to the bucket owner, whatever the writer sends.
    new S3BucketOwnershipControls(this, 'ownership', { bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      // The ARN spelled from the name, not `bucket.arn`: a policy with no unknown values shows
      // in full in the plan, where a reviewer can check who may write.
      policy: policyDocument(trailBucketStatements(`arn:aws:s3:::${props.bucketName}`, props.accountId, this.trailArn)),
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'logs-to-glacier',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          transition: [{ days: glacierAfterDays, storageClass: 'GLACIER' }],
          expiration: props.expireAfterDays !== undefined ? [{ days: props.expireAfterDays }] : undefined,
          // CloudTrail never overwrites a log file, so old versions only come from deletions.
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    this.trail = new Cloudtrail(this, 'Resource', {
      name: props.trailName,
      s3BucketName: this.bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      // CloudTrail checks that it may write when the trail is created.
      dependsOn: [policy],
    });
  }
}

/**
 * The trail bucket's policy: CloudTrail may read the bucket ACL and write log files under
 * `AWSLogs/<account>/`, for this trail only (`aws:SourceArn`) and with the owner given full
 * control; nobody else is granted anything, and plain HTTP is refused.
 */
export function trailBucketStatements(bucketArn: string, accountId: string, trailArn: string): PolicyStatement[] {
  const cloudtrail = { Service: 'cloudtrail.amazonaws.com' };
  return [
    {
      Sid: 'CloudTrailAclCheck',
      Effect: 'Allow',
      Principal: cloudtrail,
      Action: 's3:GetBucketAcl',
      Resource: bucketArn,
      Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
    },
    {
      Sid: 'CloudTrailWrite',
      Effect: 'Allow',
      Principal: cloudtrail,
      Action: 's3:PutObject',
      Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    },
    denyInsecureTransport(bucketArn),
  ];
}
