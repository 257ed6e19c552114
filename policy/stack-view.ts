import type { SynthesizedResource } from './rule';
import { refersTo } from './values';

/** Parsed Terraform JSON of one stack, as `TerraformStack.toTerraform()` returns it. */
export type StackJson = Readonly<Record<string, any>>;

function collect(section: Record<string, any> | undefined, prefix: string): SynthesizedResource[] {
  const found: SynthesizedResource[] = [];
  for (const [type, byName] of Object.entries(section ?? {})) {
    for (const [name, config] of Object.entries((byName ?? {}) as Record<string, any>)) {
      found.push({
        type,
        name,
        address: `${prefix}${type}.${name}`,
        config: config as Record<string, any>,
        constructPath: config?.['//']?.metadata?.path,
      });
    }
  }
  return found;
}

/** Read-only lookups over one synthesized stack, for rules that look across resources. */
export class StackView {
  /** Every resource, in the order Terraform JSON lists them. */
  public readonly allResources: readonly SynthesizedResource[];
  /** Every data source. */
  public readonly allDataSources: readonly SynthesizedResource[];
  private readonly byAddress: Map<string, SynthesizedResource>;

  constructor(public readonly json: StackJson) {
    this.allResources = collect(json.resource, '');
    this.allDataSources = collect(json.data, 'data.');
    this.byAddress = new Map([...this.allResources, ...this.allDataSources].map((r) => [r.address, r]));
  }

  /** Resources of the given Terraform types. */
  public resources(...types: string[]): SynthesizedResource[] {
    return this.allResources.filter((r) => types.includes(r.type));
  }

  /** A resource or data source (`data.<type>.<name>`) by address. */
  public find(address: string): SynthesizedResource | undefined {
    return this.byAddress.get(address);
  }

  /** Resources of `types` whose `attribute` refers to `target`. */
  public referencing(types: readonly string[], attribute: string, target: SynthesizedResource): SynthesizedResource[] {
    return this.resources(...types).filter((r) => refersTo(r.config[attribute], target));
  }
}
