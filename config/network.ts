import { z } from 'zod';
import { findNetworkLayoutProblems, Network } from '../index';

export const networkSchema = z
  .object({
    /** The VPC's IPv4 block. */
    cidrBlock: z.string().default(Network.DEFAULT_CIDR_BLOCK),
    /** Subnet ranges keyed by availability zone name. */
    availabilityZones: z.record(
      z.string(),
      z.strictObject({
        /** The zone's public subnet (load balancer, NAT gateway, bastion), inside the VPC's block. */
        publicCidr: z.string(),
        /** The zone's private subnet (web servers, database, file system), inside the VPC's block. */
        privateCidr: z.string(),
      }),
    ),
    /** NAT gateway layout: single, perAz or none. "none" is refused: the WordPress web servers need the internet at boot. */
    natGateways: z
      .enum(['single', 'perAz', 'none'], { error: 'must be "single", "perAz" or "none"' })
      .default(Network.DEFAULT_NAT_GATEWAYS),
    /** Zone of the NAT gateway in single mode; default the first zone. */
    singleNatGatewayZone: z.string().optional(),
  })
  .strict()
  .superRefine((network, ctx) => {
    for (const problem of findNetworkLayoutProblems(network)) {
      ctx.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message });
    }
    const zone = network.singleNatGatewayZone;
    if (zone !== undefined && !(zone in network.availabilityZones)) {
      ctx.addIssue({
        code: 'custom',
        path: ['singleNatGatewayZone'],
        message: `"${zone}" is not one of availabilityZones (${Object.keys(network.availabilityZones).join(', ')}); pick one of them`,
      });
    }
  });
