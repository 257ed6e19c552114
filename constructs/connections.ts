import { WebStackError } from '../core/errors';
import { IPeer } from './peer';
import { Port } from './port';
import { ISecurityGroup } from './security-group';

/** Anything that owns a security group and can be reached or reach out through it. */
export interface IConnectable {
  readonly connections: Connections;
}

export interface ConnectionsProps {
  /** The security group that guards the owner: created by it, or an existing one it was given. */
  readonly securityGroup: ISecurityGroup;
  /**
   * The port the owner serves on, used by `allowDefaultPortFrom`.
   *
   * @default - no default port; `allowDefaultPortFrom` throws
   */
  readonly defaultPort?: Port;
}

/**
 * Whether `value` owns connections, by its shape rather than its class: a construct built by
 * another copy of this package (two versions installed side by side) has a `Connections` of a
 * different class, and `instanceof` would take it for a peer.
 */
export function isConnectable(value: unknown): value is IConnectable {
  const connections = (value as Partial<IConnectable> | undefined)?.connections;
  return (
    typeof connections === 'object' &&
    connections !== null &&
    typeof connections.allowFrom === 'function' &&
    typeof connections.securityGroup?.addIngressRule === 'function'
  );
}

/**
 * Wires security groups the way the architecture reads:
 * `database.connections.allowDefaultPortFrom(web)` adds the ingress rule on the database's
 * group and the matching egress rule on the web group, so neither side is left open wider
 * than the path needs.
 */
export class Connections {
  public readonly securityGroup: ISecurityGroup;
  public readonly defaultPort?: Port;

  constructor(props: ConnectionsProps) {
    this.securityGroup = props.securityGroup;
    this.defaultPort = props.defaultPort;
  }

  /** Lets `other` open connections to us on `port`. */
  public allowFrom(other: IConnectable | IPeer, port: Port, description: string): void {
    if (isConnectable(other)) {
      this.securityGroup.addIngressRule(other.connections.securityGroup, port, description);
      other.connections.securityGroup.addEgressRule(this.securityGroup, port, description);
    } else {
      this.securityGroup.addIngressRule(other, port, description);
    }
  }

  /** Lets us open connections to `other` on `port`. */
  public allowTo(other: IConnectable | IPeer, port: Port, description: string): void {
    if (isConnectable(other)) {
      other.connections.allowFrom({ connections: this }, port, description);
    } else {
      this.securityGroup.addEgressRule(other, port, description);
    }
  }

  /** Lets `other` reach us on the port we declared as our default. */
  public allowDefaultPortFrom(other: IConnectable | IPeer, description: string): void {
    if (!this.defaultPort) {
      throw new WebStackError(
        `security group "${this.securityGroup.label}" declares no default port; call allowFrom(other, port, description) instead`,
        this.securityGroup,
      );
    }
    this.allowFrom(other, this.defaultPort, description);
  }
}
