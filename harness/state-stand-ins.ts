// Stand-ins for the values only AWS knows (ids, ARNs, endpoints), in the shape AWS gives them:
// the provider validates known values, so an ARN must parse as one and a CIDR as a CIDR. Each is
// derived from the resource's address, so the same base always gets the same stand-ins and two
// runs of the check compare equal.
import { createHash } from 'crypto';
import { CtyType } from './provider-schema';

/** Where the stand-ins live: the stack's region and account. */
export interface StandInContext {
  readonly region: string;
  readonly account: string;
}

/** The attributes that carry a resource's own name, in the order a stand-in ARN takes the first set. */
export const NAME_ATTRIBUTES = ['name', 'bucket', 'identifier'] as const;

/** The account stand-in ARNs carry when the stack pins none (`allowed_account_ids`). */
export const STAND_IN_ACCOUNT = '123456789012';

/** Id prefixes AWS gives resources whose id is generated, by Terraform type. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_security_group: 'sg',
  aws_default_security_group: 'sg',
  aws_internet_gateway: 'igw',
  aws_egress_only_internet_gateway: 'eigw',
  aws_nat_gateway: 'nat',
  aws_route_table: 'rtb',
  aws_default_route_table: 'rtb',
  aws_route_table_association: 'rtbassoc',
  aws_network_acl: 'acl',
  aws_default_network_acl: 'acl',
  aws_eip: 'eipalloc',
  aws_instance: 'i',
  aws_launch_template: 'lt',
  aws_network_interface: 'eni',
  aws_ebs_volume: 'vol',
  aws_efs_file_system: 'fs',
  aws_efs_mount_target: 'fsmt',
  aws_efs_access_point: 'fsap',
  aws_vpc_endpoint: 'vpce',
  aws_flow_log: 'fl',
  aws_vpc_security_group_ingress_rule: 'sgr',
  aws_vpc_security_group_egress_rule: 'sgr',
  aws_db_instance: 'db',
  aws_key_pair: 'key',
  aws_ami: 'ami',
  aws_elastic_beanstalk_environment: 'e',
  aws_cloudfront_distribution: 'E',
  aws_route53_zone: 'Z',
};

/** The ARN service of a Terraform type, by its longest matching prefix. */
const ARN_SERVICES: readonly (readonly [string, string])[] = [
  ['aws_iam_', 'iam'],
  ['aws_s3_', 's3'],
  ['aws_lb', 'elasticloadbalancing'],
  ['aws_alb', 'elasticloadbalancing'],
  ['aws_db_', 'rds'],
  ['aws_rds_', 'rds'],
  ['aws_efs_', 'elasticfilesystem'],
  ['aws_secretsmanager_', 'secretsmanager'],
  ['aws_sns_', 'sns'],
  ['aws_sqs_', 'sqs'],
  ['aws_lambda_', 'lambda'],
  ['aws_cloudwatch_log_', 'logs'],
  ['aws_cloudwatch_event_', 'events'],
  ['aws_cloudwatch_', 'cloudwatch'],
  ['aws_kms_', 'kms'],
  ['aws_acm_', 'acm'],
  ['aws_elastic_beanstalk_', 'elasticbeanstalk'],
  ['aws_cloudfront_', 'cloudfront'],
  ['aws_route53_', 'route53'],
  ['aws_ssm_', 'ssm'],
  ['aws_autoscaling_', 'autoscaling'],
  ['aws_dynamodb_', 'dynamodb'],
  ['aws_ecr_', 'ecr'],
  ['aws_backup_', 'backup'],
  ['aws_wafv2_', 'wafv2'],
];

/** The resource type an `*_arn` attribute points at, by a word of its name. */
const ARN_ATTRIBUTE_TYPES: readonly (readonly [string, string])[] = [
  ['secret', 'aws_secretsmanager_secret'],
  ['kms_key', 'aws_kms_key'],
  ['role', 'aws_iam_role'],
  ['policy', 'aws_iam_policy'],
  ['instance_profile', 'aws_iam_instance_profile'],
  ['topic', 'aws_sns_topic'],
  ['queue', 'aws_sqs_queue'],
  ['log_group', 'aws_cloudwatch_log_group'],
  ['target_group', 'aws_lb_target_group'],
  ['load_balancer', 'aws_lb'],
  ['certificate', 'aws_acm_certificate'],
  ['function', 'aws_lambda_function'],
  ['bucket', 'aws_s3_bucket'],
];

/** Hex digits derived from a seed: stable across runs, different for every address and attribute. */
export function stableHex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function arnService(type: string): string {
  return ARN_SERVICES.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'ec2';
}

/** A valid ARN for a resource: the forms the provider's validators accept for the common services. */
export function standInArn(type: string, name: string, context: StandInContext): string {
  const service = arnService(type);
  const { region, account } = context;
  const kind = type.replace(/^aws_/, '').replace(/^(iam|s3|lb|db|sns|sqs|lambda|kms|ssm)_/, '');
  switch (service) {
    case 'iam':
      return `arn:aws:iam::${account}:${kind}/${name}`;
    case 's3':
      return `arn:aws:s3:::${name}`;
    case 'sns':
    case 'sqs':
      return `arn:aws:${service}:${region}:${account}:${name}`;
    case 'lambda':
      return `arn:aws:lambda:${region}:${account}:function:${name}`;
    case 'logs':
      return `arn:aws:logs:${region}:${account}:log-group:${name}`;
    case 'secretsmanager':
      return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${stableHex(name, 6)}`;
    case 'cloudfront':
    case 'route53':
      return `arn:aws:${service}::${account}:${kind}/${name}`;
    default:
      return `arn:aws:${service}:${region}:${account}:${kind}/${name}`;
  }
}

/** The id AWS would give a resource of this type: `vpc-0123456789abcdef0`-style, or its name. */
export function standInId(type: string, address: string, knownName: string | undefined): string {
  const prefix = ID_PREFIXES[type];
  if (prefix) return `${prefix}-0${stableHex(address, 16)}`;
  return knownName ?? `${type.replace(/^aws_/, '').replace(/_/g, '-')}-${stableHex(address, 12)}`;
}

/** A stand-in for one string attribute, chosen by its name. */
function standInString(type: string, address: string, attribute: string, name: string, context: StandInContext): string {
  if (attribute === 'id') return standInId(type, address, name);
  if (attribute === 'arn') return standInArn(type, name, context);
  if (attribute.endsWith('_arn')) {
    // The ARN of another kind of resource, by what the attribute names (secret_arn, role_arn).
    const kind = ARN_ATTRIBUTE_TYPES.find(([word]) => attribute.includes(word))?.[1] ?? type;
    return standInArn(kind, `${name}-${attribute.replace(/_arn$/, '')}`, context);
  }
  // The record an ACM certificate asks for to prove the domain (domain_validation_options).
  if (attribute.endsWith('record_type')) return 'CNAME';
  if (attribute.includes('ipv6_cidr')) return `2001:db8:${stableHex(address, 4)}::/56`;
  if (attribute.includes('cidr')) return '10.255.0.0/16';
  if (attribute === 'owner_id' || attribute.endsWith('account_id')) return context.account;
  if (attribute === 'availability_zone') return `${context.region}a`;
  if (attribute.endsWith('ip') || attribute.endsWith('_ip_address') || attribute === 'private_ip' || attribute === 'public_ip') {
    return `10.255.${parseInt(stableHex(address, 2), 16)}.${parseInt(stableHex(`${address}/${attribute}`, 2), 16)}`;
  }
  if (
    attribute === 'endpoint' ||
    attribute === 'address' ||
    attribute.endsWith('dns_name') ||
    attribute.endsWith('domain_name') ||
    attribute.endsWith('hostname')
  ) {
    return `${name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.${stableHex(address, 8)}.${context.region}.offline.invalid`;
  }
  if (attribute.endsWith('_id') || attribute.endsWith('_ids'))
    return standInId(attribute.replace(/_ids?$/, ''), `${address}/${attribute}`, undefined);
  return `offline-${stableHex(`${address}/${attribute}`, 12)}`;
}

/**
 * A stand-in of cty type `type` for an attribute AWS computes. `attribute` is the last name in
 * its path (it picks the shape), `name` the resource's own name where known (ARNs carry it).
 */
export function standInValue(
  type: CtyType,
  resourceType: string,
  address: string,
  attribute: string,
  name: string,
  context: StandInContext,
): unknown {
  if (type === 'string') return standInString(resourceType, address, attribute, name, context);
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (Array.isArray(type)) {
    const [kind, inner] = type;
    if (kind === 'list' || kind === 'set') return [];
    if (kind === 'map') return {};
    if (kind === 'object') {
      return Object.fromEntries(
        Object.entries(inner as Record<string, CtyType>).map(([key, innerType]) => [
          key,
          standInValue(innerType, resourceType, `${address}/${attribute}`, key, name, context),
        ]),
      );
    }
  }
  return null;
}
