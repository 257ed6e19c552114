// What the current revision reads of the base's resources. The base's stand-in state gives a
// computed attribute a stand-in only where the base itself reads it (a stand-in nobody reads
// could fail the provider's validation), so an attribute only the new revision reads (an alias
// record reading the load balancer's zone_id) is null there, where AWS would have a value, and
// the plan fails or shows a change AWS would not make. Before the current revision is planned,
// each such attribute gets a stand-in of its type's shape; what the base state holds stays.
import { TerraformState } from './base-state';
import { readPaths } from './config-references';
import { attributeType, ProviderSchemas } from './provider-schema';
import { StandInContext, standInValue } from './state-stand-ins';

/**
 * The base address each address of the current revision stands for: itself, or the `from` of a
 * `moved` block, whose object the state still holds under the old address.
 */
function baseAddresses(current: Record<string, any>): Map<string, string> {
  const moved = (current.moved ?? []) as { from?: unknown; to?: unknown }[];
  return new Map(
    moved
      .filter((block) => typeof block.from === 'string' && typeof block.to === 'string')
      .map((block) => [block.to as string, block.from as string]),
  );
}

/**
 * A copy of `base` in which every computed top-level attribute of a resource that the current
 * revision's configuration reads (`${aws_lb.x.zone_id}`, in any resource, data source, output,
 * local or module argument) and the base state holds as null gets a stand-in of its type
 * (state-stand-ins.ts), derived from the resource's address as the base's own stand-ins are.
 * Attributes the base state sets, and attributes nobody reads, are left as they are.
 */
export function fillRevisionReads(
  base: TerraformState,
  current: Record<string, any>,
  schemas: ProviderSchemas,
  context: StandInContext,
): TerraformState {
  const { ['//']: _metadata, ...configuration } = current;
  const reads = new Map<string, Set<string>>();
  const renamed = baseAddresses(current);
  for (const [address, paths] of readPaths(configuration)) {
    const baseAddress = renamed.get(address) ?? address;
    const attributes = reads.get(baseAddress) ?? new Set<string>();
    for (const path of paths) {
      // `aws_x.y[0].attribute` reads an instance of a counted resource.
      const attribute = typeof path[0] === 'number' ? path[1] : path[0];
      if (typeof attribute === 'string') attributes.add(attribute);
    }
    reads.set(baseAddress, attributes);
  }
  const state = structuredClone(base);
  for (const resource of state.resources) {
    const address = `${resource.type}.${resource.name}`;
    const attributes = reads.get(address);
    const schema = Object.values(schemas).find((types) => types[resource.type])?.[resource.type];
    if (!attributes || !schema) continue;
    for (const instance of resource.instances) {
      const values = instance.attributes as Record<string, unknown>;
      const name = String(values.name ?? values.bucket ?? values.identifier ?? resource.name);
      for (const attribute of attributes) {
        const definition = schema.block.attributes?.[attribute];
        if (!definition?.computed || values[attribute] !== null) continue;
        values[attribute] = standInValue(attributeType(definition), resource.type, address, attribute, name, context);
      }
    }
  }
  return state;
}
