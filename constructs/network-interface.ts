import { Construct } from 'constructs';
import { WebStackError } from '../core/errors';
import { describeCidrProblem } from './private/cidr';

/**
 * What the constructs need from a network: the VPC, its block, and subnets and route tables
 * keyed by availability zone. `Network` implements it for a VPC this library creates;
 * `Network.fromAttributes` implements it for one that already exists.
 */
export interface INetwork {
  /** The VPC's ID. */
  readonly vpcId: string;
  /** The VPC's IPv4 block, such as "10.0.0.0/16". */
  readonly vpcCidrBlock: string;
  /** Availability zones in alphabetical order. */
  readonly availabilityZones: readonly string[];
  /** Public subnet IDs by availability zone (load balancers, NAT gateways, bastion). */
  readonly publicSubnetIds: Readonly<Record<string, string>>;
  /** Private subnet IDs by availability zone (instances, databases, file systems). */
  readonly privateSubnetIds: Readonly<Record<string, string>>;
  /** Route table IDs of the public subnets by availability zone. */
  readonly publicRouteTableIds: Readonly<Record<string, string>>;
  /** Route table IDs of the private subnets by availability zone. */
  readonly privateRouteTableIds: Readonly<Record<string, string>>;
}

/** An existing VPC given by IDs, as `Network.fromAttributes` takes it. */
export interface NetworkAttributes {
  /** The VPC's ID, such as "vpc-0123456789abcdef0". */
  readonly vpcId: string;
  /** The VPC's IPv4 block; network ACL and security group rules that mean "inside the VPC" use it. */
  readonly vpcCidrBlock: string;
  /** Public subnet IDs by availability zone. */
  readonly publicSubnetIds: Readonly<Record<string, string>>;
  /** Private subnet IDs by availability zone, the same zones as the public ones. */
  readonly privateSubnetIds: Readonly<Record<string, string>>;
  /**
   * Route table IDs of the public subnets by zone.
   *
   * @default {} - nothing in this library adds routes to them
   */
  readonly publicRouteTableIds?: Readonly<Record<string, string>>;
  /**
   * Route table IDs of the private subnets by zone.
   *
   * @default {} - nothing in this library adds routes to them
   */
  readonly privateRouteTableIds?: Readonly<Record<string, string>>;
}

const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const ROUTE_TABLE_ID = /^rtb-[0-9a-f]{8,17}$/;

/** Every problem of `attributes`, each naming the field, the value and the fix. */
export function findNetworkAttributesProblems(attributes: NetworkAttributes): string[] {
  const problems: string[] = [];
  if (!VPC_ID.test(attributes.vpcId)) {
    problems.push(`vpcId ${JSON.stringify(attributes.vpcId)} is not a VPC ID; use the form vpc-0123456789abcdef0`);
  }
  const cidrProblem = describeCidrProblem(attributes.vpcCidrBlock);
  if (cidrProblem) problems.push(`vpcCidrBlock ${JSON.stringify(attributes.vpcCidrBlock)}: ${cidrProblem}`);
  const idMaps: Array<[string, Readonly<Record<string, string>>, RegExp, string]> = [
    ['publicSubnetIds', attributes.publicSubnetIds, SUBNET_ID, 'subnet-0123456789abcdef0'],
    ['privateSubnetIds', attributes.privateSubnetIds, SUBNET_ID, 'subnet-0123456789abcdef0'],
    ['publicRouteTableIds', attributes.publicRouteTableIds ?? {}, ROUTE_TABLE_ID, 'rtb-0123456789abcdef0'],
    ['privateRouteTableIds', attributes.privateRouteTableIds ?? {}, ROUTE_TABLE_ID, 'rtb-0123456789abcdef0'],
  ];
  for (const [field, ids, pattern, example] of idMaps) {
    for (const [zone, id] of Object.entries(ids)) {
      if (!pattern.test(id)) problems.push(`${field}.${zone} ${JSON.stringify(id)} is not an ID of that kind; use the form ${example}`);
    }
  }
  const publicZones = Object.keys(attributes.publicSubnetIds).sort();
  const privateZones = Object.keys(attributes.privateSubnetIds).sort();
  if (privateZones.length < 2) {
    problems.push(`privateSubnetIds has ${privateZones.length} zone(s); give subnets in at least two availability zones`);
  }
  if (publicZones.join() !== privateZones.join()) {
    problems.push(
      `publicSubnetIds (${publicZones.join(', ') || 'none'}) and privateSubnetIds (${privateZones.join(', ') || 'none'}) must cover the same zones`,
    );
  }
  return problems;
}

/** A VPC that exists already: IDs only, no resources and no data sources, so plans stay offline. */
export class ImportedNetwork extends Construct implements INetwork {
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;
  public readonly availabilityZones: readonly string[];
  public readonly publicSubnetIds: Readonly<Record<string, string>>;
  public readonly privateSubnetIds: Readonly<Record<string, string>>;
  public readonly publicRouteTableIds: Readonly<Record<string, string>>;
  public readonly privateRouteTableIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, attributes: NetworkAttributes) {
    super(scope, id);
    const problems = findNetworkAttributesProblems(attributes);
    if (problems.length > 0) {
      throw new WebStackError(`invalid network attributes:\n${problems.map((problem) => `  ${problem}`).join('\n')}`, this);
    }
    this.vpcId = attributes.vpcId;
    this.vpcCidrBlock = attributes.vpcCidrBlock;
    this.availabilityZones = Object.keys(attributes.privateSubnetIds).sort();
    this.publicSubnetIds = { ...attributes.publicSubnetIds };
    this.privateSubnetIds = { ...attributes.privateSubnetIds };
    this.publicRouteTableIds = { ...(attributes.publicRouteTableIds ?? {}) };
    this.privateRouteTableIds = { ...(attributes.privateRouteTableIds ?? {}) };
  }
}

/** Subnet IDs of `ids` in zone order, for resources that take a list. */
export function subnetIdList(ids: Readonly<Record<string, string>>): string[] {
  return Object.keys(ids)
    .sort()
    .map((zone) => ids[zone]);
}
