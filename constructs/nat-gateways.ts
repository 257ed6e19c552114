import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { ITerraformDependable } from 'cdktf';
import { WebStackError } from '../core/errors';

/**
 * How private subnets reach the internet.
 * - `single`: one NAT gateway for all zones. Cheapest; if its zone fails, private
 *   subnets in the other zones lose outbound access, and cross-zone traffic is billed.
 * - `perAz`: one NAT gateway per zone, each private subnet using its own zone's gateway.
 *   Survives a zone outage; costs one gateway-hour and one Elastic IP per zone.
 * - `none`: no NAT gateway; private subnets reach only the VPC and its endpoints.
 */
export type NatGatewayMode = 'single' | 'perAz' | 'none';

export interface NatGatewaysProps {
  /** Which zones get a gateway, see {@link NatGatewayMode}. */
  readonly mode: NatGatewayMode;
  /** Public subnets by availability zone; gateways are placed in these. */
  readonly publicSubnets: Readonly<Record<string, Subnet>>;
  /**
   * Zone of the gateway in `single` mode.
   *
   * @default - the first zone in alphabetical order
   */
  readonly singleGatewayZone?: string;
  /** Prefix for Name tags. */
  readonly namePrefix: string;
  /**
   * Resources the gateways wait for (the internet gateway): AWS requires it before a NAT
   * gateway can route.
   *
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * NAT gateways, each with its own Elastic IP, keyed by availability zone.
 * `gatewayForZone(az)` answers which gateway a private subnet in `az` should route through.
 */
export class NatGateways extends Construct {
  /** The gateways by the zone they stand in. */
  public readonly gateways: Readonly<Record<string, NatGateway>>;
  /** Their Elastic IPs by zone; outbound traffic from private subnets comes from these. */
  public readonly elasticIps: Readonly<Record<string, Eip>>;

  constructor(scope: Construct, id: string, props: NatGatewaysProps) {
    super(scope, id);
    const zones = Object.keys(props.publicSubnets).sort();
    const singleZone = props.singleGatewayZone ?? zones[0];
    if (props.mode === 'single' && !zones.includes(singleZone)) {
      throw new WebStackError(
        `singleNatGatewayZone "${singleZone}" is not one of the network's zones (${zones.join(', ')}); pick one of them`,
        this,
      );
    }
    const gatewayZones = props.mode === 'perAz' ? zones : props.mode === 'single' ? [singleZone] : [];
    const gateways: Record<string, NatGateway> = {};
    const elasticIps: Record<string, Eip> = {};
    for (const zone of gatewayZones) {
      const eip = new Eip(this, `eip-${zone}`, {
        domain: 'vpc',
        tags: { Name: `${props.namePrefix}-nat-${zone}` },
        dependsOn: props.dependsOn,
      });
      elasticIps[zone] = eip;
      gateways[zone] = new NatGateway(this, `nat-${zone}`, {
        allocationId: eip.allocationId,
        subnetId: props.publicSubnets[zone].id,
        tags: { Name: `${props.namePrefix}-nat-${zone}` },
        dependsOn: props.dependsOn,
      });
    }
    this.gateways = gateways;
    this.elasticIps = elasticIps;
  }

  /** The gateway that private subnets in `zone` use, or undefined in `none` mode. */
  public gatewayForZone(zone: string): NatGateway | undefined {
    return this.gateways[zone] ?? Object.values(this.gateways)[0];
  }
}
