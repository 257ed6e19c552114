import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketWebsiteConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-website-configuration';
import { WebStackError } from '../core/errors';
import { LifecycleRule, LifecycleRules } from './lifecycle-rules';
import { denyInsecureTransport, policyDocument, PolicyStatement } from './policy-document';
import { suppress } from '../core/suppressions';
import { findBucketNameProblem } from './private/bucket-name';
import { findWebsiteConfigurationProblems, toWebsiteConfiguration, WebsiteBehaviour } from './private/website-configuration';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IGrantable } from './grant';
import { GrantedBucket, grantBucketAccess } from './private/bucket-grants';

export type { RoutingRule, WebsiteBehaviour, WebsiteDocuments, WebsiteRedirect } from './private/website-configuration';

/**
 * Who may read objects: anyone through the S3 website endpoint, or nobody but what is granted
 * later (a CloudFront distribution through `allowCloudFrontRead`).
 */
export type WebsiteBucketAccess = 'public-read' | 'private';

export interface WebsiteBucketProps {
  /** Bucket name. For website hosting it must equal the host name the site is served under. */
  readonly bucketName: string;
  /** Who may read the objects. */
  readonly access: WebsiteBucketAccess;
  /**
   * S3 website hosting: documents and routing rules, or a redirect of every request.
   *
   * @default - no website endpoint, for a bucket served through CloudFront's REST origin
   */
  readonly website?: WebsiteBehaviour;
  /**
   * Lifecycle rules. An empty list creates no lifecycle configuration.
   *
   * @default LifecycleRules.DEFAULT_RULES
   */
  readonly lifecycleRules?: readonly LifecycleRule[];
  /**
   * Let `terraform destroy` delete the bucket with its objects and versions.
   *
   * @default false
   */
  readonly forceDestroy?: boolean;
}

/**
 * A versioned, encrypted bucket with ACLs disabled, optionally hosting a website. A public-read
 * bucket allows anonymous `s3:GetObject` on objects through its bucket policy and unblocks
 * only the two public-access-block settings a public policy needs; ACLs stay blocked and
 * ignored. A private bucket keeps all four blocks and denies requests without TLS.
 *
 * @example
 * const bucket = new WebsiteBucket(this, 'bucket', {
 *   bucketName: 'www.example.com',
 *   access: 'public-read',
 *   website: { indexDocument: 'index.html', errorDocument: 'error.html' },
 * });
 */
export class WebsiteBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** `<bucket>.s3.<region>.amazonaws.com`, the REST endpoint CloudFront uses as origin. */
  public readonly bucketRegionalDomainName: string;
  /** The Route 53 hosted zone of the bucket's region, the zone of alias records to its website endpoint. */
  public readonly hostedZoneId: string;
  public readonly access: WebsiteBucketAccess;
  public readonly versioning: S3BucketVersioningA;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  public readonly policy: S3BucketPolicy;
  public readonly websiteConfiguration?: S3BucketWebsiteConfiguration;
  /** `<bucket>.s3-website-<region>.amazonaws.com`, the target of a CNAME; set when website hosting is on. */
  public readonly websiteEndpoint?: string;
  /** `s3-website-<region>.amazonaws.com`, the target of an alias record; set when website hosting is on. */
  public readonly websiteDomain?: string;
  public readonly lifecycle?: LifecycleRules;

  private readonly statements: PolicyStatement[] = [];
  private readonly granted: GrantedBucket;

  constructor(scope: Construct, id: string, props: WebsiteBucketProps) {
    super(scope, id);
    const nameProblem = findBucketNameProblem(props.bucketName);
    if (nameProblem) {
      throw new WebStackError(`bucketName "${props.bucketName}": ${nameProblem}`, this);
    }
    if (props.website) {
      const problems = findWebsiteConfigurationProblems(props.website);
      if (problems.length > 0) {
        throw new WebStackError(problems.join('; '), this);
      }
    }
    this.access = props.access;

    this.bucket = new S3Bucket(this, 'Resource', { bucket: props.bucketName, forceDestroy: props.forceDestroy ?? false });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.granted = { name: props.bucketName, bucketArn: this.bucketArn };
    this.bucketRegionalDomainName = this.bucket.bucketRegionalDomainName;
    this.hostedZoneId = this.bucket.hostedZoneId;

    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });

    const publicRead = props.access === 'public-read';
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      // A public bucket policy is the only way in: these two must be off for it to apply.
      blockPublicPolicy: !publicRead,
      restrictPublicBuckets: !publicRead,
    });
    if (publicRead) {
      this.statements.push({
        Sid: 'PublicReadObjects',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `${this.bucketArn}/*`,
      });
    } else {
      // Website endpoints speak plain HTTP, so only a bucket without public reads can insist on TLS.
      this.statements.push(denyInsecureTransport(this.bucketArn));
    }
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
      dependsOn: [this.publicAccessBlock],
    });
    if (publicRead) {
      suppress(
        this.bucket,
        'WS-S3-1',
        'Public S3 website hosting: the public-read bucket policy only applies with block_public_policy and restrict_public_buckets off; ACLs stay blocked',
      );
      suppress(
        this.bucket,
        'WS-S3-4',
        'S3 website endpoints speak plain HTTP only, so denying non-TLS requests would refuse every visitor; the CloudFront mode serves HTTPS',
      );
      suppress(
        this.policy,
        'WS-S3-7',
        'Public S3 website hosting: everyone may GetObject, the one public grant; listing, writing and ACLs stay closed',
      );
    }

    if (props.website) {
      this.websiteConfiguration = new S3BucketWebsiteConfiguration(this, 'website', {
        bucket: this.bucket.id,
        ...toWebsiteConfiguration(props.website),
      });
      this.websiteEndpoint = this.websiteConfiguration.websiteEndpoint;
      this.websiteDomain = this.websiteConfiguration.websiteDomain;
    }

    const rules = props.lifecycleRules ?? LifecycleRules.DEFAULT_RULES;
    if (rules.length > 0) {
      this.lifecycle = new LifecycleRules(this, 'lifecycle', { bucketId: this.bucket.id, rules, dependsOn: [this.versioning] });
    }
  }

  /**
   * Lets one CloudFront distribution read objects through origin access control. The grant is
   * tied to the distribution's ARN, so no other distribution can use the bucket as origin.
   */
  public allowCloudFrontRead(distributionArn: string): void {
    if (this.access !== 'private') {
      throw new WebStackError(
        'allowCloudFrontRead: the bucket is public-read already; use access "private" for a bucket behind CloudFront',
        this,
      );
    }
    this.statements.push({
      Sid: 'AllowCloudFrontRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${this.bucketArn}/*`,
      Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
    });
  }

  /** Lets `grantee` read the objects and list them (`GetObject`, `ListBucket`). */
  public grantRead(grantee: IGrantable): IamRolePolicy {
    return grantBucketAccess(this, this.granted, 'read', grantee);
  }

  /** Lets `grantee` write and delete objects (`PutObject`, `DeleteObject`). */
  public grantWrite(grantee: IGrantable): IamRolePolicy {
    return grantBucketAccess(this, this.granted, 'write', grantee);
  }
}
