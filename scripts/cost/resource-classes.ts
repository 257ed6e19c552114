import { PriceTable } from './prices';

/** Types with no charge of their own (their cost is in what they configure or carry). */
export const FREE_TYPES = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_internet_gateway',
  'aws_network_acl',
  'aws_network_acl_rule',
  'aws_default_security_group',
  'aws_security_group',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_security_group_rule',
  'aws_launch_template',
  'aws_lb_listener',
  'aws_lb_listener_rule',
  'aws_lb_target_group',
  'aws_autoscaling_policy',
  'aws_db_subnet_group',
  'aws_db_parameter_group',
  'aws_efs_mount_target',
  'aws_efs_backup_policy',
  'aws_efs_access_point',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_instance_profile',
  'aws_iam_policy',
  'aws_iam_group',
  'aws_iam_group_policy_attachment',
  'aws_iam_user',
  'aws_iam_user_group_membership',
  'aws_iam_account_password_policy',
  'aws_lambda_permission',
  'aws_lambda_function_event_invoke_config',
  // One call per apply that changes its input; the function's own line prices its invocations.
  'aws_lambda_invocation',
  // Terraform's own state entry (a replace trigger); nothing in AWS.
  'terraform_data',
  'aws_cloudwatch_event_target',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_website_configuration',
  'aws_s3_object',
  'aws_acm_certificate',
  'aws_acm_certificate_validation',
  'aws_cloudfront_origin_access_control',
  'aws_elastic_beanstalk_application',
  'aws_elastic_beanstalk_application_version',
  'aws_sns_topic_subscription',
  'aws_sns_topic_policy',
  'aws_kms_alias',
]);

/** Types charged by use (requests, log volume, events) that the assumptions do not cover. */
export const USAGE_ONLY_TYPES = new Set([
  'aws_cloudwatch_log_group',
  'aws_sns_topic',
  'aws_cloudwatch_event_rule',
  'aws_cloudtrail',
  'aws_flow_log',
  'aws_route53_record',
  'aws_budgets_budget',
  // Billed per invocation (the redirect distribution's 301s).
  'aws_cloudfront_function',
]);

/** The price of a type billed the same for every resource, whatever its settings. */
export interface FixedPrice {
  readonly service: string;
  /** What one resource is billed for, such as "730 h" or "1 dashboard". */
  readonly quantity: (hoursPerMonth: number) => string;
  readonly monthly: (prices: PriceTable, hoursPerMonth: number) => number;
}

const perHour = (service: string, hourly: (prices: PriceTable) => number): FixedPrice => ({
  service,
  quantity: (hours) => `${hours} h`,
  monthly: (prices, hours) => hourly(prices) * hours,
});

const perMonth = (service: string, what: string, monthly: (prices: PriceTable) => number): FixedPrice => ({
  service,
  quantity: () => what,
  monthly: (prices) => monthly(prices),
});

/** Types with a fixed price per resource: a table instead of a case each in the estimate. */
export const FIXED_PRICE_TYPES: ReadonlyMap<string, FixedPrice> = new Map([
  ['aws_nat_gateway', perHour('NAT gateway', (prices) => prices.natGateway.hour)],
  ['aws_eip', perHour('Public IPv4', (prices) => prices.publicIpv4Hour)],
  ['aws_cloudwatch_metric_alarm', perMonth('CloudWatch', '1 standard alarm', (prices) => prices.cloudwatch.standardAlarmMonth)],
  ['aws_cloudwatch_dashboard', perMonth('CloudWatch', '1 dashboard', (prices) => prices.cloudwatch.dashboardMonth)],
  ['aws_secretsmanager_secret', perMonth('Secrets Manager', '1 secret', (prices) => prices.secretsManager.secretMonth)],
  ['aws_kms_key', perMonth('KMS', '1 customer managed key', (prices) => prices.kms.keyMonth)],
]);
