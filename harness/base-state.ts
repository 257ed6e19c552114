// A Terraform state (format version 4) holding every resource of a stack as its plan from an
// empty state would leave it: the values the plan knows, and for the values only AWS knows a
// stand-in of the right shape (state-stand-ins.ts) that every reference to it shares
// (config-references.ts). Each instance carries its type's schema_version and every attribute
// of its schema, typed: Terraform refuses a state it cannot decode, and an attribute missing
// from the state that the provider defaults would show as a change.
import { createHash } from 'crypto';
import { evaluatePureReferences, readPaths, Traversal, valueAt } from './config-references';
import { TerraformPlan } from './plan-json';
import { attributeType, CtyType, ProviderSchemas, ResourceSchema, SchemaBlock } from './provider-schema';
import { ReferencePresets } from './reference-stand-ins';
import { NAME_ATTRIBUTES, StandInContext, standInId, standInValue } from './state-stand-ins';
import { emptyCollection, ensurePath, sensitivePaths, typed } from './state-values';

export { sensitivePaths } from './state-values';

export interface StateInstance {
  readonly schema_version: number;
  attributes: Record<string, unknown>;
  sensitive_attributes: unknown[];
  readonly index_key?: number | string;
}

export interface StateResource {
  /** The module the resource is in (`module.s0`); absent in the root module. */
  readonly module?: string;
  readonly mode: 'managed';
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances: StateInstance[];
}

export interface TerraformState {
  readonly version: 4;
  readonly terraform_version: string;
  serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, unknown>;
  readonly resources: StateResource[];
  readonly check_results: null;
}

type Unknown = boolean | Unknown[] | { [key: string]: Unknown } | undefined;
type Path = readonly (string | number)[];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A stable lineage for a stack's stand-in state, in UUID form. */
function lineageOf(stack: string): string {
  const hex = createHash('sha256').update(`offline-base-state/${stack}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `provider["registry.terraform.io/hashicorp/aws"].alias`, as the state names a resource's provider configuration. */
function providerAddress(plan: TerraformPlan, providerKey: string | undefined): string {
  const key = providerKey ?? 'aws';
  const config = plan.configuration.provider_config?.[key] as { full_name?: string; alias?: string } | undefined;
  const fullName = config?.full_name ?? `registry.terraform.io/hashicorp/${key.split('.')[0]}`;
  return `provider["${fullName}"]${config?.alias ? `.${config.alias}` : ''}`;
}

export interface BuildContext extends StandInContext {
  readonly stack: string;
  readonly schemas: ProviderSchemas;
  /** The stack's Terraform JSON as synthesized (resource bodies give the references). */
  readonly config: Record<string, any>;
  /**
   * The stand-ins the plan's configuration was given for references (reference-stand-ins.ts):
   * each resource holds the very value its dependents were planned with.
   *
   * @default - none
   */
  readonly presets?: ReferencePresets;
}

/** Whether a plan's `after_unknown` marks the value at `path` unknown, wholly or in part. */
function unknownAt(afterUnknown: unknown, path: readonly (string | number)[]): boolean {
  let current: any = afterUnknown;
  for (const step of path) {
    if (current === true) return true;
    if (current === null || typeof current !== 'object') return false;
    current = current[step];
  }
  return containsTrue(current);
}

/** Whether an `after_unknown` value is `true` or holds a `true` anywhere below it. */
function containsTrue(marks: unknown): boolean {
  if (marks === true) return true;
  return marks !== null && typeof marks === 'object' && Object.values(marks).some(containsTrue);
}

/** Sets the value at `path` below `value` where every container on the way exists. */
function setAt(value: Record<string, unknown>, path: readonly (string | number)[], leaf: unknown): void {
  let current: any = value;
  for (const step of path.slice(0, -1)) {
    current = current?.[step];
    if (current === null || typeof current !== 'object') return;
  }
  current[path[path.length - 1]] = leaf;
}

/** Builds the stand-in state of a stack from its plan from an empty state. */
export function buildBaseState(plan: TerraformPlan, context: BuildContext): TerraformState {
  const changes = (plan.resource_changes ?? []).filter((change) => change.mode === 'managed');
  const byAddress = new Map(changes.map((change) => [change.address, change]));
  const providerKeys = new Map(
    (plan.configuration.root_module.resources ?? []).map((resource: any) => [resource.address, resource.provider_config_key]),
  );
  // What the configuration reads gets a stand-in; the rest of what AWS computes stays null.
  const relevant = new Map<string, Path[]>(readPaths(context.config));
  for (const { resource, attribute } of (plan as any).relevant_attributes ?? []) {
    relevant.set(resource, [...(relevant.get(resource) ?? []), attribute]);
  }
  const built = new Map<string, Record<string, unknown>>();
  const building = new Set<string>();

  const schemaOf = (type: string, address: string): ResourceSchema => {
    const provider = providerAddress(plan, providerKeys.get(address.replace(/\[[^\]]*\]$/, ''))).replace(/^provider\["|"\].*$/g, '');
    const schema = context.schemas[provider]?.[type];
    if (!schema) throw new Error(`no schema for ${type} in provider ${provider}; is the workspace initialized?`);
    return schema;
  };

  const lookup = ({ address, path }: Traversal): unknown => {
    if (!byAddress.has(address)) return undefined;
    const value = valueAt(build(address), path);
    return value === null ? undefined : value;
  };

  // One attribute: the plan's value where known, else the configured pure reference, else a
  // stand-in where something reads it (or it is the id), else null.
  const fillAttribute = (
    address: string,
    type: string,
    name: string,
    attrType: CtyType,
    after: unknown,
    unknown: Unknown,
    configured: unknown,
    path: Path,
    read: boolean,
  ): unknown => {
    if (unknown === true) {
      const fromReference = evaluatePureReferences(configured, lookup);
      if (fromReference !== undefined) return typed(fromReference, attrType);
      if (read) return standInValue(attrType, type, address, String(path[path.length - 1]), name, context);
      // A computed collection left null plans as unknown again (the provider fills it on every
      // refresh); empty, it stays as it is. A computed string or number left null stays null,
      // and a stand-in there could fail validation (fifo_throughput_scope on a standard topic).
      return emptyCollection(attrType);
    }
    if (Array.isArray(unknown) && Array.isArray(after) && Array.isArray(attrType)) {
      const inner = attrType[1] as CtyType;
      return after.map((item, index) =>
        fillAttribute(
          address,
          type,
          name,
          inner,
          item,
          unknown[index],
          Array.isArray(configured) ? configured[index] : undefined,
          [...path, index],
          read,
        ),
      );
    }
    if (isObject(unknown) && isObject(after) && Array.isArray(attrType) && attrType[0] === 'object') {
      const shape = attrType[1] as Record<string, CtyType>;
      return Object.fromEntries(
        Object.entries(shape).map(([key, innerType]) => [
          key,
          fillAttribute(
            address,
            type,
            name,
            innerType,
            after[key],
            unknown[key],
            isObject(configured) ? configured[key] : undefined,
            [...path, key],
            read,
          ),
        ]),
      );
    }
    return typed(after, attrType);
  };

  const fillBlock = (
    address: string,
    type: string,
    name: string,
    block: SchemaBlock,
    after: any,
    unknown: any,
    configured: any,
    path: Path,
  ): Record<string, unknown> => {
    const readPaths = relevant.get(address) ?? [];
    const isRead = (key: string) =>
      key === 'id' ||
      readPaths.some(
        (read) => read.length > path.length && read.slice(0, path.length).every((step, i) => step === path[i]) && read[path.length] === key,
      );
    const value: Record<string, unknown> = {};
    for (const [key, attribute] of Object.entries(block.attributes ?? {})) {
      value[key] = fillAttribute(
        address,
        type,
        name,
        attributeType(attribute),
        after?.[key] ?? null,
        unknown?.[key],
        configured?.[key],
        [...path, key],
        isRead(key),
      );
    }
    for (const [key, nested] of Object.entries(block.block_types ?? {})) {
      const items = after?.[key];
      const nestedConfig = configured?.[key];
      const configItems = Array.isArray(nestedConfig) ? nestedConfig : nestedConfig !== undefined ? [nestedConfig] : [];
      const fill = (item: unknown, index: number) =>
        fillBlock(
          address,
          type,
          name,
          nested.block,
          item,
          Array.isArray(unknown?.[key]) ? unknown[key][index] : undefined,
          configItems[index],
          [...path, key, index],
        );
      if (nested.nesting_mode === 'single' || nested.nesting_mode === 'group') {
        value[key] = isObject(items)
          ? fillBlock(address, type, name, nested.block, items, unknown?.[key], nestedConfig, [...path, key])
          : null;
      } else if (nested.nesting_mode === 'map') {
        value[key] = isObject(items)
          ? Object.fromEntries(
              Object.entries(items).map(([k, item]) => [
                k,
                fillBlock(address, type, name, nested.block, item, unknown?.[key]?.[k], undefined, [...path, key, k]),
              ]),
            )
          : {};
      } else {
        value[key] = Array.isArray(items) ? items.map(fill) : [];
      }
    }
    return value;
  };

  // Makes sure every attribute path something reads exists, down to its leaf (a computed
  // nested block the configuration indexes, such as master_user_secret[0].secret_arn).
  const ensureReadPaths = (address: string, type: string, name: string, schema: ResourceSchema, value: Record<string, unknown>) => {
    for (const read of relevant.get(address) ?? []) {
      if (read.length < 2) continue;
      const attribute = schema.block.attributes?.[read[0] as string];
      if (!attribute) continue;
      value[read[0] as string] = ensurePath(value[read[0] as string], attributeType(attribute), read.slice(1), (leafType, leafName) =>
        standInValue(leafType, type, address, leafName, name, context),
      );
    }
  };

  function build(address: string): Record<string, unknown> | undefined {
    const done = built.get(address);
    if (done) return done;
    if (building.has(address)) return undefined;
    const change = byAddress.get(address)!;
    building.add(address);
    const schema = schemaOf(change.type, address);
    const after = change.change.after ?? {};
    const name = String(NAME_ATTRIBUTES.map((key) => after[key]).find((value) => value !== undefined && value !== null) ?? change.name);
    const configured = context.config.resource?.[change.type]?.[change.name];
    const value = fillBlock(address, change.type, name, schema.block, after, change.change.after_unknown ?? {}, configured, []);
    ensureReadPaths(address, change.type, name, schema, value);
    // Only where the plan did not know the value: one it knows is what AWS would report too.
    for (const preset of context.presets?.get(address) ?? []) {
      if (unknownAt(change.change.after_unknown, preset.path)) setAt(value, preset.path, preset.value);
    }
    if (value.id === null && schema.block.attributes?.id)
      value.id = standInId(change.type, address, typeof after.name === 'string' ? after.name : undefined);
    building.delete(address);
    built.set(address, value);
    return value;
  }

  const resources = new Map<string, StateResource>();
  for (const change of changes) {
    const attributes = build(change.address)!;
    const key = `${change.type}.${change.name}`;
    const resource = resources.get(key) ?? {
      mode: 'managed' as const,
      type: change.type,
      name: change.name,
      provider: providerAddress(plan, providerKeys.get(key)),
      instances: [],
    };
    resource.instances.push({
      schema_version: schemaOf(change.type, change.address).version,
      attributes,
      sensitive_attributes: sensitivePaths((change.change as { after_sensitive?: unknown }).after_sensitive),
      ...(change.index !== undefined ? { index_key: change.index } : {}),
    });
    resources.set(key, resource);
  }
  return {
    version: 4,
    terraform_version: plan.terraform_version,
    serial: 1,
    lineage: lineageOf(context.stack),
    outputs: {},
    resources: [...resources.values()],
    check_results: null,
  };
}
