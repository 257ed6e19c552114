import { applyReadinessRules } from './apply-readiness-rules';
import { PolicyPack } from './pack';
import { PackRule } from './pack-rule';
import { replacementAndTaggingRules } from './replacement-and-tagging-rules';
import { CloudFrontHttpsOnly } from './rules/cloudfront/CloudFrontHttpsOnly';
import { CloudFrontS3OriginAccessControl } from './rules/cloudfront/CloudFrontS3OriginAccessControl';
import { CloudFrontTlsVersion } from './rules/cloudfront/CloudFrontTlsVersion';
import { CloudTrailLogValidation } from './rules/cloudtrail/CloudTrailLogValidation';
import { CloudTrailMultiRegion } from './rules/cloudtrail/CloudTrailMultiRegion';
import { Ec2EbsEncrypted } from './rules/ec2/Ec2EbsEncrypted';
import { Ec2Imdsv2Required } from './rules/ec2/Ec2Imdsv2Required';
import { Ec2NoPublicIpInPrivateSubnet } from './rules/ec2/Ec2NoPublicIpInPrivateSubnet';
import { EfsEncrypted } from './rules/efs/EfsEncrypted';
import { AlbDeletionProtectionInProduction } from './rules/elb/AlbDeletionProtectionInProduction';
import { AlbDropInvalidHeaders } from './rules/elb/AlbDropInvalidHeaders';
import { AlbHttpsWhenCertificate } from './rules/elb/AlbHttpsWhenCertificate';
import { AlbTlsPolicy } from './rules/elb/AlbTlsPolicy';
import { IamNoAdministratorAccess } from './rules/iam/IamNoAdministratorAccess';
import { IamNoWildcardAdmin } from './rules/iam/IamNoWildcardAdmin';
import { LambdaLogGroup } from './rules/lambda/LambdaLogGroup';
import { LambdaSupportedRuntime } from './rules/lambda/LambdaSupportedRuntime';
import { LogGroupRetention } from './rules/logs/LogGroupRetention';
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
import { SecurityGroupDescriptions } from './rules/security-group/SecurityGroupDescriptions';
import { SecurityGroupNoAllPortsIngress } from './rules/security-group/SecurityGroupNoAllPortsIngress';
import { SecurityGroupNoInlineRules } from './rules/security-group/SecurityGroupNoInlineRules';
import { SecurityGroupNoWorldIngress } from './rules/security-group/SecurityGroupNoWorldIngress';
import { StateBucketPreventDestroy } from './rules/state/StateBucketPreventDestroy';
import { StateBucketVersioning } from './rules/state/StateBucketVersioning';
import { SubnetNoAutoPublicIp } from './rules/vpc/SubnetNoAutoPublicIp';
import { VpcDefaultSecurityGroupClosed } from './rules/vpc/VpcDefaultSecurityGroupClosed';
import { VpcFlowLogs } from './rules/vpc/VpcFlowLogs';

/**
 * The project's rules. IDs are stable: a rule that is dropped leaves its ID unused, and a new
 * rule takes the next free number of its service.
 */
export const webStackRules: readonly PackRule[] = [
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
    id: 'WS-EC2-1',
    rule: Ec2Imdsv2Required,
    severity: 'error',
    description: 'EC2 instances and launch templates require IMDSv2 (http_tokens "required").',
    why: "IMDSv1 answers any GET request, so an SSRF bug in the application leaks the instance role's credentials.",
    fix: 'Set metadata_options { http_tokens = "required", http_endpoint = "enabled", http_put_response_hop_limit = 1 }.',
    equivalents: { checkov: ['CKV_AWS_79'], trivy: ['AVD-AWS-0028', 'AVD-AWS-0130'] },
  },
  {
    id: 'WS-EC2-2',
    rule: Ec2EbsEncrypted,
    severity: 'error',
    description: 'EBS volumes of instances, launch templates and standalone volumes are encrypted.',
    why: 'Unencrypted volumes and their snapshots expose data to anyone who can copy or share a snapshot.',
    fix: 'Declare the root volume in block_device_mappings / root_block_device with encrypted = true (or "true" in launch templates).',
    equivalents: { checkov: ['CKV_AWS_3', 'CKV_AWS_8'], trivy: ['AVD-AWS-0026', 'AVD-AWS-0131', 'AVD-AWS-0008'] },
  },
  {
    id: 'WS-EC2-3',
    rule: Ec2NoPublicIpInPrivateSubnet,
    severity: 'error',
    description: 'Instances in private subnets do not get a public IP.',
    why: 'A public IP in a private subnet is unreachable through its route table yet signals a design mistake, and becomes an exposure if routes change.',
    fix: 'Remove associate_public_ip_address (instances and launch template network interfaces) for private subnets; reach them through the load balancer or bastion.',
    equivalents: { checkov: ['CKV_AWS_88'] },
  },
  {
    id: 'WS-SG-1',
    rule: SecurityGroupNoWorldIngress,
    severity: 'error',
    description: "No ingress from 0.0.0.0/0 or ::/0, except web ports 80/443 on an internet-facing load balancer's group.",
    why: 'Anything else open to the internet (SSH, databases, app ports) is scanned and attacked within minutes.',
    fix: 'Allow from specific CIDRs or from another security group (connections.allowFrom); serve the public through the load balancer.',
    equivalents: { checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260'], trivy: ['AVD-AWS-0107'] },
  },
  {
    id: 'WS-SG-2',
    rule: SecurityGroupDescriptions,
    severity: 'error',
    description: 'Security groups and their rules have descriptions.',
    why: 'A rule without a reason cannot be reviewed and is never removed.',
    fix: 'Pass a description to SecurityGroup and to every allowFrom/allowTo call.',
    equivalents: { checkov: ['CKV_AWS_23'], trivy: ['AVD-AWS-0099', 'AVD-AWS-0124'] },
  },
  {
    id: 'WS-SG-3',
    rule: SecurityGroupNoAllPortsIngress,
    severity: 'error',
    description: 'No ingress rule opens all ports or all protocols.',
    why: 'All-ports rules grant far more than any service needs, so one compromised peer reaches everything.',
    fix: 'Allow only the ports the service listens on, such as Port.tcp(3306).',
    equivalents: { checkov: ['CKV_AWS_277'] },
  },
  {
    id: 'WS-SG-4',
    rule: SecurityGroupNoInlineRules,
    severity: 'warning',
    description: 'Security groups keep rules in separate rule resources, not inline blocks.',
    why: 'Inline rules and separate rule resources fight over the same group, and inline rules cannot be added from other constructs.',
    fix: 'Use SecurityGroup and Connections from constructs/, which create one aws_vpc_security_group_*_rule per rule.',
  },
  {
    id: 'WS-VPC-1',
    rule: VpcFlowLogs,
    severity: 'warning',
    description: 'Every VPC has a flow log.',
    why: 'Without flow logs there is no record of who talked to what when investigating an incident.',
    fix: 'Add an aws_flow_log for the VPC (to CloudWatch Logs with a retention, or to S3).',
    equivalents: { checkov: ['CKV2_AWS_11'], trivy: ['AVD-AWS-0178'] },
  },
  {
    id: 'WS-VPC-2',
    rule: VpcDefaultSecurityGroupClosed,
    severity: 'error',
    description: "Every VPC's default security group is managed and has no rules.",
    why: "AWS's default group allows all traffic between its members and all egress; anything launched without a group lands in it.",
    fix: 'Add an aws_default_security_group for the VPC with no ingress and no egress blocks (Network does this).',
    equivalents: { checkov: ['CKV2_AWS_12'] },
  },
  {
    id: 'WS-VPC-3',
    rule: SubnetNoAutoPublicIp,
    severity: 'warning',
    description: 'Subnets do not assign public IPs on launch.',
    why: 'Automatic public IPs expose every instance launched into the subnet, intended or not.',
    fix: 'Set map_public_ip_on_launch = false and give public instances an Elastic IP explicitly.',
    equivalents: { checkov: ['CKV_AWS_130'], trivy: ['AVD-AWS-0164'] },
  },
  {
    id: 'WS-ALB-1',
    rule: AlbDropInvalidHeaders,
    severity: 'error',
    description: 'Application load balancers drop invalid HTTP header fields.',
    why: 'Malformed headers are a request-smuggling vector towards the targets behind the load balancer.',
    fix: 'Set drop_invalid_header_fields = true on the aws_lb.',
    equivalents: { checkov: ['CKV_AWS_131'], trivy: ['AVD-AWS-0052'] },
  },
  {
    id: 'WS-ALB-2',
    rule: AlbHttpsWhenCertificate,
    severity: 'error',
    description: 'HTTPS listeners have a certificate, and with a certificate every HTTP listener redirects to HTTPS.',
    why: 'Serving the same site over plain HTTP next to HTTPS lets users (and their session cookies) stay on the unencrypted path.',
    fix: 'Make the port 80 listener\'s default_action a redirect with protocol "HTTPS" and status_code "HTTP_301".',
    equivalents: { checkov: ['CKV_AWS_2', 'CKV2_AWS_20'], trivy: ['AVD-AWS-0054'] },
  },
  {
    id: 'WS-ALB-3',
    rule: AlbDeletionProtectionInProduction,
    severity: 'error',
    description: 'Production load balancers have deletion protection.',
    why: 'Deleting the production load balancer takes the site down and changes its DNS name.',
    fix: 'Set enable_deletion_protection = true when the environment is production.',
    equivalents: { checkov: ['CKV_AWS_150'] },
  },
  {
    id: 'WS-ALB-4',
    rule: AlbTlsPolicy,
    severity: 'warning',
    description: 'HTTPS listeners accept TLS 1.2 or newer only.',
    why: "The provider's default policy (ELBSecurityPolicy-2016-08) still accepts TLS 1.0 and 1.1, which have known weaknesses.",
    fix: 'Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06".',
    equivalents: { checkov: ['CKV_AWS_103'], trivy: ['AVD-AWS-0047'] },
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
    id: 'WS-IAM-1',
    rule: IamNoWildcardAdmin,
    severity: 'error',
    description: 'No IAM policy allows Action "*" on Resource "*".',
    why: 'A full-admin statement turns any compromise of the principal into a compromise of the account.',
    fix: 'List the actions and resources the principal needs (policyDocument() with specific statements).',
    equivalents: { checkov: ['CKV_AWS_1', 'CKV_AWS_62', 'CKV_AWS_63'], trivy: ['AVD-AWS-0057'] },
  },
  {
    id: 'WS-IAM-2',
    rule: IamNoAdministratorAccess,
    severity: 'error',
    description: 'The AdministratorAccess managed policy is attached to no role, user or group.',
    why: 'Same as a wildcard statement, but easy to overlook in a list of attachments.',
    fix: 'Attach narrower managed policies or write a least-privilege policy.',
    equivalents: { checkov: ['CKV_AWS_274'] },
  },
  {
    id: 'WS-TRAIL-1',
    rule: CloudTrailLogValidation,
    severity: 'error',
    description: 'CloudTrail trails validate their log files.',
    why: 'Digest files are the only way to prove that delivered logs were not altered or deleted after an incident.',
    fix: 'Set enable_log_file_validation = true.',
    equivalents: { checkov: ['CKV_AWS_36'], trivy: ['AVD-AWS-0016'] },
  },
  {
    id: 'WS-TRAIL-2',
    rule: CloudTrailMultiRegion,
    severity: 'warning',
    description: 'CloudTrail trails cover every region.',
    why: 'Activity in a region you do not use (a favourite for crypto-mining) is otherwise not recorded.',
    fix: 'Set is_multi_region_trail = true.',
    equivalents: { checkov: ['CKV_AWS_67'], trivy: ['AVD-AWS-0014'] },
  },
  {
    id: 'WS-LAMBDA-1',
    rule: LambdaSupportedRuntime,
    severity: 'error',
    description: 'Lambda functions use a runtime that is not deprecated.',
    why: 'Deprecated runtimes get no security patches, and AWS eventually blocks updates to functions that use them.',
    fix: 'Use a supported runtime such as nodejs22.x (NodeFunction.DEFAULT_RUNTIME).',
  },
  {
    id: 'WS-LAMBDA-2',
    rule: LambdaLogGroup,
    severity: 'warning',
    description: 'Lambda functions have their log group in the stack.',
    why: 'The group Lambda creates on first use keeps logs forever and is left behind by terraform destroy.',
    fix: 'Create aws_cloudwatch_log_group "/aws/lambda/<function name>" with a retention (NodeFunction does), or set logging_config.log_group.',
  },
  {
    id: 'WS-LOGS-1',
    rule: LogGroupRetention,
    severity: 'warning',
    description: 'CloudWatch log groups have a retention period.',
    why: 'Log storage is billed per GB-month; without retention it grows forever.',
    fix: 'Set retention_in_days (for example 30, or 365 for audit logs).',
    equivalents: { checkov: ['CKV_AWS_66'] },
  },
  {
    id: 'WS-CF-1',
    rule: CloudFrontHttpsOnly,
    severity: 'error',
    description: 'CloudFront cache behaviors redirect HTTP to HTTPS (or refuse HTTP).',
    why: '"allow-all" serves the site over plain HTTP, open to tampering and eavesdropping.',
    fix: 'Set viewer_protocol_policy = "redirect-to-https" on every cache behavior.',
    equivalents: { checkov: ['CKV_AWS_34'], trivy: ['AVD-AWS-0012'] },
  },
  {
    id: 'WS-CF-2',
    rule: CloudFrontTlsVersion,
    severity: 'warning',
    description: 'CloudFront distributions with their own certificate accept TLS 1.2 or newer only.',
    why: 'Older TLS versions have known weaknesses and are no longer needed by current browsers.',
    fix: 'Set viewer_certificate.minimum_protocol_version = "TLSv1.2_2021".',
    equivalents: { checkov: ['CKV_AWS_174'], trivy: ['AVD-AWS-0013'] },
  },
  {
    id: 'WS-CF-3',
    rule: CloudFrontS3OriginAccessControl,
    severity: 'error',
    description: 'CloudFront reads S3 bucket origins through origin access control.',
    why: 'Without OAC the bucket must be public for CloudFront to read it, and visitors can bypass CloudFront.',
    fix: 'Create an aws_cloudfront_origin_access_control and set origin_access_control_id on the S3 origin; allow it in the bucket policy.',
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
  ...replacementAndTaggingRules,
  ...applyReadinessRules,
];

/** The default pack: every rule of `webStackRules`. */
export const webStackRulePack = new PolicyPack(webStackRules);
