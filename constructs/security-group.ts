import { Construct, IConstruct } from 'constructs';
import { TerraformStack, Token } from 'cdktf';
import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { showValue, WebStackError } from '../core/errors';
import { IPeer } from './peer';
import { Port } from './port';

/** A security group ID: "sg-" and 8 to 17 hexadecimal digits. */
export const SECURITY_GROUP_ID_PATTERN = /^sg-[0-9a-f]{8,17}$/;

/**
 * A security group the constructs can attach and add rules to: one this library creates
 * (`new SecurityGroup(…)`) or one that exists already (`SecurityGroup.fromSecurityGroupId(…)`).
 * Every construct that takes a `securityGroup` takes this interface.
 */
export interface ISecurityGroup extends IConstruct, IPeer {
  /** The group's ID. */
  readonly securityGroupId: string;
  /** Allows traffic from `peer` on `port`. Adding the same rule twice is a no-op. */
  addIngressRule(peer: IPeer, port: Port, description: string): void;
  /** Allows traffic to `peer` on `port`. Adding the same rule twice is a no-op. */
  addEgressRule(peer: IPeer, port: Port, description: string): void;
}

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

/** How `SecurityGroup.fromSecurityGroupId` treats a group that exists already. */
export interface SecurityGroupImportOptions {
  /**
   * Name used in error messages and diagrams.
   *
   * @default - the group's ID
   */
  readonly label?: string;
  /**
   * Whether the constructs may add rules to the group. Each rule becomes its own
   * `aws_vpc_security_group_*_rule` resource against the group's ID, owned by this stack, and
   * egress rules are added too (the library does not assume the group allows all outbound
   * traffic). With `false` the group's rules are left to its owner: rules the constructs would
   * add to it are skipped, while the matching rules on the other side of a `connections` call
   * are still added.
   *
   * @default true
   */
  readonly mutable?: boolean;
}

/** Rule bookkeeping shared by created and imported groups. */
abstract class SecurityGroupBase extends Construct implements ISecurityGroup {
  public abstract readonly securityGroupId: string;
  public abstract readonly label: string;
  public readonly peerId: string;
  private readonly ruleIds = new Set<string>();

  constructor(
    scope: Construct,
    id: string,
    private readonly mutable: boolean,
  ) {
    super(scope, id);
    // Relative to the stack, so the same construct tree yields the same rule IDs in any stack.
    const stackPath = TerraformStack.of(this).node.path;
    const relativePath = this.node.path.slice(stackPath.length).replace(/^\//, '');
    this.peerId = `sg-${relativePath.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  }

  public toRuleTarget() {
    return { referencedSecurityGroupId: this.securityGroupId };
  }

  public addIngressRule(peer: IPeer, port: Port, description: string): void {
    this.addRule('ingress', peer, port, description);
  }

  public addEgressRule(peer: IPeer, port: Port, description: string): void {
    this.addRule('egress', peer, port, description);
  }

  private addRule(direction: 'ingress' | 'egress', peer: IPeer, port: Port, description: string): void {
    if (description.trim() === '') {
      throw new WebStackError(`${direction} rule ${port.label} for ${peer.label}: description is empty; say why the rule exists`, this);
    }
    const id = `${direction}-${port.uniqueId}-${peer.peerId}`;
    if (!this.mutable || this.ruleIds.has(id)) {
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

/**
 * A security group whose rules are separate `aws_vpc_security_group_*_rule` resources,
 * each with a description, so rules can be added from anywhere without fighting over an
 * inline rule list. It starts with no rules at all: Terraform removes the allow-all egress
 * rule AWS adds to new groups, so outbound traffic must be granted as deliberately as inbound.
 *
 * Prefer `connections` on the construct that owns the group to calling these methods directly.
 *
 * @example
 * // A group another team manages, for the database instead of a new one:
 * const shared = SecurityGroup.fromSecurityGroupId(this, 'shared-db-sg', 'sg-0123456789abcdef0');
 * new Database(this, 'database', { name: 'web-dev', network, securityGroup: shared });
 */
export class SecurityGroup extends SecurityGroupBase {
  /**
   * A security group that exists already, by ID. It creates no group and reads nothing from
   * AWS, so plans stay offline; rules the constructs add to it are new resources against the
   * ID (see `SecurityGroupImportOptions.mutable`). The ID may be a token, such as another
   * resource's attribute; a literal is checked at synth.
   */
  public static fromSecurityGroupId(
    scope: Construct,
    id: string,
    securityGroupId: string,
    options: SecurityGroupImportOptions = {},
  ): ISecurityGroup {
    return new ImportedSecurityGroup(scope, id, securityGroupId, options);
  }

  public readonly resource: SecurityGroupResource;
  /** The group's ID. */
  public readonly securityGroupId: string;
  public readonly label: string;

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id, true);
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
    this.label = props.name;
  }
}

/** A group given by ID: no resource of its own, only the rules added to it. */
class ImportedSecurityGroup extends SecurityGroupBase {
  public readonly securityGroupId: string;
  public readonly label: string;

  constructor(scope: Construct, id: string, securityGroupId: string, options: SecurityGroupImportOptions) {
    super(scope, id, options.mutable ?? true);
    const literal = !Token.isUnresolved(securityGroupId);
    if (literal && !SECURITY_GROUP_ID_PATTERN.test(securityGroupId)) {
      throw new WebStackError(
        `securityGroupId ${showValue(securityGroupId)} is not a security group ID; pass the ID of an existing group, such as "sg-0123456789abcdef0" (or a token that resolves to one)`,
        this,
      );
    }
    if (options.label !== undefined && options.label.trim() === '') {
      throw new WebStackError('label is empty; name the group for error messages, or leave label out to use its ID', this);
    }
    this.securityGroupId = securityGroupId;
    this.label = options.label ?? (literal ? securityGroupId : id);
  }
}
