/** IP protocols a security group rule can name. "-1" means every protocol. */
export type IpProtocol = 'tcp' | 'udp' | 'icmp' | '-1';

/**
 * A port or port range for security group rules.
 *
 * @example
 * web.connections.allowFrom(loadBalancer, Port.tcp(80), 'HTTP from the load balancer');
 */
export class Port {
  /** A single TCP port. */
  public static tcp(port: number): Port {
    return new Port('tcp', port, port, `tcp-${port}`, `TCP ${port}`);
  }

  /** A range of TCP ports, both ends included. */
  public static tcpRange(fromPort: number, toPort: number): Port {
    return new Port('tcp', fromPort, toPort, `tcp-${fromPort}-${toPort}`, `TCP ${fromPort}-${toPort}`);
  }

  /** Every protocol and port. Use only towards peers you trust completely. */
  public static allTraffic(): Port {
    return new Port('-1', undefined, undefined, 'all', 'all traffic');
  }

  private constructor(
    /** The IP protocol. */
    public readonly protocol: IpProtocol,
    /** First port of the range; undefined for all traffic. */
    public readonly fromPort: number | undefined,
    /** Last port of the range; undefined for all traffic. */
    public readonly toPort: number | undefined,
    /** A stable identifier used in construct IDs, such as "tcp-443". */
    public readonly uniqueId: string,
    /** Human-readable label, such as "TCP 443". */
    public readonly label: string,
  ) {
    for (const port of [fromPort, toPort]) {
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        throw new Error(`port ${port} is out of range; use an integer from 0 to 65535`);
      }
    }
  }
}
