import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { WebStackError } from '../core/errors';
import { denyInsecureTransport, policyDocument, PolicyStatement } from './policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IGrantable } from './grant';
import { findBucketNameProblem } from './private/bucket-name';
import { GrantedBucket, grantBucketAccess } from './private/bucket-grants';

export interface PrivateBucketProps {
  /**
   * Globally unique bucket name. Give this or `bucketPrefix`.
   *
   * @default - none; `bucketPrefix` must be given
   */
  readonly bucketName?: string;
  /**
   * Prefix to which S3 appends a unique suffix, when no name is fixed. The bucket's ARN is
   * then known only after apply, and so is the policy.
   *
   * @default - none; `bucketName` must be given
   */
  readonly bucketPrefix?: string;
  /**
   * Keep every version of every object, so an overwrite or delete can be undone.
   *
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * KMS key for default encryption.
   *
   * @default - SSE-S3 (AES-256), which costs nothing and needs no key policy
   */
  readonly kmsKeyArn?: string;
  /**
   * Statements granting access, added to the policy beside the TLS-only deny. A function of the
   * bucket's ARN, which is spelled from the name so the policy shows in full in the plan.
   *
   * @default - no grants: only the account's IAM principals, over TLS
   */
  readonly policyStatements?: (bucketArn: string) => PolicyStatement[];
  /**
   * Lifecycle rules.
   *
   * @default [] - no lifecycle configuration
   */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  /**
   * Refuse `terraform destroy` on the bucket.
   *
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Let `terraform destroy` delete a bucket that still holds objects.
   *
   * @default false
   */
  readonly forceDestroy?: boolean;
}

/**
 * An S3 bucket no one outside the account can read: all four public-access blocks, ACLs
 * disabled (the bucket owner owns every object), default encryption, versioning, and a
 * policy refusing plain HTTP. The common base of the state, log and artifact buckets.
 *
 * @example
 * new PrivateBucket(this, 'logs', {
 *   bucketName: 'acme-logs',
 *   lifecycleRules: [{ id: 'expire', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 90 }] }],
 * });
 */
export class PrivateBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** The bucket's name. */
  public readonly bucketName: string;
  /** The bucket's ARN, spelled from its name when it is fixed (known at plan time). */
  public readonly bucketArn: string;
  public readonly policy: S3BucketPolicy;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  private readonly granted: GrantedBucket;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    if ((props.bucketName === undefined) === (props.bucketPrefix === undefined)) {
      throw new WebStackError('give exactly one of bucketName (a fixed name) and bucketPrefix (S3 adds a unique suffix)', this);
    }
    const nameProblem = props.bucketName === undefined ? undefined : findBucketNameProblem(props.bucketName);
    if (nameProblem) {
      throw new WebStackError(`bucketName "${props.bucketName}": ${nameProblem}`, this);
    }
    this.bucket = new S3Bucket(this, 'Resource', {
      bucket: props.bucketName,
      bucketPrefix: props.bucketPrefix,
      forceDestroy: props.forceDestroy,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = props.bucketName === undefined ? this.bucket.arn : `arn:aws:s3:::${props.bucketName}`;
    this.granted = { name: props.bucketName ?? props.bucketPrefix ?? id, bucketArn: this.bucketArn, kmsKeyArn: props.kmsKeyArn };

    if (props.versioned ?? true) {
      new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    }
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn
            ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }
            : { sseAlgorithm: 'AES256' },
          // A bucket key cuts KMS request costs; SSE-S3 has none to cut.
          bucketKeyEnabled: props.kmsKeyArn !== undefined ? true : undefined,
        },
      ],
    });
    // With ACLs disabled every object belongs to the bucket owner, whatever the writer sends.
    new S3BucketOwnershipControls(this, 'ownership', { bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([...(props.policyStatements?.(this.bucketArn) ?? []), denyInsecureTransport(this.bucketArn)]),
      dependsOn: [this.publicAccessBlock],
    });
    if (props.lifecycleRules && props.lifecycleRules.length > 0) {
      new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket: this.bucket.id, rule: props.lifecycleRules });
    }
  }

  /** Lets `grantee` read the objects and list them (`GetObject`, `ListBucket`; and Decrypt with a KMS key). */
  public grantRead(grantee: IGrantable): IamRolePolicy {
    return grantBucketAccess(this, this.granted, 'read', grantee);
  }

  /** Lets `grantee` write and delete objects (`PutObject`, `DeleteObject`; and the KMS key's GenerateDataKey). */
  public grantWrite(grantee: IGrantable): IamRolePolicy {
    return grantBucketAccess(this, this.granted, 'write', grantee);
  }
}
