import {
  referenceOf,
  referencesIn,
  resourcesOfStack,
  stackEnvironment,
  StackInput,
  stateBucketOf,
  TfResource,
} from '../cli/terraform-json';
import { displayName, NETWORK_TYPES, NODE_KINDS, portLabel, TITLE_FROM_REFERRER } from './resource-kinds';

/** A box around nodes: an environment, a VPC or an availability zone. */
export interface DiagramCluster {
  readonly id: string;
  readonly label: string;
  readonly kind: 'environment' | 'vpc' | 'zone';
  readonly parent?: string;
}

/** One box in the diagram, standing for one synthesized resource (or a network peer). */
export interface DiagramNode {
  readonly id: string;
  /** `stack/type.name` of the resource; undefined for peers such as "0.0.0.0/0". */
  readonly resource?: string;
  readonly type: string;
  readonly label: string;
  readonly shape: string;
  readonly color: string;
  readonly cluster: string;
}

/** An arrow: allowed traffic (security group rule), a route, or a plain reference. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'security-group' | 'route' | 'reference';
  readonly label?: string;
}

export interface Diagram {
  readonly clusters: readonly DiagramCluster[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

const PEER_COLOR = '#ffffff';

/** The node ID of a resource: unique across stacks. */
export function nodeId(stack: string, address: string): string {
  return `${stack}/${address}`;
}

class DiagramBuilder {
  public readonly clusters = new Map<string, DiagramCluster>();
  public readonly nodes = new Map<string, DiagramNode>();
  private readonly edges = new Map<string, DiagramEdge>();

  public cluster(cluster: DiagramCluster): string {
    if (!this.clusters.has(cluster.id)) this.clusters.set(cluster.id, cluster);
    return cluster.id;
  }

  public node(node: DiagramNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  public edge(edge: DiagramEdge): void {
    this.edges.set(`${edge.from}|${edge.to}|${edge.kind}|${edge.label ?? ''}`, edge);
  }

  public build(): Diagram {
    return { clusters: [...this.clusters.values()], nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

/** Everything the builder needs to know about one stack's resources. */
class StackIndex {
  public readonly resources: TfResource[];
  public readonly byAddress: Map<string, TfResource>;
  /** Direct references of each resource. */
  public readonly refs = new Map<string, string[]>();
  /** Who references each resource. */
  public readonly referrers = new Map<string, string[]>();

  constructor(public readonly stack: StackInput) {
    this.resources = resourcesOfStack(stack);
    this.byAddress = new Map(this.resources.map((resource) => [resource.address, resource]));
    for (const resource of this.resources) {
      const refs = referencesIn(resource.body).filter((address) => this.byAddress.has(address));
      this.refs.set(resource.address, refs);
      for (const target of refs) this.referrers.set(target, [...(this.referrers.get(target) ?? []), resource.address]);
    }
  }

  public typeOf(address: string): string {
    return address.slice(0, address.indexOf('.'));
  }

  public isNode(address: string): boolean {
    return this.typeOf(address) in NODE_KINDS;
  }

  /**
   * References of a node plus those of the helper resources it references (a launch template's
   * security groups belong to the instance or group launched from it).
   */
  public reach(address: string): string[] {
    const direct = this.refs.get(address) ?? [];
    const reached = new Set(direct);
    for (const target of direct) {
      const type = this.typeOf(target);
      if (this.isNode(target) || type === NETWORK_TYPES.ingressRule || type === NETWORK_TYPES.securityGroup) continue;
      for (const next of this.refs.get(target) ?? []) reached.add(next);
    }
    reached.delete(address);
    return [...reached];
  }
}

function subnetTitle(subnet: TfResource): string {
  const tier = subnet.body.tags?.Tier;
  return typeof tier === 'string' ? `${tier} subnet` : 'subnet';
}

/** The address range (or prefix list) a rule admits, when it names no security group. */
function peerOf(rule: Record<string, any>): string | undefined {
  const cidr = rule.cidr_ipv4 ?? rule.cidr_ipv6 ?? rule.prefix_list_id ?? rule.cidr_blocks?.[0];
  return typeof cidr === 'string' ? cidr : undefined;
}

/**
 * Builds the diagram of synthesized stacks: one cluster per environment (the stacks' Environment
 * tag), the VPC inside it, a cluster per availability zone inside the VPC; a node for each
 * resource of a type in NODE_KINDS, placed in the zone of its one subnet, else the VPC it
 * references, else its environment; and an edge for every security group ingress rule (source
 * to destination, labelled with the port), every default route to a NAT or internet gateway,
 * and every direct reference between two nodes. `allStacks` are searched for the state bucket's name.
 */
export function buildDiagram(stacks: readonly StackInput[], allStacks: readonly StackInput[] = stacks): Diagram {
  const diagram = new DiagramBuilder();
  // A bucket that any stack keeps its state in is the state bucket, even when that stack is drawn elsewhere.
  const stateBuckets = new Set(allStacks.map((stack) => stateBucketOf(stack.json)).filter((bucket): bucket is string => !!bucket));
  for (const stack of stacks) {
    const environment = stackEnvironment(stack.json) ?? stack.name;
    const environmentCluster = diagram.cluster({ id: `env:${environment}`, label: `environment: ${environment}`, kind: 'environment' });
    addStack(diagram, new StackIndex(stack), environmentCluster, stateBuckets);
  }
  return diagram.build();
}

function addStack(diagram: DiagramBuilder, index: StackIndex, environmentCluster: string, stateBuckets: ReadonlySet<string>): void {
  const stack = index.stack.name;
  const id = (address: string) => nodeId(stack, address);
  const ofType = (type: string) => index.resources.filter((resource) => resource.type === type);

  // VPCs and their zones.
  const vpcCluster = new Map<string, string>();
  for (const vpc of ofType(NETWORK_TYPES.vpc)) {
    const cidr = typeof vpc.body.cidr_block === 'string' ? ` ${vpc.body.cidr_block}` : '';
    vpcCluster.set(
      vpc.address,
      diagram.cluster({ id: id(vpc.address), label: `VPC ${displayName(vpc)}${cidr}`, kind: 'vpc', parent: environmentCluster }),
    );
  }
  const vpcOf = (address: string): string | undefined => {
    const resource = index.byAddress.get(address);
    if (!resource) return undefined;
    if (resource.type === NETWORK_TYPES.vpc) return address;
    const vpc = referenceOf(resource.body.vpc_id);
    return vpc && vpcCluster.has(vpc) ? vpc : undefined;
  };
  const zoneCluster = new Map<string, string>();
  for (const subnet of ofType(NETWORK_TYPES.subnet)) {
    const vpc = vpcOf(subnet.address);
    const zone = typeof subnet.body.availability_zone === 'string' ? subnet.body.availability_zone : 'unknown zone';
    const parent = vpc ? (vpcCluster.get(vpc) as string) : environmentCluster;
    zoneCluster.set(subnet.address, diagram.cluster({ id: `${parent}/${zone}`, label: zone, kind: 'zone', parent }));
  }

  // Nodes, placed by the network resources they reach.
  const placement = new Map<string, string>();
  const nodes = index.resources.filter((resource) => index.isNode(resource.address));
  for (const resource of nodes) {
    const reached = resource.type === NETWORK_TYPES.subnet ? [resource.address] : index.reach(resource.address);
    const subnets = reached.filter((address) => index.typeOf(address) === NETWORK_TYPES.subnet);
    const vpc = reached.map(vpcOf).find((found) => found !== undefined);
    const cluster = subnets.length === 1 ? zoneCluster.get(subnets[0]) : vpc ? vpcCluster.get(vpc) : undefined;
    if (cluster) placement.set(resource.address, cluster);
  }
  // A node that reaches no network but serves nodes of one VPC (a file system behind its mount
  // targets) is drawn in that VPC.
  for (const resource of nodes) {
    if (placement.has(resource.address)) continue;
    const clusters = new Set(
      (index.referrers.get(resource.address) ?? [])
        .map((referrer) => placement.get(referrer))
        .filter((cluster): cluster is string => cluster !== undefined)
        .map((cluster) => diagram.clusters.get(cluster))
        .map((cluster) => (cluster?.kind === 'zone' ? cluster.parent : cluster?.id)),
    );
    if (clusters.size === 1) placement.set(resource.address, [...clusters][0] as string);
  }
  for (const resource of nodes) {
    const kind = NODE_KINDS[resource.type];
    const referrerTitles = TITLE_FROM_REFERRER[resource.type] ?? {};
    const specific = (index.referrers.get(resource.address) ?? []).map((referrer) => referrerTitles[index.typeOf(referrer)]).find(Boolean);
    const isStateBucket = resource.type === 'aws_s3_bucket' && stateBuckets.has(resource.body.bucket);
    const title =
      resource.type === NETWORK_TYPES.subnet ? subnetTitle(resource) : isStateBucket ? 'S3 state bucket' : (specific ?? kind.title);
    const detail = kind.detail?.(resource.body, (ref) => {
      const address = referenceOf(ref);
      return address ? index.byAddress.get(address) : undefined;
    });
    const name = resource.type === NETWORK_TYPES.subnet ? undefined : displayName(resource);
    diagram.node({
      id: id(resource.address),
      resource: id(resource.address),
      type: resource.type,
      label: [title, name, detail].filter(Boolean).join('\n'),
      shape: kind.shape,
      color: kind.color,
      cluster: placement.get(resource.address) ?? environmentCluster,
    });
  }

  // Security groups are drawn as the nodes that use them; a group nobody uses yet is its own node.
  const ownersOf = new Map<string, string[]>();
  for (const group of ofType(NETWORK_TYPES.securityGroup)) {
    const owners = nodes.filter((node) => index.reach(node.address).includes(group.address)).map((node) => id(node.address));
    if (owners.length === 0) {
      const vpc = vpcOf(group.address);
      diagram.node({
        id: id(group.address),
        resource: id(group.address),
        type: group.type,
        label: `security group\n${displayName(group)}`,
        shape: 'box',
        color: '#ffffff',
        cluster: (vpc && vpcCluster.get(vpc)) || environmentCluster,
      });
      owners.push(id(group.address));
    }
    ownersOf.set(group.address, owners);
  }
  const addRule = (rule: Record<string, any>, groupAttribute: unknown, sourceGroupAttribute: unknown) => {
    const group = referenceOf(groupAttribute);
    const targets = group ? (ownersOf.get(group) ?? []) : [];
    const sourceGroup = referenceOf(sourceGroupAttribute);
    let sources: string[];
    if (sourceGroup) {
      sources = ownersOf.get(sourceGroup) ?? [];
    } else {
      const peer = peerOf(rule);
      if (!peer) return;
      const peerId = `${environmentCluster}/peer/${peer}`;
      const label = peer === '0.0.0.0/0' || peer === '::/0' ? `internet\n${peer}` : peer;
      diagram.node({ id: peerId, type: 'peer', label, shape: 'ellipse', color: PEER_COLOR, cluster: environmentCluster });
      sources = [peerId];
    }
    for (const from of sources) {
      for (const to of targets) diagram.edge({ from, to, kind: 'security-group', label: portLabel(rule) });
    }
  };
  for (const rule of ofType(NETWORK_TYPES.ingressRule))
    addRule(rule.body, rule.body.security_group_id, rule.body.referenced_security_group_id);
  for (const rule of ofType('aws_security_group_rule').filter((r) => r.body.type === 'ingress')) {
    addRule(rule.body, rule.body.security_group_id, rule.body.source_security_group_id);
  }

  // Routes: each subnet to the gateway its route table sends a destination to.
  const subnetsOfTable = (table: string | undefined) =>
    ofType(NETWORK_TYPES.routeTableAssociation)
      .filter((association) => table && referenceOf(association.body.route_table_id) === table)
      .map((association) => referenceOf(association.body.subnet_id))
      .filter((subnet): subnet is string => subnet !== undefined && index.byAddress.has(subnet));
  for (const route of ofType(NETWORK_TYPES.route)) {
    const gateway = [route.body.nat_gateway_id, route.body.gateway_id].map(referenceOf).find((ref) => ref && index.isNode(ref));
    if (!gateway) continue;
    for (const subnet of subnetsOfTable(referenceOf(route.body.route_table_id))) {
      diagram.edge({ from: id(subnet), to: id(gateway), kind: 'route', label: route.body.destination_cidr_block });
    }
  }
  for (const endpoint of ofType('aws_vpc_endpoint')) {
    for (const table of (endpoint.body.route_table_ids ?? []) as unknown[]) {
      for (const subnet of subnetsOfTable(referenceOf(table))) diagram.edge({ from: id(subnet), to: id(endpoint.address), kind: 'route' });
    }
  }

  // Direct references between two drawn resources (mount target to file system, CDN to bucket).
  for (const resource of nodes) {
    for (const target of index.refs.get(resource.address) ?? []) {
      if (target !== resource.address && index.isNode(target) && index.typeOf(target) !== NETWORK_TYPES.subnet) {
        diagram.edge({ from: id(resource.address), to: id(target), kind: 'reference' });
      }
    }
  }
}
