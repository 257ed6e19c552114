import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { WebStackError } from '../core/errors';
import { denyInsecureTransport, PolicyStatement } from './policy-document';
import { PrivateBucket } from './private-bucket';

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
  /** The trail's private bucket, writable by this trail alone. */
  public readonly bucket: S3Bucket;
  /** The trail's ARN, known before apply. */
  public readonly trailArn: string;
  /** Name of the bucket the logs go to. */
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: CloudtrailTrailProps) {
    super(scope, id);
    if (!TRAIL_NAME.test(props.trailName) || /[._-]{2}/.test(props.trailName)) {
      throw new WebStackError(
        `trailName "${props.trailName}": use 3-128 letters, digits, ".", "_" and "-", starting and ending with a letter or digit, no two symbols in a row`,
        this,
      );
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

    const bucket = new PrivateBucket(this, 'bucket', {
      bucketName: props.bucketName,
      // The statements spell the ARN from the name, so the whole policy shows in the plan,
      // where a reviewer can check who may write.
      policyStatements: (bucketArn) => trailWriteStatements(bucketArn, props.accountId, this.trailArn),
      lifecycleRules: [
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
    this.bucket = bucket.bucket;
    this.bucketName = bucket.bucketName;

    this.trail = new Cloudtrail(this, 'Resource', {
      name: props.trailName,
      s3BucketName: this.bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      // CloudTrail checks that it may write when the trail is created.
      dependsOn: [bucket.policy],
    });
  }
}

/**
 * The trail bucket's policy: CloudTrail may read the bucket ACL and write log files under
 * `AWSLogs/<account>/`, for this trail only (`aws:SourceArn`) and with the owner given full
 * control; nobody else is granted anything, and plain HTTP is refused.
 */
export function trailBucketStatements(bucketArn: string, accountId: string, trailArn: string): PolicyStatement[] {
  return [...trailWriteStatements(bucketArn, accountId, trailArn), denyInsecureTransport(bucketArn)];
}

/** The grants alone: CloudTrail's ACL check and its writes, for this trail only. */
function trailWriteStatements(bucketArn: string, accountId: string, trailArn: string): PolicyStatement[] {
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
  ];
}
