import { PackRule } from './pack-rule';
import { Ec2UserDataSize } from './rules/ec2/Ec2UserDataSize';
import { LoadBalancerNameLength } from './rules/elb/LoadBalancerNameLength';
import { AccountWideNamePrefix } from './rules/naming/AccountWideNamePrefix';
import { AlarmTopicNotAwsManagedKey } from './rules/sns/AlarmTopicNotAwsManagedKey';
import { ProviderAllowedAccountIds } from './rules/terraform/ProviderAllowedAccountIds';
import { TerraformRequiredVersion } from './rules/terraform/TerraformRequiredVersion';

/**
 * Rules for what an offline plan cannot show but the first apply in a fresh account trips over.
 * Part of `webStackRules`; kept in their own file so the pack's list stays readable.
 */
export const applyReadinessRules: readonly PackRule[] = [
  {
    id: 'WS-TF-1',
    rule: TerraformRequiredVersion,
    severity: 'error',
    description: "Every stack's terraform block sets required_version to 1.10 or newer.",
    why: 'The S3 backend keeps its lock in a .tflock object (use_lockfile), which older Terraform ignores: two applies could then run at once on the same state.',
    fix: 'Set terraform.required_version = ">= 1.10" (BaseStack does).',
  },
  {
    id: 'WS-TF-2',
    rule: ProviderAllowedAccountIds,
    severity: 'error',
    description: 'Every AWS provider lists the configured account in allowed_account_ids.',
    why: 'Credentials for the wrong account (or a leftover placeholder account ID) are otherwise found out deep into an apply, after resources were created in the wrong place.',
    fix: "Set allowed_account_ids = [<account ID>] on every aws provider, aliases included (BaseStack does when the project's account is configured).",
  },
  {
    id: 'WS-SNS-1',
    rule: AlarmTopicNotAwsManagedKey,
    severity: 'error',
    description: 'Alarm actions do not notify an SNS topic encrypted with the AWS managed key (alias/aws/sns).',
    why: 'CloudWatch cannot use alias/aws/sns, whose key policy cannot be changed: the alarm fires and every notification is dropped without an error.',
    fix: 'Leave the alarm topic unencrypted (it holds only alarm states), or encrypt it with a customer managed KMS key whose policy allows cloudwatch.amazonaws.com.',
  },
  {
    id: 'WS-ALB-5',
    rule: LoadBalancerNameLength,
    severity: 'error',
    description: 'Load balancer and target group names have at most 32 characters (name_prefix at most 6).',
    why: 'The plan accepts longer names; the Elastic Load Balancing API rejects them at apply, after the rest of the stack was created.',
    fix: 'Shorten the name (for example the project or environment part), or use a name_prefix of up to 6 characters.',
  },
  {
    id: 'WS-EC2-4',
    rule: Ec2UserDataSize,
    severity: 'error',
    description:
      'User data sends at most 16 KB (literal text plus every interpolated value at its longest; after compression for base64gzip).',
    why: 'EC2 refuses larger user data when it launches the instance, so the plan succeeds and the Auto Scaling group never gets a healthy instance.',
    fix: 'Compress the script (base64gzip, which cloud-init decompresses), move bulk (configuration files, packages) out of it to fetch from S3 or SSM at boot, or shorten it.',
  },
  {
    id: 'WS-NAME-1',
    rule: AccountWideNamePrefix,
    severity: 'error',
    description:
      "Account-wide names (IAM groups, policies, roles, users, instance profiles, trails, log groups, SNS topics, buckets) start with the project's prefix.",
    why: 'These names are unique in the account (buckets worldwide): without the prefix the first apply fails with EntityAlreadyExists wherever a resource of that name exists.',
    fix: 'Name the resource "<project>-..." (log groups: one path segment, such as /aws/lambda/<project>-...). S3 website-hosting buckets must be named after their host name and are exempt.',
  },
];
