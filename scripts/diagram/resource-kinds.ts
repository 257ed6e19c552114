import { TfResource } from '../cli/terraform-json';

/** How a Terraform resource type appears in the diagram. */
export interface NodeKind {
  /** First line of the label: what the thing is. */
  readonly title: string;
  /** Graphviz node shape. */
  readonly shape: string;
  /** Fill colour (AWS console-like category colours). */
  readonly color: string;
  /** An extra label line from the resource's attributes (the `related` resources it references resolved). */
  readonly detail?: (body: Record<string, any>, related: (address: unknown) => TfResource | undefined) => string | undefined;
}

const COMPUTE = '#fde3c7';
const NETWORK = '#e3d7f5';
const DATABASE = '#d6e4fb';
const STORAGE = '#d9f2d9';
const OPERATIONS = '#f9d6e3';
const EDGE = '#eeeeee';

/** The instance type of an instance or group, following its launch template when it has one. */
function instanceTypeOf(body: Record<string, any>, related: (address: unknown) => TfResource | undefined): string | undefined {
  if (typeof body.instance_type === 'string') return body.instance_type;
  const template = related(body.launch_template?.id ?? body.launch_template?.[0]?.id ?? body.mixed_instances_policy);
  return typeof template?.body.instance_type === 'string' ? template.body.instance_type : undefined;
}

/**
 * Terraform types drawn as nodes. Any type not listed is left out of the diagram (rules, policies,
 * associations, tags); a type added here shows up wherever the stacks create it.
 */
export const NODE_KINDS: Readonly<Record<string, NodeKind>> = {
  aws_subnet: {
    title: 'subnet',
    shape: 'box',
    color: NETWORK,
    detail: (body) => (typeof body.cidr_block === 'string' ? body.cidr_block : undefined),
  },
  aws_internet_gateway: { title: 'Internet gateway', shape: 'invhouse', color: NETWORK },
  aws_nat_gateway: { title: 'NAT gateway', shape: 'octagon', color: NETWORK },
  aws_vpc_endpoint: {
    title: 'VPC endpoint',
    shape: 'cds',
    color: NETWORK,
    detail: (body) =>
      [
        String(body.service_name ?? '')
          .split('.')
          .pop(),
        body.vpc_endpoint_type,
      ]
        .filter(Boolean)
        .join(', '),
  },
  aws_lb: {
    title: 'Load balancer',
    shape: 'doubleoctagon',
    color: NETWORK,
    detail: (body) => `${body.load_balancer_type ?? 'application'}${body.internal ? ', internal' : ', internet-facing'}`,
  },
  aws_instance: { title: 'EC2 instance', shape: 'box3d', color: COMPUTE, detail: instanceTypeOf },
  aws_autoscaling_group: {
    title: 'Auto Scaling group',
    shape: 'box3d',
    color: COMPUTE,
    detail: (body, related) => `${body.min_size ?? '?'}-${body.max_size ?? '?'} x ${instanceTypeOf(body, related) ?? 'instances'}`,
  },
  aws_elastic_beanstalk_environment: { title: 'Elastic Beanstalk environment', shape: 'box3d', color: COMPUTE },
  aws_lambda_function: {
    title: 'Lambda function',
    shape: 'component',
    color: COMPUTE,
    detail: (body) => (typeof body.runtime === 'string' ? body.runtime : undefined),
  },
  aws_db_instance: {
    title: 'RDS database',
    shape: 'cylinder',
    color: DATABASE,
    detail: (body) => [body.engine, body.instance_class, body.multi_az ? 'Multi-AZ' : undefined].filter(Boolean).join(', '),
  },
  aws_rds_cluster: { title: 'Aurora cluster', shape: 'cylinder', color: DATABASE },
  aws_efs_file_system: { title: 'EFS file system', shape: 'folder', color: STORAGE },
  aws_efs_mount_target: { title: 'EFS mount target', shape: 'tab', color: STORAGE },
  aws_s3_bucket: { title: 'S3 bucket', shape: 'cylinder', color: STORAGE },
  aws_cloudfront_distribution: { title: 'CloudFront distribution', shape: 'hexagon', color: EDGE },
  aws_cloudtrail: { title: 'CloudTrail trail', shape: 'note', color: OPERATIONS },
  aws_flow_log: { title: 'VPC flow log', shape: 'note', color: OPERATIONS },
  aws_sns_topic: { title: 'SNS topic', shape: 'parallelogram', color: OPERATIONS },
  aws_cloudwatch_event_rule: { title: 'EventBridge rule', shape: 'parallelogram', color: OPERATIONS },
};

/** Types that never become nodes but place and connect what references them. */
export const NETWORK_TYPES = {
  vpc: 'aws_vpc',
  subnet: 'aws_subnet',
  securityGroup: 'aws_security_group',
  ingressRule: 'aws_vpc_security_group_ingress_rule',
  route: 'aws_route',
  routeTableAssociation: 'aws_route_table_association',
} as const;

/** The name a person knows the resource by: its Name tag, name, bucket or identifier. */
export function displayName(resource: TfResource): string {
  const body = resource.body;
  const candidates = [body.tags?.Name, body.name, body.bucket, body.identifier, body.function_name, body.creation_token];
  const found = candidates.find((value) => typeof value === 'string' && !value.includes('${'));
  if (found) return found;
  if (typeof body.bucket_prefix === 'string') return `${body.bucket_prefix}*`;
  // The construct ID of the resource (or of its parent, when the resource is the parent's 'Resource').
  const segments = String(body['//']?.metadata?.path ?? resource.name).split('/');
  const last = segments.pop();
  return (last === 'Resource' ? segments.pop() : last) ?? resource.name;
}

/**
 * A more specific title for a node that another resource configures: a bucket with a website
 * configuration is the website bucket.
 */
export const TITLE_FROM_REFERRER: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_s3_bucket: { aws_s3_bucket_website_configuration: 'S3 website bucket' },
};

/** The protocol and port range of a security group rule, as in "tcp/443" or "all". */
export function portLabel(rule: Record<string, any>): string {
  const protocol = String(rule.ip_protocol ?? rule.protocol ?? 'tcp');
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  const from = rule.from_port;
  const to = rule.to_port ?? from;
  if (from === undefined) return protocol;
  return from === to ? `${protocol}/${from}` : `${protocol}/${from}-${to}`;
}
