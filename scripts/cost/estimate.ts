import { referenceOf, resourcesOfStack, StackInput, TfResource } from '../cli/terraform-json';
import { compareNatLayouts, round, s3EndpointSaving } from './lessons';
import { PriceTable } from './prices';
import { FIXED_PRICE_TYPES, FREE_TYPES, USAGE_ONLY_TYPES } from './resource-classes';

/** What the estimate cannot read from the stacks: usage. Each figure is printed with the result. */
export interface Assumptions {
  /** Hours a resource runs per month. */
  readonly hoursPerMonth: number;
  /** GB per month the NAT gateways process (all zones together), S3 traffic not included. */
  readonly natGbProcessed: number;
  /** GB per month private instances exchange with S3 (package repositories, backups, media). */
  readonly s3GbFromPrivateSubnets: number;
  /** Load balancer capacity units used on average per load balancer. */
  readonly loadBalancerLcus: number;
  /** GB stored per EFS file system in the Standard class. */
  readonly efsStandardGb: number;
  /** GB stored per EFS file system in Infrequent Access. */
  readonly efsInfrequentAccessGb: number;
  /** GB stored per S3 bucket in S3 Standard. */
  readonly s3StandardGbPerBucket: number;
  /** Invocations per Lambda function per month (one a minute is 43,800). */
  readonly lambdaInvocations: number;
  /** Average run time of one invocation, in seconds. */
  readonly lambdaSeconds: number;
  /** GB per month each CloudFront distribution serves. */
  readonly cloudFrontGbOut: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  hoursPerMonth: 730,
  natGbProcessed: 100,
  s3GbFromPrivateSubnets: 50,
  loadBalancerLcus: 1,
  efsStandardGb: 10,
  efsInfrequentAccessGb: 0,
  s3StandardGbPerBucket: 5,
  lambdaInvocations: 43800,
  lambdaSeconds: 1,
  cloudFrontGbOut: 10,
};

/** One priced line: what, how much of it, what it costs a month. */
export interface LineItem {
  readonly service: string;
  readonly resource: string;
  readonly quantity: string;
  readonly monthly: number;
}

/** NAT gateway layouts priced side by side for the same traffic. */
export interface NatComparison {
  readonly zones: number;
  readonly gatewaysNow: number;
  readonly single: number;
  readonly perAz: number;
  /** Of `single`: the inter-AZ transfer paid because other zones reach the gateway across zones. */
  readonly singleCrossAz: number;
}

/** What the S3 gateway endpoint saves: S3 traffic that would otherwise pay the NAT's per-GB charge. */
export interface S3EndpointSaving {
  readonly present: boolean;
  readonly gb: number;
  readonly monthlySaving: number;
}

export interface Estimate {
  readonly region: string;
  readonly items: readonly LineItem[];
  readonly total: number;
  /** Resources whose price is missing from the table, with the reason. */
  readonly unpriced: readonly string[];
  /** Resource types charged only by usage this estimate does not model, with counts. */
  readonly usageOnly: readonly string[];
  /** Present when the stacks hold a network with private subnets. */
  readonly nat?: NatComparison;
  readonly s3Endpoint?: S3EndpointSaving;
}

/** Prices the resources of an environment's stacks. Pure: same stacks, prices and assumptions, same figures. */
export function estimateMonthlyCost(
  stacks: readonly StackInput[],
  prices: PriceTable,
  assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
): Estimate {
  const hours = assumptions.hoursPerMonth;
  const items: LineItem[] = [];
  const unpriced: string[] = [];
  const usageOnly = new Map<string, number>();
  const add = (service: string, resource: string, quantity: string, monthly: number) =>
    items.push({ service, resource, quantity, monthly: round(monthly) });

  const all = stacks.flatMap((stack) => resourcesOfStack(stack));
  const byAddress = new Map(all.map((resource) => [`${resource.stack}/${resource.address}`, resource]));
  const related = (resource: TfResource, value: unknown) => {
    const address = referenceOf(value);
    return address ? byAddress.get(`${resource.stack}/${address}`) : undefined;
  };
  const label = (resource: TfResource): string =>
    resource.body.tags?.Name ??
    resource.body.name ??
    resource.body.identifier ??
    resource.body.alarm_name ??
    resource.body.dashboard_name ??
    resource.body.creation_token ??
    resource.address;

  /** Instance hours and root volumes of `count` instances launched from `resource` (or its launch template). */
  const priceInstances = (resource: TfResource, count: number, instanceType: string | undefined, template?: TfResource) => {
    const hourly = instanceType ? prices.ec2.instanceHour[instanceType] : undefined;
    if (hourly === undefined) {
      unpriced.push(`${resource.address}: no price for instance type ${instanceType ?? '(unknown)'} in pricing/${prices.region}.json`);
      return;
    }
    add('EC2', label(resource), `${count} x ${instanceType} x ${hours} h`, count * hourly * hours);
    const volumes: any[] = template?.body.block_device_mappings ?? [];
    const gb = volumes.reduce((sum, mapping) => sum + Number(mapping.ebs?.volume_size ?? 0), 0);
    if (gb > 0) add('EBS', label(resource), `${count} x ${gb} GB gp3`, count * gb * prices.ec2.ebsGp3GbMonth);
  };
  const templateOf = (resource: TfResource) => related(resource, resource.body.launch_template?.id);
  /** An application load balancer's hours and its assumed capacity units. */
  const priceLoadBalancer = (name: string) =>
    add(
      'Load balancer',
      name,
      `${hours} h + ${assumptions.loadBalancerLcus} LCU`,
      (prices.loadBalancer.applicationHour + assumptions.loadBalancerLcus * prices.loadBalancer.lcuHour) * hours,
    );

  for (const resource of all) {
    const body = resource.body;
    const fixed = FIXED_PRICE_TYPES.get(resource.type);
    if (fixed) {
      add(fixed.service, label(resource), fixed.quantity(hours), fixed.monthly(prices, hours));
      continue;
    }
    switch (resource.type) {
      case 'aws_instance': {
        const template = templateOf(resource);
        priceInstances(resource, 1, body.instance_type ?? template?.body.instance_type, template);
        break;
      }
      case 'aws_autoscaling_group': {
        const template = templateOf(resource);
        const count = Number(body.desired_capacity ?? body.min_size ?? 0);
        priceInstances(resource, count, template?.body.instance_type, template);
        break;
      }
      case 'aws_lb':
        if ((body.load_balancer_type ?? 'application') !== 'application') {
          unpriced.push(`${resource.address}: only application load balancers are priced`);
          break;
        }
        priceLoadBalancer(label(resource));
        break;
      case 'aws_db_instance': {
        const hourly = prices.rds.instanceHour[body.instance_class];
        const factor = body.multi_az ? prices.rds.multiAzFactor : 1;
        const azs = body.multi_az ? ' (Multi-AZ)' : '';
        if (hourly === undefined) {
          unpriced.push(`${resource.address}: no price for instance class ${body.instance_class} in pricing/${prices.region}.json`);
        } else {
          add('RDS', label(resource), `${body.instance_class}${azs} x ${hours} h`, hourly * factor * hours);
        }
        const gb = Number(body.allocated_storage ?? 0);
        add('RDS storage', label(resource), `${gb} GB gp3${azs}`, gb * prices.rds.storageGp3GbMonth * factor);
        if (body.manage_master_user_password)
          add('Secrets Manager', label(resource), '1 managed master password', prices.secretsManager.secretMonth);
        break;
      }
      case 'aws_efs_file_system':
        add(
          'EFS',
          label(resource),
          `${assumptions.efsStandardGb} GB Standard + ${assumptions.efsInfrequentAccessGb} GB IA`,
          assumptions.efsStandardGb * prices.efs.standardGbMonth + assumptions.efsInfrequentAccessGb * prices.efs.infrequentAccessGbMonth,
        );
        break;
      case 'aws_s3_bucket':
        add(
          'S3',
          body.bucket ?? body.bucket_prefix ?? resource.address,
          `${assumptions.s3StandardGbPerBucket} GB Standard`,
          assumptions.s3StandardGbPerBucket * prices.s3.standardGbMonth,
        );
        break;
      case 'aws_vpc_endpoint':
        if (body.vpc_endpoint_type === 'Interface') {
          const zones = (body.subnet_ids ?? []).length || 1;
          add('VPC endpoint', label(resource), `${zones} AZ x ${hours} h`, zones * prices.vpcEndpoint.interfaceHourPerAz * hours);
        } else {
          add('VPC endpoint', label(resource), 'gateway endpoint', prices.vpcEndpoint.gatewayHour * hours);
        }
        break;
      case 'aws_lambda_function': {
        const memoryGb = Number(body.memory_size ?? 128) / 1024;
        const invocations = assumptions.lambdaInvocations;
        add(
          'Lambda',
          body.function_name ?? resource.address,
          `${invocations} x ${assumptions.lambdaSeconds} s x ${memoryGb * 1024} MB`,
          invocations * assumptions.lambdaSeconds * memoryGb * prices.lambda.gbSecond +
            (invocations / 1e6) * prices.lambda.requestsPerMillion,
        );
        break;
      }
      case 'aws_cloudfront_distribution':
        add(
          'CloudFront',
          label(resource),
          `${assumptions.cloudFrontGbOut} GB out`,
          assumptions.cloudFrontGbOut * prices.cloudfront.dataOutGb,
        );
        break;
      case 'aws_elastic_beanstalk_environment':
        priceBeanstalk(resource);
        break;
      default:
        if (USAGE_ONLY_TYPES.has(resource.type)) usageOnly.set(resource.type, (usageOnly.get(resource.type) ?? 0) + 1);
        else if (!FREE_TYPES.has(resource.type)) unpriced.push(`${resource.address}: type ${resource.type} is not in the estimator`);
    }
  }

  /** Beanstalk creates its instances and load balancer itself; its settings say how many and what. */
  function priceBeanstalk(resource: TfResource): void {
    const setting = (namespace: string, name: string): string | undefined =>
      (resource.body.setting ?? []).find((s: any) => s.namespace === namespace && s.name === name)?.value;
    const instanceType = (setting('aws:ec2:instances', 'InstanceTypes') ?? setting('aws:autoscaling:launchconfiguration', 'InstanceType'))
      ?.split(',')[0]
      .trim();
    const count = Number(setting('aws:autoscaling:asg', 'MinSize') ?? 1);
    priceInstances(resource, count, instanceType);
    const balanced = (setting('aws:elasticbeanstalk:environment', 'EnvironmentType') ?? 'LoadBalanced') === 'LoadBalanced';
    if (balanced && (setting('aws:elasticbeanstalk:environment', 'LoadBalancerType') ?? 'application') === 'application') {
      priceLoadBalancer(`${label(resource)} (Beanstalk)`);
    }
  }

  const gateways = all.filter((resource) => resource.type === 'aws_nat_gateway');
  if (gateways.length > 0) {
    add('NAT gateway', 'data processed', `${assumptions.natGbProcessed} GB`, assumptions.natGbProcessed * prices.natGateway.gbProcessed);
  }
  const total = round(items.reduce((sum, item) => sum + item.monthly, 0));
  return {
    region: prices.region,
    items,
    total,
    unpriced,
    usageOnly: [...usageOnly].map(([type, count]) => `${type} x ${count}`),
    nat: compareNatLayouts(all, prices, assumptions),
    s3Endpoint: s3EndpointSaving(all, prices, assumptions),
  };
}
