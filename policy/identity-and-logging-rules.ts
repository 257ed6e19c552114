import { PackRule } from './pack-rule';
import { CloudTrailLogValidation } from './rules/cloudtrail/CloudTrailLogValidation';
import { CloudTrailMultiRegion } from './rules/cloudtrail/CloudTrailMultiRegion';
import { IamNoAdministratorAccess } from './rules/iam/IamNoAdministratorAccess';
import { IamNoWildcardAdmin } from './rules/iam/IamNoWildcardAdmin';
import { LambdaLogGroup } from './rules/lambda/LambdaLogGroup';
import { LambdaSupportedRuntime } from './rules/lambda/LambdaSupportedRuntime';
import { LogGroupRetention } from './rules/logs/LogGroupRetention';

/**
 * Rules for who may do what and what is recorded: IAM permissions, CloudTrail, and functions and
 * log groups whose logs are kept (and paid for) for a set time on a patched runtime. Part of the
 * default pack (`webStackRules`); the pack is split by what a rule protects so each list stays
 * readable.
 */
export const identityAndLoggingRules: readonly PackRule[] = [
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
];
