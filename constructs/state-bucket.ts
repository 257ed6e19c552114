import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { WebStackError } from '../core/errors';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IGrantable } from './grant';
import { PrivateBucket } from './private-bucket';

export interface StateBucketProps {
  /** Globally unique bucket name, such as "acme-web-stack-tfstate-123456789012". */
  readonly bucketName: string;
  /**
   * Days a superseded state version is kept before it expires. Old versions are how you
   * roll back a bad apply; a few months of history is plenty.
   *
   * @default StateBucket.DEFAULT_NONCURRENT_VERSION_DAYS
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * KMS key for default encryption.
   *
   * @default - SSE-S3 (AES-256), which costs nothing and needs no key policy
   */
  readonly kmsKeyArn?: string;
  /**
   * Refuse `terraform destroy` on the bucket. Losing it loses every stack's state.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The S3 bucket that holds every other stack's Terraform state: a {@link PrivateBucket}
 * (versioned, encrypted, private, TLS only) whose old state versions expire, with
 * `prevent_destroy` on.
 *
 * @example
 * new StateBucket(this, 'state', { bucketName: 'acme-web-stack-tfstate' });
 */
export class StateBucket extends Construct {
  public static readonly DEFAULT_NONCURRENT_VERSION_DAYS = 90;

  public readonly bucket: S3Bucket;
  /** The bucket's name. */
  public readonly bucketName: string;
  private readonly privateBucket: PrivateBucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const expirationDays = props.noncurrentVersionExpirationDays ?? StateBucket.DEFAULT_NONCURRENT_VERSION_DAYS;
    if (!Number.isInteger(expirationDays) || expirationDays < 1) {
      throw new WebStackError(`noncurrentVersionExpirationDays ${expirationDays}: use a whole number of days, 1 or more`, this);
    }
    const bucket = new PrivateBucket(this, 'bucket', {
      bucketName: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: props.preventDestroy ?? true,
      lifecycleRules: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    this.privateBucket = bucket;
    this.bucket = bucket.bucket;
    this.bucketName = bucket.bucketName;
  }

  /** Lets `grantee` read state (`GetObject`, `ListBucket`), such as a role that plans. */
  public grantRead(grantee: IGrantable): IamRolePolicy {
    return this.privateBucket.grantRead(grantee);
  }

  /** Lets `grantee` write state and its lock files (`PutObject`, `DeleteObject`), such as a role that applies. */
  public grantWrite(grantee: IGrantable): IamRolePolicy {
    return this.privateBucket.grantWrite(grantee);
  }
}
