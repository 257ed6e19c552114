import { Network, NetworkProps } from '../../constructs/network';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';
import { TWO_ZONES } from '../support/zones';

function synthNetwork(props: Partial<NetworkProps> = {}) {
  return synthStack((stack) => new Network(stack, 'network', { name: 'test', availabilityZones: TWO_ZONES, ...props }));
}

describe('Network', () => {
  test('defaults: 10.0.0.0/16 VPC with DNS on, one internet gateway, single NAT with its EIP', () => {
    const json = synthNetwork();
    const vpc = onlyResourceOf(json, 'aws_vpc');
    expect(vpc).toMatchObject({ cidr_block: Network.DEFAULT_CIDR_BLOCK, enable_dns_hostnames: true, enable_dns_support: true });
    expect(resourcesOf(json, 'aws_internet_gateway')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(1);
    const nat = onlyResourceOf(json, 'aws_nat_gateway');
    expect(nat.allocation_id).toBe(ref('aws_eip', onlyResourceOf(json, 'aws_eip'), 'allocation_id'));
  });

  test('subnets are keyed by availability zone, public and private in each', () => {
    const json = synthNetwork();
    const subnets = resourcesOf(json, 'aws_subnet');
    expect(subnets).toHaveLength(4);
    expect(resourceAtPath(json, 'aws_subnet', 'network/public-eu-west-1a')).toMatchObject({
      availability_zone: 'eu-west-1a',
      cidr_block: '10.0.0.0/24',
      map_public_ip_on_launch: false,
    });
    expect(resourceAtPath(json, 'aws_subnet', 'network/private-eu-west-1b')).toMatchObject({
      availability_zone: 'eu-west-1b',
      cidr_block: '10.0.11.0/24',
    });
  });

  test("removing a zone leaves the other zone's resource names unchanged", () => {
    const three = synthNetwork({
      availabilityZones: { ...TWO_ZONES, 'eu-west-1c': { publicCidr: '10.0.2.0/24', privateCidr: '10.0.12.0/24' } },
    });
    const two = synthNetwork();
    const names = (json: Record<string, any>) => new Set(Object.values(json.resource).flatMap((byName: any) => Object.keys(byName)));
    const before = names(three);
    for (const name of names(two)) {
      expect(before.has(name)).toBe(true);
    }
  });

  test('the public route table sends 0.0.0.0/0 to the internet gateway', () => {
    const json = synthNetwork();
    const route = resourceAtPath(json, 'aws_route', 'network/public-default-route');
    expect(route.destination_cidr_block).toBe('0.0.0.0/0');
    expect(route.gateway_id).toBe(ref('aws_internet_gateway', onlyResourceOf(json, 'aws_internet_gateway')));
  });

  test('perAz: each private route table routes through the NAT gateway in its own zone', () => {
    const json = synthNetwork({ natGateways: 'perAz' });
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(2);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(2);
    for (const zone of Object.keys(TWO_ZONES)) {
      const route = resourceAtPath(json, 'aws_route', `network/private-${zone}-default-route`);
      const nat = resourceAtPath(json, 'aws_nat_gateway', `network/nat/nat-${zone}`);
      expect(route.nat_gateway_id).toBe(ref('aws_nat_gateway', nat));
      expect(nat.subnet_id).toBe(ref('aws_subnet', resourceAtPath(json, 'aws_subnet', `network/public-${zone}`)));
    }
  });

  test('single: both private route tables use the one gateway, placed in the chosen zone', () => {
    const json = synthNetwork({ natGateways: 'single', singleNatGatewayZone: 'eu-west-1b' });
    const nat = onlyResourceOf(json, 'aws_nat_gateway');
    expect(nat.subnet_id).toBe(ref('aws_subnet', resourceAtPath(json, 'aws_subnet', 'network/public-eu-west-1b')));
    for (const zone of Object.keys(TWO_ZONES)) {
      expect(resourceAtPath(json, 'aws_route', `network/private-${zone}-default-route`).nat_gateway_id).toBe(ref('aws_nat_gateway', nat));
    }
  });

  test('none: no NAT gateway, no EIP, no default route in private tables', () => {
    const json = synthNetwork({ natGateways: 'none' });
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_route').map((r) => r['//'].metadata.path)).toEqual(['test/network/public-default-route']);
    expect(resourcesOf(json, 'aws_route_table')).toHaveLength(3);
  });

  test('the default security group is stripped of every rule', () => {
    const json = synthNetwork();
    const group = onlyResourceOf(json, 'aws_default_security_group');
    expect(group.ingress).toEqual([]);
    expect(group.egress).toEqual([]);
  });

  test('an S3 gateway endpoint is attached to every private route table', () => {
    const json = synthNetwork();
    const endpoint = onlyResourceOf(json, 'aws_vpc_endpoint');
    expect(endpoint.vpc_endpoint_type).toBe('Gateway');
    expect(endpoint.service_name).toMatch(/^com\.amazonaws\.\$\{data\.aws_region\..+\.name\}\.s3$/);
    const privateTables = Object.keys(TWO_ZONES).map((zone) =>
      ref('aws_route_table', resourceAtPath(json, 'aws_route_table', `network/private-route-table-${zone}`)),
    );
    expect(endpoint.route_table_ids).toEqual(privateTables);
    expect(resourcesOf(synthNetwork({ createS3GatewayEndpoint: false }), 'aws_vpc_endpoint')).toHaveLength(0);
  });

  test('network ACLs allow replies on ephemeral ports in both tiers', () => {
    const json = synthNetwork({ sshIngressCidrs: ['198.51.100.0/24'] });
    const rules = resourcesOf(json, 'aws_network_acl_rule');
    const ephemeral = rules.filter((r) => r.from_port === 1024 && r.to_port === 65535 && r.egress === false);
    expect(ephemeral).toHaveLength(2);
    const ssh = rules.filter((r) => r.from_port === 22);
    expect(ssh).toEqual([expect.objectContaining({ cidr_block: '198.51.100.0/24', egress: false, rule_action: 'allow' })]);
    const publicAcl = resourceAtPath(json, 'aws_network_acl', 'network/acl/public');
    expect(publicAcl.subnet_ids).toHaveLength(2);
  });

  describe('rejects bad props with the field name', () => {
    test.each([
      [{ cidrBlock: '10.0.0.0/33' }, /cidrBlock "10\.0\.0\.0\/33": not an IPv4 CIDR block/],
      [{ cidrBlock: '10.0.0.1/16' }, /cidrBlock "10\.0\.0\.1\/16": host bits are set; write the network address 10\.0\.0\.0\/16/],
      [{ cidrBlock: '10.0.0.0/8' }, /cidrBlock "10\.0\.0\.0\/8": AWS allows VPC blocks from \/16 to \/28/],
      [
        { availabilityZones: { 'eu-west-1a': TWO_ZONES['eu-west-1a'] } },
        /availabilityZones has 1 zone\(s\) \(eu-west-1a\); list at least two/,
      ],
      [
        { availabilityZones: { ...TWO_ZONES, 'eu-west-1b': { publicCidr: '10.0.0.128/25', privateCidr: '10.0.11.0/24' } } },
        /availabilityZones\.eu-west-1b\.publicCidr "10\.0\.0\.128\/25" overlaps availabilityZones\.eu-west-1a\.publicCidr/,
      ],
      [
        { availabilityZones: { ...TWO_ZONES, 'eu-west-1b': { publicCidr: '10.9.0.0/24', privateCidr: '10.0.11.0/24' } } },
        /availabilityZones\.eu-west-1b\.publicCidr "10\.9\.0\.0\/24" lies outside the VPC block 10\.0\.0\.0\/16/,
      ],
      [
        { availabilityZones: { ...TWO_ZONES, 'eu-west-1b': { publicCidr: '10.0.1/24', privateCidr: '10.0.11.0/24' } } },
        /availabilityZones\.eu-west-1b\.publicCidr "10\.0\.1\/24": not an IPv4 CIDR block/,
      ],
      [
        { natGateways: 'single' as const, singleNatGatewayZone: 'eu-west-1z' },
        /singleNatGatewayZone "eu-west-1z" is not one of the network's zones/,
      ],
    ])('%j', (props, message) => {
      expect(() => synthNetwork(props)).toThrow(WebStackError);
      expect(() => synthNetwork(props)).toThrow(message);
    });
  });

  describe('fromAttributes: an existing VPC given by IDs', () => {
    const ATTRIBUTES = {
      vpcId: 'vpc-0123456789abcdef0',
      vpcCidrBlock: '10.20.0.0/16',
      publicSubnetIds: { 'eu-west-1b': 'subnet-0b000000000000001', 'eu-west-1a': 'subnet-0a000000000000001' },
      privateSubnetIds: { 'eu-west-1b': 'subnet-0b000000000000002', 'eu-west-1a': 'subnet-0a000000000000002' },
      privateRouteTableIds: { 'eu-west-1a': 'rtb-0a000000000000001', 'eu-west-1b': 'rtb-0b000000000000001' },
    };

    test('creates nothing and reads nothing: no resources, no data sources', () => {
      const json = synthStack((stack) => {
        Network.fromAttributes(stack, 'network', ATTRIBUTES);
      });
      expect(json.resource ?? {}).toEqual({});
      expect(json.data ?? {}).toEqual({});
    });

    test('exposes the IDs keyed by zone, zones in alphabetical order', () => {
      synthStack((stack) => {
        const network = Network.fromAttributes(stack, 'network', ATTRIBUTES);
        expect(network.vpcId).toBe(ATTRIBUTES.vpcId);
        expect(network.vpcCidrBlock).toBe('10.20.0.0/16');
        expect(network.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
        expect(network.privateSubnetIds['eu-west-1b']).toBe('subnet-0b000000000000002');
        expect(network.privateRouteTableIds['eu-west-1a']).toBe('rtb-0a000000000000001');
        expect(network.publicRouteTableIds).toEqual({});
      });
    });

    test('a created Network offers the same keyed IDs', () => {
      synthStack((stack) => {
        const network = new Network(stack, 'network', { name: 'web-dev', availabilityZones: TWO_ZONES });
        expect(Object.keys(network.privateSubnetIds).sort()).toEqual(network.availabilityZones);
        expect(Object.keys(network.privateRouteTableIds).sort()).toEqual(network.availabilityZones);
        expect(Object.keys(network.publicRouteTableIds).sort()).toEqual(network.availabilityZones);
      });
    });

    test.each([
      [{ vpcId: 'vpc-1' }, /vpcId "vpc-1" is not a VPC ID; use the form vpc-0123456789abcdef0/],
      [{ vpcCidrBlock: '10.0.0.0/40' }, /vpcCidrBlock "10\.0\.0\.0\/40"/],
      [{ privateSubnetIds: { 'eu-west-1a': 'subnet-0a000000000000002' } }, /privateSubnetIds has 1 zone\(s\)/],
      [
        { publicSubnetIds: { 'eu-west-1a': 'sn-1', 'eu-west-1b': 'subnet-0b000000000000001' } },
        /publicSubnetIds\.eu-west-1a "sn-1" is not an ID/,
      ],
    ])('error: %j', (change, message) => {
      expect(() => synthStack((stack) => Network.fromAttributes(stack, 'network', { ...ATTRIBUTES, ...change }))).toThrow(message);
    });
  });
});
