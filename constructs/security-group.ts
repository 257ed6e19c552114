import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { WebStackError } from '../core/errors';
import { IPeer } from './peer';
import { Port } from './port';

export interface SecurityGroupProps {
  /** The VPC the group belongs to. */
  readonly vpcId: string;
  /**
   * Name of the group, shown in its `Name` tag. The AWS group name is this plus a hyphen and a
   * unique suffix (`name_prefix`): a fixed name could not be replaced, because the replacement
   * is created before the old group is deleted and AWS refuses a second group of the same name.
   */
  readonly name: string;
  /** What the group is for; shown in the console. */
  readonly description: string;
}

/**
 * A security group whose rules are separate `aws_vpc_security_group_*_rule` resources,
 * each with a description, so rules can be added from anywhere without fighting over an
 * inline rule list. It starts with no rules at all: Terraform removes the allow-all egress
 * rule AWS adds to new groups, so outbound traffic must be granted as deliberately as inbound.
 *
 * Prefer `connections` on the construct that owns the group to calling these methods directly.
 */
export class SecurityGroup extends Construct implements IPeer {
  public readonly resource: SecurityGroupResource;
  /** The group's ID. */
  public readonly securityGroupId: string;
  public readonly peerId: string;
  public readonly label: string;
  private readonly ruleIds = new Set<string>();

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    if (props.description.trim() === '') {
      throw new WebStackError('description is empty; say what the security group is for', this);
    }
    this.resource = new SecurityGroupResource(this, 'Resource', {
      vpcId: props.vpcId,
      namePrefix: `${props.name}-`,
      description: props.description,
      tags: { Name: props.name },
      // Instances, databases and load balancers hold on to the group; the new one must exist
      // before they can let go of the old one. That needs `name_prefix`, not a fixed name.
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.resource.id;
    // Relative to the stack, so the same construct tree yields the same rule IDs in any stack.
    const stackPath = TerraformStack.of(this).node.path;
    const relativePath = this.node.path.slice(stackPath.length).replace(/^\//, '');
    this.peerId = `sg-${relativePath.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
    this.label = props.name;
  }

  public toRuleTarget() {
    return { referencedSecurityGroupId: this.securityGroupId };
  }

  /** Allows traffic from `peer` on `port`. Adding the same rule twice is a no-op. */
  public addIngressRule(peer: IPeer, port: Port, description: string): void {
    this.addRule('ingress', peer, port, description);
  }

  /** Allows traffic to `peer` on `port`. Adding the same rule twice is a no-op. */
  public addEgressRule(peer: IPeer, port: Port, description: string): void {
    this.addRule('egress', peer, port, description);
  }

  private addRule(direction: 'ingress' | 'egress', peer: IPeer, port: Port, description: string): void {
    if (description.trim() === '') {
      throw new WebStackError(`${direction} rule ${port.label} for ${peer.label}: description is empty; say why the rule exists`, this);
    }
    const id = `${direction}-${port.uniqueId}-${peer.peerId}`;
    if (this.ruleIds.has(id)) {
      return;
    }
    this.ruleIds.add(id);
    const ruleProps = {
      securityGroupId: this.securityGroupId,
      description,
      ipProtocol: port.protocol,
      fromPort: port.fromPort,
      toPort: port.toPort,
      ...peer.toRuleTarget(),
    };
    if (direction === 'ingress') {
      new VpcSecurityGroupIngressRule(this, id, ruleProps);
    } else {
      new VpcSecurityGroupEgressRule(this, id, ruleProps);
    }
  }
}
