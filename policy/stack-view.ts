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

/** Pseudo resource type of a stack's `terraform` block, for rules about the stack's settings. */
export const TERRAFORM_SETTINGS_TYPE = 'terraform';
/** Pseudo resource type of an AWS provider configuration (default or aliased). */
export const AWS_PROVIDER_TYPE = 'provider.aws';

/**
 * The stack's `terraform` block and its AWS provider configurations as resources, so rules about
 * settings (required_version, allowed_account_ids) run like any other rule. Providers are
 * addressed as Terraform names them: `provider.aws` or `provider.aws.<alias>`.
 */
function settingsBlocks(json: StackJson): SynthesizedResource[] {
  const terraform: SynthesizedResource = {
    type: TERRAFORM_SETTINGS_TYPE,
    name: 'terraform',
    address: 'terraform',
    config: json.terraform ?? {},
  };
  const providers = (Array.isArray(json.provider?.aws) ? json.provider.aws : json.provider?.aws ? [json.provider.aws] : []).map(
    (config: Record<string, any>): SynthesizedResource => {
      const name = typeof config.alias === 'string' ? config.alias : 'default';
      return { type: AWS_PROVIDER_TYPE, name, address: config.alias ? `provider.aws.${config.alias}` : 'provider.aws', config };
    },
  );
  return [terraform, ...providers];
}

/** Read-only lookups over one synthesized stack, for rules that look across resources. */
export class StackView {
  /** Every resource, in the order Terraform JSON lists them. */
  public readonly allResources: readonly SynthesizedResource[];
  /**
   * The `terraform` block (type `terraform`) and every AWS provider configuration (type
   * `provider.aws`), which the pack checks before the resources.
   */
  public readonly settings: readonly SynthesizedResource[];
  /** Every data source. */
  public readonly allDataSources: readonly SynthesizedResource[];
  private readonly byAddress: Map<string, SynthesizedResource>;

  constructor(public readonly json: StackJson) {
    this.allResources = collect(json.resource, '');
    this.allDataSources = collect(json.data, 'data.');
    this.settings = settingsBlocks(json);
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
