import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { WebStackError } from '../core/errors';
import { findLifecycleRuleProblems } from './private/lifecycle-validation';

/** Storage classes a lifecycle rule can move objects to, in S3's API spelling. */
export type TransitionStorageClass = 'STANDARD_IA' | 'INTELLIGENT_TIERING' | 'ONEZONE_IA' | 'GLACIER_IR' | 'GLACIER' | 'DEEP_ARCHIVE';

export const TRANSITION_STORAGE_CLASSES: readonly TransitionStorageClass[] = [
  'STANDARD_IA',
  'INTELLIGENT_TIERING',
  'ONEZONE_IA',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
];

/** A move to another storage class a number of days after creation (or after becoming noncurrent). */
export interface LifecycleTransition {
  /** The class objects move to. `GLACIER` is Glacier Flexible Retrieval. */
  readonly storageClass: TransitionStorageClass;
  /** Days after creation, or after the version became noncurrent for noncurrent transitions. */
  readonly days: number;
}

/** One typed S3 lifecycle rule. */
export interface LifecycleRule {
  /** Rule ID, unique within the bucket, such as "archive". */
  readonly id: string;
  /**
   * Key prefix the rule applies to, such as "archive/". An empty string is refused: it would
   * silently widen a rule meant for a folder to the whole bucket.
   *
   * @default - the whole bucket
   */
  readonly prefix?: string;
  /**
   * Whether S3 applies the rule.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Moves of current versions, in increasing order of days.
   *
   * @default []
   */
  readonly transitions?: readonly LifecycleTransition[];
  /**
   * Days after creation when current versions expire (become noncurrent in a versioned bucket).
   *
   * @default - never
   */
  readonly expirationDays?: number;
  /**
   * Moves of noncurrent versions, counted from the day they became noncurrent.
   *
   * @default []
   */
  readonly noncurrentVersionTransitions?: readonly LifecycleTransition[];
  /**
   * Days after becoming noncurrent when old versions are deleted for good.
   *
   * @default - never
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which S3 deletes the parts of an unfinished multipart upload.
   *
   * @default - never
   */
  readonly abortIncompleteMultipartUploadDays?: number;
}

export interface LifecycleRulesProps {
  /** ID of the bucket the rules apply to. */
  readonly bucketId: string;
  /**
   * The rules.
   *
   * @default LifecycleRules.DEFAULT_RULES
   */
  readonly rules?: readonly LifecycleRule[];
  /**
   * Resources the configuration must wait for, typically the bucket's versioning: S3 needs
   * versioning settled before noncurrent-version rules apply.
   *
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Typed lifecycle rules, validated against S3's constraints before synthesis, written as one
 * `aws_s3_bucket_lifecycle_configuration`. S3 keeps its default of not transitioning objects
 * under 128 KB, whose per-object transition and metadata charges outweigh any saving.
 *
 * @example
 * new LifecycleRules(this, 'lifecycle', {
 *   bucketId: bucket.id,
 *   rules: [...LifecycleRules.DEFAULT_RULES, { id: 'logs', prefix: 'logs/', expirationDays: 90 }],
 * });
 */
export class LifecycleRules extends Construct {
  /** Unfinished multipart uploads are invisible yet billed; a week is ample to finish one. */
  public static readonly DEFAULT_ABORT_INCOMPLETE_UPLOAD_RULE: LifecycleRule = {
    id: 'abort-incomplete-multipart-uploads',
    abortIncompleteMultipartUploadDays: 7,
  };
  /**
   * Overwritten and deleted files stay restorable for a year: a month in Standard for quick
   * rollbacks, then Glacier Flexible Retrieval at about a sixth of the price.
   */
  public static readonly DEFAULT_NONCURRENT_VERSIONS_RULE: LifecycleRule = {
    id: 'noncurrent-versions',
    noncurrentVersionTransitions: [{ storageClass: 'GLACIER', days: 30 }],
    noncurrentVersionExpirationDays: 365,
  };
  /**
   * Files under `archive/` are kept but rarely read: Glacier Flexible Retrieval after 30 days,
   * Deep Archive (the cheapest class, 12-48 h restores) after 180, never deleted.
   */
  public static readonly DEFAULT_ARCHIVE_RULE: LifecycleRule = {
    id: 'archive',
    prefix: 'archive/',
    transitions: [
      { storageClass: 'GLACIER', days: 30 },
      { storageClass: 'DEEP_ARCHIVE', days: 180 },
    ],
  };
  public static readonly DEFAULT_RULES: readonly LifecycleRule[] = [
    LifecycleRules.DEFAULT_ABORT_INCOMPLETE_UPLOAD_RULE,
    LifecycleRules.DEFAULT_NONCURRENT_VERSIONS_RULE,
    LifecycleRules.DEFAULT_ARCHIVE_RULE,
  ];

  public readonly configuration: S3BucketLifecycleConfiguration;
  /** The rules as applied, defaults filled in. */
  public readonly rules: readonly LifecycleRule[];

  constructor(scope: Construct, id: string, props: LifecycleRulesProps) {
    super(scope, id);
    this.rules = props.rules ?? LifecycleRules.DEFAULT_RULES;
    const problems = findLifecycleRuleProblems(this.rules);
    if (problems.length > 0) {
      throw new WebStackError(problems.join('; '), this);
    }
    this.configuration = new S3BucketLifecycleConfiguration(this, 'Resource', {
      bucket: props.bucketId,
      rule: this.rules.map(toTerraformRule),
      dependsOn: props.dependsOn,
    });
  }
}

function toTerraformRule(rule: LifecycleRule): S3BucketLifecycleConfigurationRule {
  const transitions = rule.transitions ?? [];
  const noncurrentTransitions = rule.noncurrentVersionTransitions ?? [];
  return {
    id: rule.id,
    status: rule.enabled === false ? 'Disabled' : 'Enabled',
    // An empty prefix filter is how the provider spells "whole bucket" without a warning.
    filter: [{ prefix: rule.prefix ?? '' }],
    transition: transitions.length > 0 ? transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) : undefined,
    expiration: rule.expirationDays !== undefined ? [{ days: rule.expirationDays }] : undefined,
    noncurrentVersionTransition:
      noncurrentTransitions.length > 0
        ? noncurrentTransitions.map((t) => ({ noncurrentDays: t.days, storageClass: t.storageClass }))
        : undefined,
    noncurrentVersionExpiration:
      rule.noncurrentVersionExpirationDays !== undefined ? [{ noncurrentDays: rule.noncurrentVersionExpirationDays }] : undefined,
    abortIncompleteMultipartUpload:
      rule.abortIncompleteMultipartUploadDays !== undefined
        ? [{ daysAfterInitiation: rule.abortIncompleteMultipartUploadDays }]
        : undefined,
  };
}
