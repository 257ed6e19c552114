// Which resources hold data: the one list the policy pack (production protection), the address
// snapshot (which renames lose data) and the change check read, so they never disagree.

/**
 * Resource types whose replacement or destruction loses data that Terraform cannot recreate:
 * databases, file systems, buckets (the state bucket is one), secrets, keys and volumes. A new
 * one comes up empty. Caches, queues and log groups are left out: their content is transient
 * or kept elsewhere, and flagging them would train people to wave every warning through.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  // Databases and their storage.
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_docdb_cluster',
  'aws_neptune_cluster',
  'aws_redshift_cluster',
  'aws_dynamodb_table',
  'aws_opensearch_domain',
  'aws_elasticsearch_domain',
  // File systems and volumes.
  'aws_efs_file_system',
  'aws_ebs_volume',
  'aws_fsx_lustre_file_system',
  'aws_fsx_ontap_file_system',
  'aws_fsx_openzfs_file_system',
  'aws_fsx_windows_file_system',
  // Object stores (the website buckets and the Terraform state bucket are aws_s3_bucket).
  'aws_s3_bucket',
  'aws_s3_directory_bucket',
  'aws_glacier_vault',
  'aws_ecr_repository',
  'aws_backup_vault',
  // Secrets and the keys that decrypt everything above: a replaced key leaves its data unreadable.
  'aws_secretsmanager_secret',
  'aws_kms_key',
]);

/** True for a Terraform resource type that holds data (`STATEFUL_TYPES`). */
export function isStatefulType(type: string): boolean {
  return STATEFUL_TYPES.has(type);
}
