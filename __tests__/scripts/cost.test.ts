import { synthesizeProject } from '../support/project';
import { config } from '../../config/environments';
import { StackInput } from '../../scripts/cli/terraform-json';
import { parseAssumptions } from '../../scripts/cost';
import { Assumptions, DEFAULT_ASSUMPTIONS, estimateMonthlyCost, LineItem } from '../../scripts/cost/estimate';
import { storageClassCosts } from '../../scripts/cost/lessons';
import { money } from '../../scripts/cost/format';
import { loadPriceTable, PriceTable, priceTableSchema } from '../../scripts/cost/prices';
import { stacksOfEnvironment } from '../../scripts/cli/synthesized';

/** Round figures so every expected value below can be worked out by hand. */
const PRICES: PriceTable = {
  region: 'test-region-1',
  currency: 'USD',
  version: 'test',
  source: 'hand-made for tests',
  ec2: { instanceHour: { 't3.nano': 0.005, 't3.micro': 0.01 }, ebsGp3GbMonth: 0.1 },
  rds: { instanceHour: { 'db.t4g.micro': 0.02 }, storageGp3GbMonth: 0.1, multiAzFactor: 2 },
  natGateway: { hour: 0.05, gbProcessed: 0.05 },
  publicIpv4Hour: 0.005,
  loadBalancer: { applicationHour: 0.025, lcuHour: 0.008 },
  vpcEndpoint: { gatewayHour: 0, interfaceHourPerAz: 0.01 },
  dataTransfer: { interAzGbEachDirection: 0.01 },
  efs: { standardGbMonth: 0.3, infrequentAccessGbMonth: 0.02 },
  s3: { standardGbMonth: 0.023, standardIaGbMonth: 0.0125, glacierFlexibleRetrievalGbMonth: 0.0036, glacierDeepArchiveGbMonth: 0.00099 },
  cloudwatch: { standardAlarmMonth: 0.1, dashboardMonth: 3 },
  lambda: { gbSecond: 0.0000166667, requestsPerMillion: 0.2 },
  secretsManager: { secretMonth: 0.4 },
  kms: { keyMonth: 1 },
  cloudfront: { dataOutGb: 0.085 },
};

const ASSUME: Assumptions = {
  ...DEFAULT_ASSUMPTIONS,
  hoursPerMonth: 730,
  natGbProcessed: 100,
  s3GbFromPrivateSubnets: 50,
  loadBalancerLcus: 1,
};

function subnet(zone: string, tier: 'public' | 'private') {
  return { vpc_id: '${aws_vpc.vpc.id}', availability_zone: zone, tags: { Tier: tier } };
}

/** A two-zone network with `gateways` NAT gateways, the S3 endpoint when asked, and the web tier. */
function stack(gateways: number, s3Endpoint = true): StackInput {
  const nat: Record<string, unknown> = {};
  const eip: Record<string, unknown> = {};
  for (let i = 0; i < gateways; i++) {
    nat[`nat${i}`] = { subnet_id: '${aws_subnet.public_a.id}' };
    eip[`eip${i}`] = { domain: 'vpc' };
  }
  return {
    name: 'dev',
    json: {
      provider: { aws: [{ region: 'test-region-1', default_tags: [{ tags: { Environment: 'dev' } }] }] },
      resource: {
        aws_vpc: { vpc: { cidr_block: '10.0.0.0/16' } },
        aws_subnet: { public_a: subnet('a', 'public'), private_a: subnet('a', 'private'), private_b: subnet('b', 'private') },
        aws_route_table: { private_a: {}, private_b: {} },
        aws_nat_gateway: nat,
        aws_eip: eip,
        aws_vpc_endpoint: s3Endpoint
          ? {
              s3: {
                service_name: 'com.amazonaws.test-region-1.s3',
                vpc_endpoint_type: 'Gateway',
                route_table_ids: ['${aws_route_table.private_a.id}'],
              },
            }
          : {},
        aws_launch_template: {
          bastion: { instance_type: 't3.nano', block_device_mappings: [{ ebs: { volume_size: 8 } }] },
          web: { instance_type: 't3.micro', block_device_mappings: [{ ebs: { volume_size: 10 } }] },
        },
        aws_instance: { bastion: { launch_template: { id: '${aws_launch_template.bastion.id}' }, tags: { Name: 'bastion' } } },
        aws_autoscaling_group: {
          web: { name: 'web', desired_capacity: 2, min_size: 1, launch_template: { id: '${aws_launch_template.web.id}' } },
        },
        aws_lb: { alb: { name: 'alb', load_balancer_type: 'application' } },
        aws_db_instance: {
          db: {
            identifier: 'db',
            instance_class: 'db.t4g.micro',
            multi_az: true,
            allocated_storage: 20,
            manage_master_user_password: true,
          },
        },
        aws_efs_file_system: { fs: { creation_token: 'fs' } },
        aws_s3_bucket: { site: { bucket: 'site' } },
        aws_cloudwatch_metric_alarm: { cpu: { alarm_name: 'cpu' } },
        aws_security_group: { web: {} },
        aws_cloudwatch_log_group: { logs: {} },
      },
    },
  };
}

function item(items: readonly LineItem[], service: string, resource: string): number {
  const found = items.filter((i) => i.service === service && i.resource === resource);
  expect(found).toHaveLength(1);
  return found[0].monthly;
}

describe('estimateMonthlyCost against hand-computed figures', () => {
  const estimate = estimateMonthlyCost([stack(1)], PRICES, ASSUME);

  test('an instance costs its hourly price for 730 hours plus its gp3 root volume', () => {
    expect(item(estimate.items, 'EC2', 'bastion')).toBeCloseTo(730 * 0.005, 6); // 3.65
    expect(item(estimate.items, 'EBS', 'bastion')).toBeCloseTo(8 * 0.1, 6); // 0.80
  });

  test('an Auto Scaling group costs its desired capacity of the launch template instance type', () => {
    expect(item(estimate.items, 'EC2', 'web')).toBeCloseTo(2 * 730 * 0.01, 6); // 14.60
    expect(item(estimate.items, 'EBS', 'web')).toBeCloseTo(2 * 10 * 0.1, 6); // 2.00
  });

  test('a NAT gateway costs its hours, its address and the GB it processes', () => {
    expect(item(estimate.items, 'NAT gateway', 'aws_nat_gateway.nat0')).toBeCloseTo(730 * 0.05, 6); // 36.50
    expect(item(estimate.items, 'Public IPv4', 'aws_eip.eip0')).toBeCloseTo(730 * 0.005, 6); // 3.65
    expect(item(estimate.items, 'NAT gateway', 'data processed')).toBeCloseTo(100 * 0.05, 6); // 5.00
  });

  test('a Multi-AZ database pays twice for the instance and the storage, plus its managed secret', () => {
    expect(item(estimate.items, 'RDS', 'db')).toBeCloseTo(2 * 730 * 0.02, 6); // 29.20
    expect(item(estimate.items, 'RDS storage', 'db')).toBeCloseTo(2 * 20 * 0.1, 6); // 4.00
    expect(item(estimate.items, 'Secrets Manager', 'db')).toBeCloseTo(0.4, 6);
  });

  test('load balancer, file system, bucket, alarm and gateway endpoint are priced from the table', () => {
    expect(item(estimate.items, 'Load balancer', 'alb')).toBeCloseTo(730 * (0.025 + 0.008), 6); // 24.09
    expect(item(estimate.items, 'EFS', 'fs')).toBeCloseTo(10 * 0.3, 6); // 3.00
    expect(item(estimate.items, 'S3', 'site')).toBeCloseTo(5 * 0.023, 6); // 0.115
    expect(item(estimate.items, 'CloudWatch', 'cpu')).toBeCloseTo(0.1, 6);
    expect(item(estimate.items, 'VPC endpoint', 'aws_vpc_endpoint.s3')).toBe(0);
  });

  test('the total is the sum of the hand-computed items', () => {
    const byHand = 3.65 + 0.8 + 14.6 + 2 + 36.5 + 3.65 + 5 + 29.2 + 4 + 0.4 + 24.09 + 3 + 0.115 + 0.1 + 0;
    expect(estimate.total).toBeCloseTo(byHand, 6); // 127.105
  });

  test('log groups are listed as charged by use; security groups and route tables cost nothing', () => {
    expect(estimate.usageOnly).toEqual(['aws_cloudwatch_log_group x 1']);
    expect(estimate.unpriced).toEqual([]);
  });

  test('perAz NAT costs one gateway and address per zone; single pays inter-AZ transfer for the other zone', () => {
    // Per gateway: (0.05 + 0.005) x 730 = 40.15. Processing: 100 GB x 0.05 = 5.
    // single: 40.15 + 5 + 100 GB x 1/2 crossing x 0.01 x 2 directions (1.00) = 46.15; perAz: 2 x 40.15 + 5 = 85.30.
    expect(estimate.nat).toEqual({ zones: 2, gatewaysNow: 1, single: 46.15, perAz: 85.3, singleCrossAz: 1 });
    expect(estimateMonthlyCost([stack(2)], PRICES, ASSUME).nat?.gatewaysNow).toBe(2);
  });

  test('the S3 gateway endpoint saves the NAT per-GB charge on S3 traffic', () => {
    expect(estimate.s3Endpoint).toEqual({ present: true, gb: 50, monthlySaving: 2.5 }); // 50 GB x 0.05
    expect(estimateMonthlyCost([stack(1, false)], PRICES, ASSUME).s3Endpoint?.present).toBe(false);
  });

  test('an instance type missing from the table is reported, not priced as zero', () => {
    const json = stack(0).json;
    json.resource.aws_launch_template.web.instance_type = 'm7g.large';
    const result = estimateMonthlyCost([{ name: 'dev', json }], PRICES, ASSUME);
    expect(result.unpriced).toEqual(['aws_autoscaling_group.web: no price for instance type m7g.large in pricing/test-region-1.json']);
    expect(result.items.some((i) => i.resource === 'web' && i.service === 'EC2')).toBe(false);
  });

  test('storage classes: 100 GB for a month in each class', () => {
    expect(storageClassCosts(PRICES, 100).map((entry) => entry.monthly)).toEqual([2.3, 1.25, 0.36, 0.099]);
  });
});

describe('assumptions and formatting', () => {
  test('--assume overrides one figure and keeps the others', () => {
    expect(parseAssumptions(['natGbProcessed=500'])).toEqual({ ...DEFAULT_ASSUMPTIONS, natGbProcessed: 500 });
  });

  test('an unknown assumption name is an error listing the known ones', () => {
    expect(() => parseAssumptions(['natGb=5'])).toThrow(/--assume "natGb=5" names no assumption; .*natGbProcessed/);
  });

  test('a negative or non-numeric assumption is an error', () => {
    expect(() => parseAssumptions(['hoursPerMonth=-1'])).toThrow(/--assume hoursPerMonth="-1" is not a number of zero or more/);
  });

  test('money shows cents, and more digits below a cent', () => {
    expect(money(1234.5)).toBe('$1,234.50');
    expect(money(0.0012)).toBe('$0.0012');
    expect(money(0)).toBe('$0.00');
  });
});

describe('shipped price tables and the synthesized environments', () => {
  const synthesized = synthesizeProject();
  const stacks: StackInput[] = synthesized.stacks.map((name) => ({ name, json: synthesized.stackJson(name) }));

  test.each(['eu-west-1', 'us-east-1'])(
    'pricing/%s.json is a valid, dated table with every t3/t4g and db.t3/db.t4g size from nano to large',
    (region) => {
      const table = loadPriceTable(region);
      expect(priceTableSchema.parse(table).version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const size of ['nano', 'micro', 'small', 'medium', 'large']) {
        expect(table.ec2.instanceHour[`t3.${size}`]).toBeGreaterThan(0);
        expect(table.ec2.instanceHour[`t4g.${size}`]).toBeGreaterThan(0);
        if (size !== 'nano') {
          expect(table.rds.instanceHour[`db.t3.${size}`]).toBeGreaterThan(0);
          expect(table.rds.instanceHour[`db.t4g.${size}`]).toBeGreaterThan(0);
        }
      }
    },
  );

  test('a region without a price table is a readable error naming the ones there are', () => {
    expect(() => loadPriceTable('ap-south-2')).toThrow(/no price table for region ap-south-2: pricing\/ has .*eu-west-1/);
  });

  test.each(Object.keys(config.environments))('every priced resource of environment %s has a price in the table', (environment) => {
    const estimate = estimateMonthlyCost(stacksOfEnvironment(stacks, environment), loadPriceTable(config.environments[environment].region));
    expect(estimate.unpriced).toEqual([]);
    expect(estimate.total).toBeGreaterThan(0);
    expect(estimate.nat?.gatewaysNow).toBe(config.environments[environment].network.natGateways === 'perAz' ? 2 : 1);
    expect(estimate.s3Endpoint?.present).toBe(true);
  });
});
