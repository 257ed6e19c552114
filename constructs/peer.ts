import { WebStackError } from '../core/errors';
import { describeCidrProblem } from './private/cidr';

/** What a security group rule points at: a CIDR block or another security group. */
export interface IPeer {
  /** A stable identifier used in construct IDs, such as "cidr-203-0-113-0-24". */
  readonly peerId: string;
  /** Human-readable label for descriptions and diagrams. */
  readonly label: string;
  /** The fields of `aws_vpc_security_group_*_rule` that name this peer. */
  toRuleTarget(): { cidrIpv4?: string; referencedSecurityGroupId?: string };
}

class CidrPeer implements IPeer {
  public readonly peerId: string;
  public readonly label: string;

  constructor(private readonly cidr: string) {
    const problem = describeCidrProblem(cidr);
    if (problem) {
      throw new WebStackError(`peer CIDR "${cidr}": ${problem}`);
    }
    this.peerId = `cidr-${cidr.replace(/[./]/g, '-')}`;
    this.label = cidr;
  }

  public toRuleTarget() {
    return { cidrIpv4: this.cidr };
  }
}

/** Factories for CIDR peers. Security groups are peers themselves. */
export class Peer {
  /** An IPv4 CIDR block, such as an office network. */
  public static ipv4(cidr: string): IPeer {
    return new CidrPeer(cidr);
  }

  /** The whole IPv4 internet. Use only for public listeners and for outbound traffic. */
  public static anyIpv4(): IPeer {
    return new CidrPeer('0.0.0.0/0');
  }
}
