import { PackRule } from './pack-rule';
import { EfsEncrypted } from './rules/efs/EfsEncrypted';
import { RdsBackupRetention } from './rules/rds/RdsBackupRetention';
import { RdsDeletionProtectionInProduction } from './rules/rds/RdsDeletionProtectionInProduction';
import { RdsManagedPassword } from './rules/rds/RdsManagedPassword';
import { RdsNotPublic } from './rules/rds/RdsNotPublic';
import { RdsStorageEncrypted } from './rules/rds/RdsStorageEncrypted';
import { S3BucketEncryption } from './rules/s3/S3BucketEncryption';
import { S3BucketLifecycle } from './rules/s3/S3BucketLifecycle';
import { S3BucketNoPublicAcl } from './rules/s3/S3BucketNoPublicAcl';
import { S3BucketPolicyNotPublic } from './rules/s3/S3BucketPolicyNotPublic';
import { S3BucketPublicAccessBlock } from './rules/s3/S3BucketPublicAccessBlock';
import { S3BucketTlsOnly } from './rules/s3/S3BucketTlsOnly';
import { S3BucketVersioning } from './rules/s3/S3BucketVersioning';
import { StateBucketPreventDestroy } from './rules/state/StateBucketPreventDestroy';
import { StateBucketVersioning } from './rules/state/StateBucketVersioning';

/**
 * Rules for where data rests: buckets, databases, file systems and the Terraform state are
 * encrypted, not public, versioned or backed up, and protected from deletion. Part of the default
 * pack (`webStackRules`); the pack is split by what a rule protects so each list stays readable.
 */
export const dataProtectionRules: readonly PackRule[] = [
  {
    id: 'WS-S3-1',
    rule: S3BucketPublicAccessBlock,
    severity: 'error',
    description: 'S3 buckets have a public access block with all four settings on.',
    why: 'The block stops a later ACL or bucket policy from making data public by mistake; it is the account-independent safety net.',
    fix: 'Add an aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets set to true.',
    equivalents: {
      checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
      trivy: ['AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094'],
    },
  },
  {
    id: 'WS-S3-2',
    rule: S3BucketEncryption,
    severity: 'warning',
    description: 'S3 buckets declare default encryption.',
    why: 'S3 applies SSE-S3 to new objects anyway since 2023, but declaring it documents the choice and is where KMS is switched on.',
    fix: 'Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "AES256" or "aws:kms".',
    equivalents: { checkov: ['CKV_AWS_19'], trivy: ['AVD-AWS-0088'] },
  },
  {
    id: 'WS-S3-3',
    rule: S3BucketVersioning,
    severity: 'warning',
    description: 'S3 buckets have versioning enabled.',
    why: 'Versions let you recover objects that were overwritten or deleted by mistake.',
    fix: 'Add an aws_s3_bucket_versioning with versioning_configuration.status "Enabled" (and a lifecycle rule expiring noncurrent versions).',
    equivalents: { checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'] },
  },
  {
    id: 'WS-S3-4',
    rule: S3BucketTlsOnly,
    severity: 'error',
    description: 'S3 bucket policies deny requests made without TLS.',
    why: 'Without the deny, clients may read and write the bucket over plain HTTP, exposing data and credentials-signed requests in transit.',
    fix: 'Add an aws_s3_bucket_policy with denyInsecureTransport(bucket.arn) from constructs/policy-document.ts.',
  },
  {
    id: 'WS-S3-5',
    rule: S3BucketLifecycle,
    severity: 'warning',
    description: 'S3 buckets have an enabled lifecycle rule.',
    why: 'Without expiry, noncurrent versions and incomplete multipart uploads accumulate and are paid for forever.',
    fix: 'Add an aws_s3_bucket_lifecycle_configuration that expires noncurrent versions and aborts incomplete multipart uploads.',
    equivalents: { checkov: ['CKV2_AWS_61'] },
  },
  {
    id: 'WS-S3-6',
    rule: S3BucketNoPublicAcl,
    severity: 'error',
    description: 'No S3 ACL grants access to everyone or to all AWS accounts.',
    why: 'ACL grants to AllUsers or AuthenticatedUsers publish the bucket to the internet, bypassing the bucket policy review.',
    fix: 'Remove the public ACL; keep the bucket owner-enforced and grant access through the bucket policy.',
    equivalents: { checkov: ['CKV_AWS_20', 'CKV_AWS_57'], trivy: ['AVD-AWS-0092'] },
  },
  {
    id: 'WS-S3-7',
    rule: S3BucketPolicyNotPublic,
    severity: 'error',
    description: 'No S3 bucket policy allows anything to everyone without a condition.',
    why: 'An unconditional Allow for Principal "*" makes the objects readable (or writable) by anyone on the internet.',
    fix: 'Grant to specific principals (CloudFront through origin access control, roles); suppress with a reason only for deliberate public website hosting.',
  },
  {
    id: 'WS-RDS-1',
    rule: RdsStorageEncrypted,
    severity: 'error',
    description: 'RDS instances and clusters encrypt their storage.',
    why: 'Unencrypted database storage, snapshots and backups expose the data to anyone who can copy them; encryption cannot be added later without a restore.',
    fix: 'Set storage_encrypted = true (optionally with kms_key_id).',
    equivalents: { checkov: ['CKV_AWS_16'], trivy: ['AVD-AWS-0080', 'AVD-AWS-0079'] },
  },
  {
    id: 'WS-RDS-2',
    rule: RdsNotPublic,
    severity: 'error',
    description: 'Databases are not publicly accessible.',
    why: 'A public endpoint leaves only the password between the internet and the data.',
    fix: "Set publicly_accessible = false and place the database in private subnets; reach it from the web tier's security group.",
    equivalents: { checkov: ['CKV_AWS_17'], trivy: ['AVD-AWS-0082'] },
  },
  {
    id: 'WS-RDS-3',
    rule: RdsBackupRetention,
    severity: 'error',
    description: 'Databases keep automated backups: at least 1 day, at least 7 in production.',
    why: 'Without retained backups there is no point-in-time recovery after data loss or a bad migration.',
    fix: 'Set backup_retention_period (7 or more in production).',
    equivalents: { checkov: ['CKV_AWS_133'], trivy: ['AVD-AWS-0077'] },
  },
  {
    id: 'WS-RDS-4',
    rule: RdsDeletionProtectionInProduction,
    severity: 'error',
    description: 'Production databases have deletion protection.',
    why: 'A mistaken destroy or replacement of the production database loses the data newer than the last snapshot.',
    fix: 'Set deletion_protection = true when the environment is production.',
    equivalents: { checkov: ['CKV_AWS_293'], trivy: ['AVD-AWS-0177'] },
  },
  {
    id: 'WS-RDS-5',
    rule: RdsManagedPassword,
    severity: 'error',
    description: 'The master password is managed by RDS (Secrets Manager) or passed write-only, never written in the configuration.',
    why: 'A password attribute ends up in the synthesized JSON and in the Terraform state in clear text.',
    fix: 'Set manage_master_user_password = true (or use password_wo with password_wo_version).',
  },
  {
    id: 'WS-EFS-1',
    rule: EfsEncrypted,
    severity: 'error',
    description: 'EFS file systems are encrypted at rest.',
    why: 'Shared file systems hold uploads and configuration; encryption cannot be turned on after creation.',
    fix: 'Set encrypted = true on the aws_efs_file_system.',
    equivalents: { checkov: ['CKV_AWS_42'], trivy: ['AVD-AWS-0037'] },
  },
  {
    id: 'WS-STATE-1',
    rule: StateBucketPreventDestroy,
    severity: 'error',
    description: 'The Terraform state bucket has lifecycle prevent_destroy.',
    why: 'Destroying the state bucket loses the state of every stack, orphaning all their resources.',
    fix: "Keep StateBucket's preventDestroy at its default (true).",
  },
  {
    id: 'WS-STATE-2',
    rule: StateBucketVersioning,
    severity: 'error',
    description: 'The Terraform state bucket has versioning enabled.',
    why: 'State versions are the only way back from a corrupted state or a bad apply.',
    fix: 'Add aws_s3_bucket_versioning with status "Enabled" (StateBucket does).',
    equivalents: { checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'] },
  },
];
