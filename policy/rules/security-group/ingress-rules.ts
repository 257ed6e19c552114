import { RuleContext, SynthesizedResource } from '../../rule';
import { blocks, isExpression, list, numberValue, referencesIn, stringValue } from '../../values';

/** One ingress permission, whichever of the three Terraform shapes it was written in. */
export interface IngressPermission {
  /** The group the rule belongs to, when it is a resource of this stack. */
  readonly group?: SynthesizedResource;
  /** The ID of the group the rule belongs to, when that group exists outside this stack. */
  readonly existingGroupId?: string;
  readonly cidrs: readonly string[];
  /** Normalized protocol: `-1` for all, else lower case (`tcp`, `udp`, `icmp`, `6`...). */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly description?: string;
}

export const WORLD = ['0.0.0.0/0', '::/0'];

function groupOf(value: unknown, context: RuleContext): SynthesizedResource | undefined {
  const reference = referencesIn(value).find((r) => r.address.startsWith('aws_security_group.'));
  return reference ? context.stack.find(reference.address) : undefined;
}

function existingGroupIdOf(value: unknown): string | undefined {
  return typeof value === 'string' && !isExpression(value) ? value : undefined;
}

function protocolOf(value: unknown, attribute: string): string {
  const protocol = (stringValue(value, attribute) ?? '-1').toLowerCase();
  return protocol === 'all' ? '-1' : protocol;
}

function cidrsOf(value: unknown, attribute: string): string[] {
  return list(value).map((cidr) => stringValue(cidr, attribute) ?? '');
}

/** The ingress permissions a resource declares; empty for egress rules and other resources. */
export function ingressPermissions(resource: SynthesizedResource, context: RuleContext): IngressPermission[] {
  const c = resource.config;
  switch (resource.type) {
    case 'aws_vpc_security_group_ingress_rule':
      return [
        {
          group: groupOf(c.security_group_id, context),
          existingGroupId: existingGroupIdOf(c.security_group_id),
          cidrs: [...cidrsOf(c.cidr_ipv4, 'cidr_ipv4'), ...cidrsOf(c.cidr_ipv6, 'cidr_ipv6')],
          protocol: protocolOf(c.ip_protocol, 'ip_protocol'),
          fromPort: numberValue(c.from_port, 'from_port'),
          toPort: numberValue(c.to_port, 'to_port'),
          description: c.description ?? undefined,
        },
      ];
    case 'aws_security_group_rule':
      if (c.type !== 'ingress') return [];
      return [
        {
          group: groupOf(c.security_group_id, context),
          existingGroupId: existingGroupIdOf(c.security_group_id),
          cidrs: [...cidrsOf(c.cidr_blocks, 'cidr_blocks'), ...cidrsOf(c.ipv6_cidr_blocks, 'ipv6_cidr_blocks')],
          protocol: protocolOf(c.protocol, 'protocol'),
          fromPort: numberValue(c.from_port, 'from_port'),
          toPort: numberValue(c.to_port, 'to_port'),
          description: c.description ?? undefined,
        },
      ];
    case 'aws_security_group':
    case 'aws_default_security_group':
      return blocks(c.ingress).map((rule) => ({
        group: resource,
        cidrs: [...cidrsOf(rule.cidr_blocks, 'ingress.cidr_blocks'), ...cidrsOf(rule.ipv6_cidr_blocks, 'ingress.ipv6_cidr_blocks')],
        protocol: protocolOf(rule.protocol, 'ingress.protocol'),
        fromPort: numberValue(rule.from_port, 'ingress.from_port'),
        toPort: numberValue(rule.to_port, 'ingress.to_port'),
        description: rule.description ?? undefined,
      }));
    default:
      return [];
  }
}

/** True when the permission opens every port: all protocols, or a TCP/UDP range 0/1 to 65535. */
export function allPorts(permission: IngressPermission): boolean {
  if (permission.protocol === '-1') return true;
  const ranged = ['tcp', 'udp', '6', '17'].includes(permission.protocol);
  return ranged && (permission.fromPort ?? 0) <= 1 && (permission.toPort ?? 65535) >= 65535;
}

/** `tcp 22`, `tcp 0-65535`, `all traffic`: how a permission reads in a finding. */
export function portLabel(permission: IngressPermission): string {
  if (permission.protocol === '-1') return 'all traffic';
  const range = permission.fromPort === permission.toPort ? `${permission.fromPort}` : `${permission.fromPort}-${permission.toPort}`;
  return `${permission.protocol} ${range}`;
}

export const INGRESS_RULE_TYPES = ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'aws_security_group'];
