import { createHash } from 'crypto';
import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { showValue, WebStackError } from '../core/errors';
import { policyDocument, PolicyStatement } from './policy-document';

/** The IAM role a grant attaches its statements to. */
export interface IGrantPrincipal {
  /**
   * The role's name, as `aws_iam_role_policy.role` takes it. For a role of the same stack this is
   * its `id` attribute, which for an IAM role is its name.
   */
  readonly roleName: string;
  /** The role's ARN. */
  readonly roleArn: string;
  /**
   * Eight characters that stand for the role in construct IDs: a policy granted to it is named
   * `<access>-<grantId>` under the resource, so grants to two roles never share an address.
   */
  readonly grantId: string;
}

/**
 * Something that can be granted permissions: it has a role that statements can be attached to.
 * `InstanceRole`, `WebServers`, `NodeFunction` and `ElasticBeanstalkApp` are grantable; a role
 * made with the provider class or one that exists already becomes one with `Grantee`.
 */
export interface IGrantable {
  readonly grantPrincipal: IGrantPrincipal;
}

/**
 * Whether `value` is grantable, by its shape rather than its class: a grantee built by another
 * copy of this package (two versions installed side by side) is still recognized.
 */
export function isGrantable(value: unknown): value is IGrantable {
  const principal = (value as Partial<IGrantable> | undefined)?.grantPrincipal;
  return (
    typeof principal === 'object' &&
    principal !== null &&
    typeof principal.roleName === 'string' &&
    typeof principal.roleArn === 'string' &&
    typeof principal.grantId === 'string'
  );
}

/** An IAM role ARN: arn:<partition>:iam::<account>:role/<optional path/><name>. */
export const IAM_ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/**
 * Makes roles that this library did not create grantable.
 *
 * @example
 * const ops = Grantee.fromRoleArn('arn:aws:iam::123456789012:role/ops');
 * secret.grantRead(ops);
 */
export class Grantee implements IGrantable {
  /** A role made with the provider's `IamRole` class, in this stack. */
  public static fromIamRole(role: IamRole): Grantee {
    return new Grantee({ roleName: role.id, roleArn: role.arn, grantId: role.node.addr.slice(0, 8) });
  }

  /**
   * A role that exists already, by its ARN; nothing is looked up, so plans stay offline. The
   * ARN must be a literal: its name is read from it and its hash names the grants.
   */
  public static fromRoleArn(roleArn: string): Grantee {
    const match = Token.isUnresolved(roleArn) ? null : IAM_ROLE_ARN_PATTERN.exec(roleArn);
    if (!match) {
      throw new WebStackError(
        `roleArn ${showValue(roleArn)} is not an IAM role ARN; pass a literal such as "arn:aws:iam::123456789012:role/ops" (a role of this stack: Grantee.fromIamRole(role))`,
      );
    }
    const grantId = createHash('sha256').update(roleArn).digest('hex').slice(0, 8);
    return new Grantee({ roleName: match[1], roleArn, grantId });
  }

  private constructor(public readonly grantPrincipal: IGrantPrincipal) {}
}

/** What `grant` attaches, and under which names. */
export interface GrantOptions {
  /** The grantee whose role receives the statements. */
  readonly grantee: IGrantable;
  /** The kind of access, such as "read"; the policy's construct ID is `<access>-<grantId>`. */
  readonly access: string;
  /** Name of the inline policy on the role; unique among the role's policies. */
  readonly policyName: string;
  /** What the grantee may do. */
  readonly statements: readonly PolicyStatement[];
}

/**
 * Attaches `statements` to the grantee's role as an inline policy (`aws_iam_role_policy`) under
 * `scope`, the resource that grants them. Every `grant*` method of the library goes through here;
 * granting the same access to the same role twice returns the first policy.
 */
export function grant(scope: Construct, options: GrantOptions): IamRolePolicy {
  if (!isGrantable(options.grantee)) {
    throw new WebStackError(
      `grantee ${showValue(String(options.grantee))} has no grantPrincipal; pass an InstanceRole, WebServers, NodeFunction, or a role wrapped with Grantee.fromIamRole or Grantee.fromRoleArn`,
      scope,
    );
  }
  const principal = options.grantee.grantPrincipal;
  const id = `${options.access}-${principal.grantId}`;
  const existing = scope.node.tryFindChild(id);
  if (existing instanceof IamRolePolicy) return existing;
  return new IamRolePolicy(scope, id, {
    name: options.policyName,
    role: principal.roleName,
    policy: policyDocument(options.statements),
  });
}
