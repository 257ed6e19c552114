import { Construct } from 'constructs';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { WebStackError } from '../core/errors';
import { NatGatewayMode, NatGateways } from './nat-gateways';
import { NetworkAcls } from './network-acls';
import { ImportedNetwork, INetwork, NetworkAttributes, subnetIdList } from './network-interface';
import { findNetworkLayoutProblems, formatProblems } from './private/network-layout';

/** The address ranges of one availability zone's two subnets. */
export interface ZoneSubnets {
  /** CIDR of the public subnet (load balancer, NAT gateway, bastion). */
  readonly publicCidr: string;
  /** CIDR of the private subnet (web servers, database, file system). */
  readonly privateCidr: string;
}

export interface NetworkProps {
  /** Prefix for every Name tag, such as "web-dev". */
  readonly name: string;
  /**
   * The VPC's IPv4 block, /16 to /28.
   *
   * @default Network.DEFAULT_CIDR_BLOCK
   */
  readonly cidrBlock?: string;
  /**
   * Subnet ranges keyed by availability zone name, at least two zones. Keys, not list
   * positions, name the resources, so removing a zone touches only that zone's resources.
   */
  readonly availabilityZones: Readonly<Record<string, ZoneSubnets>>;
  /**
   * NAT gateway layout. `single` costs one gateway; `perAz` survives a zone outage at one
   * gateway per zone; `none` leaves private subnets without internet access.
   *
   * @default 'single'
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * Zone of the NAT gateway in `single` mode.
   *
   * @default - the first zone in alphabetical order
   */
  readonly singleNatGatewayZone?: string;
  /**
   * CIDRs allowed to reach port 22 in the public subnets through the network ACL. Security
   * groups still decide which instance answers; this only keeps the ACL from blocking it.
   *
   * @default [] - no SSH from outside the VPC
   */
  readonly sshIngressCidrs?: readonly string[];
  /**
   * Create an S3 gateway endpoint on the private route tables so S3 traffic does not pay
   * NAT gateway data processing charges. Gateway endpoints are free.
   *
   * @default true
   */
  readonly createS3GatewayEndpoint?: boolean;
}

/**
 * A VPC with a public and a private subnet in each availability zone, an internet gateway,
 * NAT gateways, network ACLs for both tiers, a closed default security group and an S3
 * gateway endpoint.
 *
 * @example
 * const network = new Network(this, 'network', {
 *   name: 'web-dev',
 *   availabilityZones: {
 *     'eu-west-1a': { publicCidr: '10.0.0.0/24', privateCidr: '10.0.10.0/24' },
 *     'eu-west-1b': { publicCidr: '10.0.1.0/24', privateCidr: '10.0.11.0/24' },
 *   },
 * });
 * network.privateSubnetIds['eu-west-1a'];
 *
 * // A VPC that exists already, given by IDs (no data source, so offline plans keep working):
 * const existing = Network.fromAttributes(this, 'network', {
 *   vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: '10.20.0.0/16',
 *   publicSubnetIds: { 'eu-west-1a': 'subnet-0a0a0a0a0a0a0a0a0', 'eu-west-1b': 'subnet-0b0b0b0b0b0b0b0b0' },
 *   privateSubnetIds: { 'eu-west-1a': 'subnet-1a1a1a1a1a1a1a1a1', 'eu-west-1b': 'subnet-1b1b1b1b1b1b1b1b1' },
 * });
 */
export class Network extends Construct implements INetwork {
  /** The VPC block used when none is given. */
  public static readonly DEFAULT_CIDR_BLOCK = '10.0.0.0/16';
  /** The NAT layout used when none is given: the cheapest that still gives outbound access. */
  public static readonly DEFAULT_NAT_GATEWAYS: NatGatewayMode = 'single';

  /**
   * An existing VPC given by IDs, for the constructs that take an `INetwork`. It creates nothing
   * and reads nothing from AWS.
   */
  public static fromAttributes(scope: Construct, id: string, attributes: NetworkAttributes): INetwork {
    return new ImportedNetwork(scope, id, attributes);
  }

  public readonly vpc: Vpc;
  /** The VPC's ID. */
  public readonly vpcId: string;
  /** The VPC's IPv4 block. */
  public readonly vpcCidrBlock: string;
  /** Availability zones in alphabetical order. */
  public readonly availabilityZones: readonly string[];
  public readonly internetGateway: InternetGateway;
  /** Public subnets by availability zone. */
  public readonly publicSubnets: Readonly<Record<string, Subnet>>;
  /** Private subnets by availability zone. */
  public readonly privateSubnets: Readonly<Record<string, Subnet>>;
  /** NAT gateways by the zone they stand in (empty in `none` mode). */
  public readonly natGateways: Readonly<Record<string, NatGateway>>;
  public readonly publicRouteTable: RouteTable;
  /** One private route table per zone, so switching NAT modes only changes routes. */
  public readonly privateRouteTables: Readonly<Record<string, RouteTable>>;
  /**
   * The private subnets' default routes through NAT, by zone (empty in `none` mode). Whatever
   * must reach the internet from a private subnet at its first boot waits for them.
   */
  public readonly privateDefaultRoutes: Readonly<Record<string, Route>>;
  /** Public subnet IDs by availability zone. */
  public readonly publicSubnetIds: Readonly<Record<string, string>>;
  /** Private subnet IDs by availability zone. */
  public readonly privateSubnetIds: Readonly<Record<string, string>>;
  /** The public route table's ID for each zone (all zones share one table). */
  public readonly publicRouteTableIds: Readonly<Record<string, string>>;
  /** Private route table IDs by availability zone. */
  public readonly privateRouteTableIds: Readonly<Record<string, string>>;
  public readonly networkAcls: NetworkAcls;
  /** The S3 gateway endpoint, when created. */
  public readonly s3Endpoint?: VpcEndpoint;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpcCidrBlock = props.cidrBlock ?? Network.DEFAULT_CIDR_BLOCK;
    const problems = findNetworkLayoutProblems({ cidrBlock: this.vpcCidrBlock, availabilityZones: props.availabilityZones });
    if (problems.length > 0) {
      throw new WebStackError(`invalid network props:\n${formatProblems(problems)}`, this);
    }
    const zones = Object.keys(props.availabilityZones).sort();
    this.availabilityZones = zones;

    this.vpc = new Vpc(this, 'Resource', {
      cidrBlock: this.vpcCidrBlock,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    this.vpcId = this.vpc.id;

    // Rules on the default group would apply to anything launched without a group; strip them.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpcId,
      ingress: [],
      egress: [],
      tags: { Name: `${props.name}-default-closed` },
    });

    this.internetGateway = new InternetGateway(this, 'internet-gateway', {
      vpcId: this.vpcId,
      tags: { Name: props.name },
    });

    const publicSubnets: Record<string, Subnet> = {};
    const privateSubnets: Record<string, Subnet> = {};
    for (const zone of zones) {
      const cidrs = props.availabilityZones[zone];
      publicSubnets[zone] = new Subnet(this, `public-${zone}`, {
        vpcId: this.vpcId,
        availabilityZone: zone,
        cidrBlock: cidrs.publicCidr,
        // Instances in public subnets get addresses only when they ask (the bastion uses an EIP).
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-public-${zone}`, Tier: 'public' },
      });
      privateSubnets[zone] = new Subnet(this, `private-${zone}`, {
        vpcId: this.vpcId,
        availabilityZone: zone,
        cidrBlock: cidrs.privateCidr,
        tags: { Name: `${props.name}-private-${zone}`, Tier: 'private' },
      });
    }
    this.publicSubnets = publicSubnets;
    this.privateSubnets = privateSubnets;

    this.publicRouteTable = new RouteTable(this, 'public-route-table', {
      vpcId: this.vpcId,
      tags: { Name: `${props.name}-public` },
    });
    const publicRouteTableId = this.publicRouteTable.id;
    new Route(this, 'public-default-route', {
      routeTableId: publicRouteTableId,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    const publicSubnetIds = idsByZone(publicSubnets);
    const privateSubnetIds = idsByZone(privateSubnets);
    for (const zone of zones) {
      new RouteTableAssociation(this, `public-${zone}-association`, {
        subnetId: publicSubnetIds[zone],
        routeTableId: publicRouteTableId,
      });
    }

    const nat = new NatGateways(this, 'nat', {
      mode: props.natGateways ?? Network.DEFAULT_NAT_GATEWAYS,
      publicSubnets,
      singleGatewayZone: props.singleNatGatewayZone,
      namePrefix: props.name,
      dependsOn: [this.internetGateway],
    });
    this.natGateways = nat.gateways;

    const privateRouteTables: Record<string, RouteTable> = {};
    const privateDefaultRoutes: Record<string, Route> = {};
    for (const zone of zones) {
      const table = new RouteTable(this, `private-route-table-${zone}`, {
        vpcId: this.vpcId,
        tags: { Name: `${props.name}-private-${zone}` },
      });
      privateRouteTables[zone] = table;
      const tableId = table.id;
      new RouteTableAssociation(this, `private-${zone}-association`, {
        subnetId: privateSubnetIds[zone],
        routeTableId: tableId,
      });
      const gateway = nat.gatewayForZone(zone);
      if (gateway) {
        privateDefaultRoutes[zone] = new Route(this, `private-${zone}-default-route`, {
          routeTableId: tableId,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: gateway.id,
        });
      }
    }
    this.privateRouteTables = privateRouteTables;
    this.privateDefaultRoutes = privateDefaultRoutes;
    this.publicSubnetIds = publicSubnetIds;
    this.privateSubnetIds = privateSubnetIds;
    this.publicRouteTableIds = Object.fromEntries(zones.map((zone) => [zone, publicRouteTableId]));
    this.privateRouteTableIds = idsByZone(privateRouteTables);

    this.networkAcls = new NetworkAcls(this, 'acl', {
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidrBlock,
      publicSubnetIds: subnetIdList(this.publicSubnetIds),
      privateSubnetIds: subnetIdList(this.privateSubnetIds),
      sshCidrs: props.sshIngressCidrs ?? [],
      namePrefix: props.name,
    });

    if (props.createS3GatewayEndpoint ?? true) {
      const region = new DataAwsRegion(this, 'region');
      this.s3Endpoint = new VpcEndpoint(this, 's3-endpoint', {
        vpcId: this.vpcId,
        serviceName: `com.amazonaws.${region.name}.s3`,
        vpcEndpointType: 'Gateway',
        routeTableIds: zones.map((zone) => privateRouteTables[zone].id),
        tags: { Name: `${props.name}-s3` },
      });
    }
  }
}

function idsByZone(resources: Readonly<Record<string, { id: string }>>): Record<string, string> {
  return Object.fromEntries(Object.entries(resources).map(([zone, resource]) => [zone, resource.id]));
}
