import { Construct } from 'constructs';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';

/** One stateless rule. Rule numbers are evaluated lowest first. */
export interface NetworkAclEntry {
  /** Stable name, used in the construct ID so reordering never replaces other rules. */
  readonly name: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  /** "tcp" or "-1" for all protocols. */
  readonly protocol: 'tcp' | 'udp' | '-1';
  readonly cidrBlock: string;
  readonly fromPort?: number;
  readonly toPort?: number;
}

/** Ports 1024-65535: where clients and NAT gateways expect replies. */
export const EPHEMERAL_PORTS = { fromPort: 1024, toPort: 65535 } as const;
const ANYWHERE = '0.0.0.0/0';

export interface NetworkAclsProps {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  /** CIDRs allowed to SSH into the public tier (the bastion). */
  readonly sshCidrs: readonly string[];
  readonly namePrefix: string;
}

/** The public tier's rules: web and SSH in, replies out, anything inside the VPC. */
export function publicTierRules(vpcCidr: string, sshCidrs: readonly string[]): NetworkAclEntry[] {
  return [
    { name: 'in-vpc', ruleNumber: 100, egress: false, protocol: '-1', cidrBlock: vpcCidr },
    { name: 'in-http', ruleNumber: 110, egress: false, protocol: 'tcp', cidrBlock: ANYWHERE, fromPort: 80, toPort: 80 },
    { name: 'in-https', ruleNumber: 120, egress: false, protocol: 'tcp', cidrBlock: ANYWHERE, fromPort: 443, toPort: 443 },
    // Replies to connections opened from inside: the NAT gateway's and the bastion's downloads.
    { name: 'in-ephemeral', ruleNumber: 130, egress: false, protocol: 'tcp', cidrBlock: ANYWHERE, ...EPHEMERAL_PORTS },
    ...sshCidrs.map((cidr, index): NetworkAclEntry => ({
      name: `in-ssh-${cidr.replace(/[./]/g, '-')}`,
      ruleNumber: 200 + index,
      egress: false,
      protocol: 'tcp',
      cidrBlock: cidr,
      fromPort: 22,
      toPort: 22,
    })),
    { name: 'out-vpc', ruleNumber: 100, egress: true, protocol: '-1', cidrBlock: vpcCidr },
    { name: 'out-http', ruleNumber: 110, egress: true, protocol: 'tcp', cidrBlock: ANYWHERE, fromPort: 80, toPort: 80 },
    { name: 'out-https', ruleNumber: 120, egress: true, protocol: 'tcp', cidrBlock: ANYWHERE, fromPort: 443, toPort: 443 },
    // Replies to web and SSH clients on the internet.
    { name: 'out-ephemeral', ruleNumber: 130, egress: true, protocol: 'tcp', cidrBlock: ANYWHERE, ...EPHEMERAL_PORTS },
  ];
}

/** The private tier's rules: anything inside the VPC, HTTP(S) out through the NAT, replies in. */
export function privateTierRules(vpcCidr: string): NetworkAclEntry[] {
  return [
    { name: 'in-vpc', ruleNumber: 100, egress: false, protocol: '-1', cidrBlock: vpcCidr },
    { name: 'in-ephemeral', ruleNumber: 130, egress: false, protocol: 'tcp', cidrBlock: ANYWHERE, ...EPHEMERAL_PORTS },
    { name: 'out-vpc', ruleNumber: 100, egress: true, protocol: '-1', cidrBlock: vpcCidr },
    { name: 'out-http', ruleNumber: 110, egress: true, protocol: 'tcp', cidrBlock: ANYWHERE, fromPort: 80, toPort: 80 },
    { name: 'out-https', ruleNumber: 120, egress: true, protocol: 'tcp', cidrBlock: ANYWHERE, fromPort: 443, toPort: 443 },
  ];
}

/**
 * Network ACLs for the public and private tiers, written out rule by rule. ACLs are
 * stateless: unlike security groups they do not remember a connection, so every reply
 * path (ephemeral ports 1024-65535) is allowed explicitly.
 */
export class NetworkAcls extends Construct {
  public readonly publicAcl: NetworkAcl;
  public readonly privateAcl: NetworkAcl;

  constructor(scope: Construct, id: string, props: NetworkAclsProps) {
    super(scope, id);
    this.publicAcl = this.createAcl(
      'public',
      props.vpcId,
      props.publicSubnetIds,
      publicTierRules(props.vpcCidr, props.sshCidrs),
      props.namePrefix,
    );
    this.privateAcl = this.createAcl('private', props.vpcId, props.privateSubnetIds, privateTierRules(props.vpcCidr), props.namePrefix);
  }

  private createAcl(tier: string, vpcId: string, subnetIds: string[], rules: NetworkAclEntry[], namePrefix: string): NetworkAcl {
    const acl = new NetworkAcl(this, tier, { vpcId, subnetIds, tags: { Name: `${namePrefix}-${tier}` } });
    // Read once: each read of a provider attribute makes a new token, with a stack trace.
    const networkAclId = acl.id;
    for (const rule of rules) {
      new NetworkAclRule(this, `${tier}-${rule.name}`, {
        networkAclId,
        ruleNumber: rule.ruleNumber,
        egress: rule.egress,
        protocol: rule.protocol,
        ruleAction: 'allow',
        cidrBlock: rule.cidrBlock,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
      });
    }
    return acl;
  }
}
