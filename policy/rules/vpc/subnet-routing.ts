import { RuleContext, SynthesizedResource } from '../../rule';
import { blocks, referencesIn } from '../../values';

function routesToInternetGateway(table: SynthesizedResource, context: RuleContext): boolean {
  const viaIgw = (gatewayId: unknown) => referencesIn(gatewayId).some((r) => r.address.startsWith('aws_internet_gateway.'));
  const inline = blocks(table.config.route).some((route) => viaIgw(route.gateway_id));
  const separate = context.stack.referencing(['aws_route'], 'route_table_id', table).some((route) => viaIgw(route.config.gateway_id));
  return inline || separate;
}

/**
 * Whether a subnet of this stack is public, that is associated with a route table that routes
 * to an internet gateway. `undefined` when the subnet is not one of this stack's resources.
 */
export function isPublicSubnet(subnetId: unknown, context: RuleContext): boolean | undefined {
  const reference = referencesIn(subnetId).find((r) => r.address.startsWith('aws_subnet.'));
  const subnet = reference ? context.stack.find(reference.address) : undefined;
  if (!subnet) return undefined;
  const tables = context.stack
    .referencing(['aws_route_table_association'], 'subnet_id', subnet)
    .flatMap((association) => referencesIn(association.config.route_table_id))
    .map((r) => context.stack.find(r.address))
    .filter((t): t is SynthesizedResource => t !== undefined);
  return tables.some((table) => routesToInternetGateway(table, context));
}
