import { TerraformPlan } from './plan-json';

// Cuts one stack's plan out of a batch plan (plan-batch.ts), in the shape `terraform show -json`
// gives for the stack planned on its own. Every top-level key of the JSON plan format
// (Terraform's internal/command/jsonplan/plan.go, format 1.2) has its own rule below: kept as
// the batch has it, cut to the stack's module and re-addressed, or refused. A key this file does
// not know fails the split, so a key a newer Terraform adds cannot be dropped without a word.
//
// Re-addressing touches only the fields Terraform defines as addresses, each by its own rule:
// resource and module addresses (`module.s0.aws_vpc.main` becomes `aws_vpc.main`), provider
// configuration keys (`module.s0:aws` becomes `aws`), check addresses (`to_display`, `module`)
// and the batch root's re-exported outputs (`s0__vpc_id` becomes `vpc_id`). Addresses inside a
// stack's configuration (resource addresses, references, depends_on) are relative to the module
// already, and stay as they are.

/** The module name of the i-th stack of a batch. */
export const batchModuleName = (index: number) => `s${index}`;
/** Separates a stack's module name from its output name in the root's re-exported outputs. */
export const BATCH_OUTPUT_SEPARATOR = '__';

type Json = Record<string, any>;

/** A module address relative to a stack's module: module.s0 is the root (""), module.s0.module.x is module.x. */
class StackAddresses {
  constructor(readonly prefix: string) {}

  /** Whether an absolute module address is the stack's module or one below it. */
  ownsModule(moduleAddress: string | undefined): boolean {
    return moduleAddress === this.prefix || (moduleAddress ?? '').startsWith(`${this.prefix}.`);
  }

  /** An absolute address in the stack's module (resource, resource instance, module), made relative to it. */
  relative(address: string): string {
    if (address === this.prefix) return '';
    if (!address.startsWith(`${this.prefix}.`)) throw new Error(`${address} is not in ${this.prefix}`);
    return address.slice(this.prefix.length + 1);
  }

  /** `module_address`-like fields: the stack's module is the root, which Terraform leaves out. */
  withModule<T extends Json>(object: T, field: string): T {
    const { [field]: moduleAddress, ...rest } = object;
    if (moduleAddress === undefined) return object;
    const relative = this.relative(moduleAddress as string);
    return (relative === '' ? rest : { ...rest, [field]: relative }) as T;
  }

  /** A provider configuration key, `<module address>:<provider>`, or `<provider>` in the root. */
  providerKey(key: string): string {
    const colon = key.indexOf(':');
    const moduleAddress = colon < 0 ? '' : key.slice(0, colon);
    if (!this.ownsModule(moduleAddress)) throw new Error(`provider configuration ${key} is not in ${this.prefix}`);
    const relative = this.relative(moduleAddress);
    return relative === '' ? key.slice(colon + 1) : `${relative}:${key.slice(colon + 1)}`;
  }
}

/** Object entries kept in the stack whose key passes `keep`, renamed by `rename`. */
function pickEntries(object: Json | undefined, keep: (key: string) => boolean, rename: (key: string) => string): Json {
  return Object.fromEntries(
    Object.entries(object ?? {})
      .filter(([key]) => keep(key))
      .map(([key, value]) => [rename(key), value]),
  );
}

/** `planned_values` / `prior_state.values` modules: `address` on every module but the root, and on every resource. */
function stateModule(module: Json, at: StackAddresses): Json {
  const { address: _address, resources, child_modules, ...rest } = module;
  const relativeModule = (child: Json): Json => ({ ...stateModule(child, at), address: at.relative(child.address) });
  return {
    ...rest,
    ...(resources ? { resources: resources.map((resource: Json) => ({ ...resource, address: at.relative(resource.address) })) } : {}),
    ...(child_modules ? { child_modules: child_modules.map(relativeModule) } : {}),
  };
}

/** The stack's module among the batch root's child modules of a `planned_values` or `prior_state.values`. */
function stackStateModule(root: Json | undefined, at: StackAddresses): Json {
  const module = (root?.child_modules ?? []).find((child: Json) => child.address === at.prefix);
  return module ? stateModule(module, at) : {};
}

/** The batch root's re-exported outputs of the stack, under the stack's own output names. */
function stackOutputs(outputs: Json | undefined, name: string): Json {
  const prefix = `${name}${BATCH_OUTPUT_SEPARATOR}`;
  return pickEntries(
    outputs,
    (key) => key.startsWith(prefix),
    (key) => key.slice(prefix.length),
  );
}

/** `planned_values` and `prior_state.values`: the stack's module as the root, its outputs as the root's. */
function stackValues(values: Json, name: string, at: StackAddresses): Json {
  const { outputs, root_module, ...unknown } = values;
  refuseUnknown(unknown, 'values');
  const own = stackOutputs(outputs, name);
  return { ...(Object.keys(own).length > 0 ? { outputs: own } : {}), root_module: stackStateModule(root_module, at) };
}

/** `resource_changes` and `resource_drift`: the stack's, with `address`, `previous_address` and `module_address` relative. */
function stackChanges(changes: Json[], at: StackAddresses): Json[] {
  return changes
    .filter((change) => at.ownsModule(change.module_address))
    .map((change) => {
      const relative = at.withModule({ ...change, address: at.relative(change.address) }, 'module_address');
      return change.previous_address === undefined ? relative : { ...relative, previous_address: at.relative(change.previous_address) };
    });
}

/** A `configuration` module: provider configuration keys of its resources relative, and of every module it calls. */
function configurationModule(module: Json, at: StackAddresses): Json {
  const { resources, module_calls, ...rest } = module;
  const call = ({ module: called, ...callRest }: Json) => ({ ...callRest, module: configurationModule(called, at) });
  return {
    ...rest,
    ...(resources
      ? {
          resources: resources.map((resource: Json) => ({
            ...resource,
            provider_config_key: at.providerKey(resource.provider_config_key),
          })),
        }
      : {}),
    ...(module_calls
      ? { module_calls: Object.fromEntries(Object.entries(module_calls as Json).map(([key, value]) => [key, call(value)])) }
      : {}),
  };
}

/** `configuration`: the stack's provider configurations and the module the batch root calls. */
function stackConfiguration(configuration: Json, name: string, at: StackAddresses): Json {
  const { provider_config, root_module, ...unknown } = configuration;
  refuseUnknown(unknown, 'configuration');
  // The batch root declares no provider (plan-batch.ts), so every configuration belongs to a stack.
  const rootProviders = Object.keys((provider_config ?? {}) as Json).filter((key) => !key.includes(':'));
  if (rootProviders.length > 0)
    throw new Error(`the combined plan's root configures providers (${rootProviders.join(', ')}), which it never declares`);
  const providers = Object.fromEntries(
    Object.entries((provider_config ?? {}) as Json)
      .filter(([key, config]) => at.ownsModule(config.module_address) && key.startsWith(`${config.module_address}:`))
      .map(([key, config]) => [at.providerKey(key), at.withModule(config, 'module_address')]),
  );
  const called = root_module?.module_calls?.[name]?.module;
  if (!called) throw new Error(`the combined plan's configuration calls no module ${name}`);
  return { ...(Object.keys(providers).length > 0 ? { provider_config: providers } : {}), root_module: configurationModule(called, at) };
}

/** `checks`: the stack's checkable objects, `to_display` and `module` relative, on each object and each instance. */
function stackChecks(checks: Json[], at: StackAddresses): Json[] {
  const address = (value: Json) => at.withModule({ ...value, to_display: at.relative(value.to_display) }, 'module');
  return checks
    .filter((check) => at.ownsModule(check.address?.module))
    .map((check) => ({
      ...check,
      address: address(check.address),
      ...(check.instances
        ? { instances: check.instances.map((instance: Json) => ({ ...instance, address: address(instance.address) })) }
        : {}),
    }));
}

function refuseUnknown(unknown: Json, where: string): void {
  const keys = Object.keys(unknown);
  if (keys.length > 0) {
    throw new Error(
      `the combined plan has ${where} key(s) ${keys.join(', ')} that harness/plan-batch-split.ts does not know: ` +
        'give each a rule there (kept, re-addressed or refused with the reason), or plan the stacks one by one',
    );
  }
}

/** Whether planning the stack alone would call for a change (Terraform's ChangesSrc.Empty, negated). */
function applyable(resourceChanges: Json[], outputChanges: Json): boolean {
  const noOp = (actions: string[]) => actions.length === 1 && actions[0] === 'no-op';
  return (
    resourceChanges.some((change) => !noOp(change.change.actions) || change.previous_address !== undefined || change.change.importing) ||
    Object.values(outputChanges).some((change: Json) => !noOp(change.actions))
  );
}

/**
 * One rule per top-level key of `terraform show -json`: what the stack's own plan would have,
 * or undefined where that plan leaves the key out (Terraform omits empty lists and maps).
 */
type KeyRule = (batch: Json, name: string, at: StackAddresses) => unknown;
const nonEmpty = <T>(value: T[] | Json): T[] | Json | undefined => (Object.keys(value).length > 0 ? value : undefined);
const kept: KeyRule = () => undefined; // marker only: replaced by the batch's value in splitBatchPlan

const TOP_LEVEL_RULES: Readonly<Record<string, KeyRule>> = {
  // The same for every stack: one Terraform, one format.
  format_version: kept,
  terraform_version: kept,
  // When the combined plan was made, which is when each stack's part of it was.
  timestamp: kept,
  // The root's input variables. The batch root declares none, and a stack that declares any is
  // planned on its own (batchRefusal in plan-batch.ts), so no part of a batch has any.
  variables: (batch) => {
    if (batch.variables !== undefined) throw new Error('the combined plan has root variables, which the batch root never declares');
    return undefined;
  },
  planned_values: (batch, name, at) => stackValues(batch.planned_values, name, at),
  resource_changes: (batch, _name, at) => nonEmpty(stackChanges(batch.resource_changes ?? [], at)),
  resource_drift: (batch, _name, at) => nonEmpty(stackChanges(batch.resource_drift ?? [], at)),
  relevant_attributes: (batch, _name, at) =>
    nonEmpty(
      (batch.relevant_attributes as Json[])
        .filter((attribute) => attribute.resource.startsWith(`${at.prefix}.`))
        .map((attribute) => ({ ...attribute, resource: at.relative(attribute.resource) })),
    ),
  // A module's outputs are not root outputs; the batch root re-exports each as `<module>__<name>`.
  output_changes: (batch, name) => nonEmpty(stackOutputs(batch.output_changes, name)),
  // Terraform leaves the prior state out when it is empty: no resource (data sources read during
  // the plan are in it) and no root output.
  prior_state: (batch, name, at) => {
    const { values, ...rest } = batch.prior_state;
    const own = stackValues(values, name, at);
    const empty = own.outputs === undefined && JSON.stringify(own.root_module) === '{}';
    return empty ? undefined : { ...rest, values: own };
  },
  configuration: (batch, name, at) => stackConfiguration(batch.configuration, name, at),
  checks: (batch, _name, at) => nonEmpty(stackChecks(batch.checks, at)),
  // Changes deferred to a later plan happen only with -allow-deferral, which the harness never passes.
  deferred_changes: () => {
    throw new Error('the combined plan deferred changes, which only `terraform plan -allow-deferral` does; the harness never asks for it');
  },
  // Per stack, as Terraform decides it: a change that is not a no-op, a move, an import or a root
  // output that changes (internal/plans/changes_src.go, Empty).
  applyable: (batch, name, at) => applyable(stackChanges(batch.resource_changes ?? [], at), stackOutputs(batch.output_changes, name)),
  // True for a plan without -target and without deferred changes, as every part of a complete batch is.
  complete: (batch) => {
    if (batch.complete !== true) throw new Error('the combined plan is incomplete, which a plan without -target or deferrals never is');
    return true;
  },
  // The combined plan succeeded (planAndShow fails otherwise), and so did each part of it.
  errored: (batch) => {
    if (batch.errored !== false) throw new Error('the combined plan errored');
    return false;
  },
};

/** One stack's part of a batch plan, in the shape of that stack's own `terraform show -json`. */
export function splitBatchPlan(batch: Json, index: number): TerraformPlan {
  const name = batchModuleName(index);
  const at = new StackAddresses(`module.${name}`);
  const unknown = Object.keys(batch).filter((key) => !(key in TOP_LEVEL_RULES));
  refuseUnknown(Object.fromEntries(unknown.map((key) => [key, batch[key]])), 'top-level');
  const plan: Json = {};
  // In the batch's key order, which is Terraform's.
  for (const key of Object.keys(batch)) {
    const rule = TOP_LEVEL_RULES[key];
    const value = rule === kept ? batch[key] : rule(batch, name, at);
    if (value !== undefined) plan[key] = value;
  }
  return plan as TerraformPlan;
}
