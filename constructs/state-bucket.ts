import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { WebStackError } from './errors';
import { denyInsecureTransport, policyDocument } from './policy-document';
import { findBucketNameProblem } from './private/bucket-name';

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
 * The S3 bucket that holds every other stack's Terraform state: versioned, encrypted,
 * private, TLS only, with old versions expiring and `prevent_destroy` on.
 */
export class StateBucket extends Construct {
  public static readonly DEFAULT_NONCURRENT_VERSION_DAYS = 90;

  public readonly bucket: S3Bucket;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const nameProblem = findBucketNameProblem(props.bucketName);
    if (nameProblem) {
      throw new WebStackError(`bucketName "${props.bucketName}": ${nameProblem}`, this);
    }
    const expirationDays = props.noncurrentVersionExpirationDays ?? StateBucket.DEFAULT_NONCURRENT_VERSION_DAYS;
    if (!Number.isInteger(expirationDays) || expirationDays < 1) {
      throw new WebStackError(`noncurrentVersionExpirationDays ${expirationDays}: use a whole number of days, 1 or more`, this);
    }

    this.bucket = new S3Bucket(this, 'Resource', {
      bucket: props.bucketName,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.bucketName = this.bucket.bucket;

    new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn
            ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }
            : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: props.kmsKeyArn !== undefined,
        },
      ],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([denyInsecureTransport(this.bucket.arn)]),
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
  }
}
