import { spawnSync } from 'child_process';
import { synthesizeProject } from '../support/project';
import { config } from '../../config/environments';
import { referencesIn, referenceOf, resourcesOfStack, stackEnvironment, StackInput, TfResource } from '../../scripts/cli/terraform-json';
import { environmentStacks } from '../../scripts/diagram';
import { quote, renderDot, renderSvg, stackSvgs } from '../../scripts/diagram/dot';
import { buildDiagram, nodeId } from '../../scripts/diagram/graph';
import { NODE_KINDS, portLabel } from '../../scripts/diagram/resource-kinds';

/** What a DOT file says, read back from the text: nodes with their enclosing clusters, and edges. */
interface ParsedDot {
  readonly nodes: Map<string, { label: string; clusters: string[] }>;
  readonly edges: { from: string; to: string; label?: string }[];
}

const STRING = '"((?:[^"\\\\]|\\\\.)*)"';
const unquote = (text: string) => text.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');

function parseDot(dot: string): ParsedDot {
  const nodes = new Map<string, { label: string; clusters: string[] }>();
  const edges: ParsedDot['edges'] = [];
  const open: string[] = [];
  const labelOf = (attributes: string) => {
    const match = new RegExp(`label=${STRING}`).exec(attributes);
    return match ? unquote(match[1]) : undefined;
  };
  for (const line of dot.split('\n').map((l) => l.trim())) {
    const cluster = new RegExp(`^subgraph ${STRING} \\{$`).exec(line);
    const edge = new RegExp(`^${STRING} -> ${STRING} \\[(.*)\\];$`).exec(line);
    const node = new RegExp(`^${STRING} \\[(.*)\\];$`).exec(line);
    if (cluster) open.push(unquote(cluster[1]).replace(/^cluster:/, ''));
    else if (line === '}') open.pop();
    else if (edge) edges.push({ from: unquote(edge[1]), to: unquote(edge[2]), label: labelOf(edge[3]) });
    else if (node) nodes.set(unquote(node[1]), { label: labelOf(node[2]) ?? '', clusters: [...open] });
  }
  return { nodes, edges };
}

const synthesized = synthesizeProject();
const allStacks: StackInput[] = synthesized.stacks.map((name) => ({ name, json: synthesized.stackJson(name) }));
const environments = Object.keys(config.environments);

/** Does `resource` use the group, directly or through what it references (a launch template)? */
function usesGroup(stack: StackInput, resource: TfResource, group: string): boolean {
  if (resource.address === group) return true;
  const byAddress = new Map(resourcesOfStack(stack).map((r) => [r.address, r]));
  const reached = referencesIn(resource.body);
  return reached.includes(group) || reached.some((address) => referencesIn(byAddress.get(address)?.body ?? {}).includes(group));
}

describe.each(environments)('diagram of environment %s', (environment) => {
  const stacks = environmentStacks(allStacks, environment);
  const dot = renderDot(buildDiagram(stacks, allStacks), environment);
  const parsed = parseDot(dot);
  const resources = stacks.flatMap((stack) => resourcesOfStack(stack).map((resource) => ({ stack, resource })));
  const nodeOf = (stack: StackInput, address: string) => parsed.nodes.get(nodeId(stack.name, address));

  test('every subnet is a node inside the cluster of its zone, inside the cluster of its VPC', () => {
    const subnets = resources.filter(({ resource }) => resource.type === 'aws_subnet');
    expect(subnets.length).toBeGreaterThanOrEqual(4);
    for (const { stack, resource } of subnets) {
      const node = nodeOf(stack, resource.address);
      const vpc = nodeId(stack.name, referenceOf(resource.body.vpc_id) as string);
      expect(node?.clusters.slice(-2)).toEqual([vpc, `${vpc}/${resource.body.availability_zone}`]);
      expect(node?.label).toContain(resource.body.cidr_block);
    }
  });

  test('each resource of a drawn type is exactly one node, the architecture pieces included', () => {
    const drawn = resources.filter(({ resource }) => resource.type in NODE_KINDS);
    for (const { stack, resource } of drawn) {
      expect(nodeOf(stack, resource.address)?.label).toContain(NODE_KINDS[resource.type].title.split(' ')[0]);
    }
    const resourceNodes = [...parsed.nodes.keys()].filter((id) => !id.includes('/peer/') && !id.includes('/aws_security_group.'));
    expect(resourceNodes.sort()).toEqual(drawn.map(({ stack, resource }) => nodeId(stack.name, resource.address)).sort());
    const types = new Set(drawn.map(({ resource }) => resource.type));
    for (const type of [
      'aws_vpc_endpoint',
      'aws_nat_gateway',
      'aws_instance',
      'aws_lb',
      'aws_autoscaling_group',
      'aws_db_instance',
      'aws_efs_file_system',
    ]) {
      expect(types).toContain(type);
    }
  });

  test('the website bucket and the bucket holding the state are labelled as such', () => {
    const websites = resources.filter(({ resource }) => resource.type === 'aws_s3_bucket_website_configuration');
    // Behind CloudFront the site's bucket has no website configuration (redirects are CloudFront's too).
    expect(websites.length > 0).toBe(config.environments[environment].website?.hosting === 's3-website');
    for (const { stack, resource } of websites) {
      expect(nodeOf(stack, referenceOf(resource.body.bucket) as string)?.label).toMatch(/^S3 website bucket\n/);
    }
    const labels = [...parsed.nodes.values()].map((node) => node.label);
    expect(labels).toContain(`S3 state bucket\n${config.project.stateBucket.name}`);
  });

  test('every ingress rule between two security groups is an edge from a user of the source group to a user of the target group, labelled with its port', () => {
    const rules = resources.filter(
      ({ resource }) => resource.type === 'aws_vpc_security_group_ingress_rule' && resource.body.referenced_security_group_id,
    );
    expect(rules.length).toBeGreaterThanOrEqual(4);
    for (const { stack, resource: rule } of rules) {
      const source = referenceOf(rule.body.referenced_security_group_id) as string;
      const target = referenceOf(rule.body.security_group_id) as string;
      const matching = parsed.edges.filter((edge) => {
        const from = resources.find(({ resource }) => nodeId(stack.name, resource.address) === edge.from)?.resource;
        const to = resources.find(({ resource }) => nodeId(stack.name, resource.address) === edge.to)?.resource;
        return edge.label === portLabel(rule.body) && !!from && !!to && usesGroup(stack, from, source) && usesGroup(stack, to, target);
      });
      expect(matching.length).toBeGreaterThanOrEqual(1);
    }
    // The web tier's three paths, as the architecture reads.
    const edgeLabels = parsed.edges.map((edge) => edge.label);
    expect(edgeLabels).toEqual(expect.arrayContaining(['tcp/80', 'tcp/3306', 'tcp/2049', 'tcp/22']));
  });

  test('ingress rules from address ranges are edges from a node for that range', () => {
    const rules = resources.filter(({ resource }) => resource.type === 'aws_vpc_security_group_ingress_rule' && resource.body.cidr_ipv4);
    for (const { resource: rule } of rules) {
      const peer = [...parsed.nodes.entries()].find(([id]) => id.endsWith(`/peer/${rule.body.cidr_ipv4}`));
      expect(peer).toBeDefined();
      expect(parsed.edges.some((edge) => edge.from === peer?.[0] && edge.label === portLabel(rule.body))).toBe(true);
    }
  });

  test('each private subnet routes to the NAT gateway its route table names', () => {
    const stack = stacks.find((s) => s.name === environment) as StackInput;
    const natMode = config.environments[environment].network.natGateways;
    const natEdges = parsed.edges.filter((edge) => edge.to.includes('/aws_nat_gateway.'));
    const privateSubnets = resourcesOfStack(stack).filter((r) => r.type === 'aws_subnet' && r.body.tags?.Tier === 'private');
    expect(natEdges.map((edge) => edge.from).sort()).toEqual(privateSubnets.map((subnet) => nodeId(stack.name, subnet.address)).sort());
    const gateways = new Set(natEdges.map((edge) => edge.to));
    expect(gateways.size).toBe(natMode === 'perAz' ? privateSubnets.length : 1);
    for (const edge of natEdges) {
      const subnetZone = parsed.nodes.get(edge.from)?.clusters.at(-1);
      if (natMode === 'perAz') expect(parsed.nodes.get(edge.to)?.clusters.at(-1)).toBe(subnetZone);
    }
  });

  test('the stacks drawn are the environment and the one that creates its state bucket', () => {
    expect(stacks.filter((stack) => stackEnvironment(stack.json) !== environment).map((stack) => stack.name)).toEqual(['state']);
  });
});

describe('DOT text', () => {
  test('quotes escape backslashes, quotes and line breaks', () => {
    expect(quote('a "b"\\c\nd')).toBe('"a \\"b\\"\\\\c\\nd"');
  });

  test('a security group no resource uses yet is drawn as its own node', () => {
    const stack: StackInput = {
      name: 's',
      json: {
        resource: {
          aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
          aws_security_group: { lonely: { name: 'lonely', vpc_id: '${aws_vpc.v.id}' } },
          aws_vpc_security_group_ingress_rule: {
            r: {
              security_group_id: '${aws_security_group.lonely.id}',
              cidr_ipv4: '10.0.0.0/8',
              ip_protocol: 'tcp',
              from_port: 5432,
              to_port: 5432,
            },
          },
        },
      },
    };
    const parsed = parseDot(renderDot(buildDiagram([stack])));
    expect(parsed.nodes.get('s/aws_security_group.lonely')?.clusters).toEqual(['env:s', 's/aws_vpc.v']);
    expect(parsed.edges).toEqual([{ from: 'env:s/peer/10.0.0.0/8', to: 's/aws_security_group.lonely', label: 'tcp/5432' }]);
  });

  test('port labels name the protocol and the range', () => {
    expect(portLabel({ ip_protocol: 'tcp', from_port: 1024, to_port: 65535 })).toBe('tcp/1024-65535');
    expect(portLabel({ ip_protocol: '-1' })).toBe('all traffic');
  });
});

describe('SVG rendering', () => {
  test('Graphviz dot renders the diagram to SVG with the node labels', () => {
    // Fails (not skips) without Graphviz: .ci/run installs it and the diagram needs it.
    expect(spawnSync('dot', ['-V']).error).toBeUndefined();
    const svg = renderSvg(renderDot(buildDiagram(environmentStacks(allStacks, 'dev'), allStacks), 'dev'));
    expect(svg).toContain('<svg');
    expect(svg).toContain('Auto Scaling group');
    expect(svg).toContain('tcp/3306');
  });

  test('several SVG documents stack top to bottom in one, sizes in points', () => {
    const one = '<?xml version="1.0"?>\n<svg width="100pt" height="50pt" viewBox="0 0 100 50"><g/></svg>';
    const two = '<svg width="80pt" height="30pt" viewBox="0 0 80 30"><g/></svg>';
    const combined = stackSvgs([one, two], 10);
    expect(combined).toContain('width="100pt" height="90pt" viewBox="0 0 100 90"');
    expect(combined).toContain('<svg x="0" y="0" width="100" height="50"');
    expect(combined).toContain('<svg x="0" y="60" width="80" height="30"');
    expect(combined.match(/<\?xml/g)).toHaveLength(1);
  });
});
