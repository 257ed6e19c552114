import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { initOffline, offlineOverride, OfflineOptions, planAndShow, planStackOffline } from './offline-plan';
import { replaceOnlineDataSources } from './offline-stand-ins';
import { TerraformPlan } from './plan-json';

// Most of an offline plan is fixed cost: `plan` and `show -json` each spend about 4 s loading
// the AWS provider's schema whether the stack has one resource or a hundred (measured: a
// one-bucket stack plans in the same time as the 118-resource dev stack). Several stacks
// planned together as modules of one root share that cost: one init, one schema load for the
// plan and one for the show. Each stack's part of the combined plan is then cut back out in the
// shape `terraform show -json` gives for the stack on its own.

/** The module name of the i-th stack of a batch. */
const moduleName = (index: number) => `s${index}`;
/** Separates a stack's module name from its output name in the root's re-exported outputs. */
const OUTPUT_SEPARATOR = '__';

/**
 * A stack as a module of the batch root: stand-ins for online data sources, no backend (a child
 * module has none) and the offline provider settings merged into its own provider blocks.
 */
function stackAsModule(stack: Record<string, any>): Record<string, any> {
  const { stack: standIn } = replaceOnlineDataSources(stack);
  const { backend: _backend, cloud: _cloud, ...terraform } = (standIn.terraform ?? {}) as Record<string, unknown>;
  const offline = offlineOverride(standIn).provider as { aws: Record<string, unknown>[] } | undefined;
  if (!offline) return { ...standIn, terraform };
  const awsConfigs = (standIn.provider?.aws ?? [{}]) as Record<string, unknown>[];
  // A null argument is unset, in a module as in an override file.
  const aws = awsConfigs.map((config, index) => ({ ...config, ...offline.aws[index] }));
  return { ...standIn, terraform, provider: { ...(standIn.provider ?? {}), aws } };
}

/** Writes the batch root: one module per stack, their assets merged, their outputs re-exported. */
export function prepareBatchWorkspace(
  stackDirs: readonly string[],
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-batch-')),
): string {
  const modules: Record<string, { source: string }> = {};
  const outputs: Record<string, { value: string; sensitive?: boolean }> = {};
  const requiredProviders: Record<string, unknown> = {};
  stackDirs.forEach((stackDir, index) => {
    const name = moduleName(index);
    const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as Record<string, any>;
    fs.mkdirSync(path.join(workDir, name));
    fs.writeFileSync(path.join(workDir, name, 'main.tf.json'), JSON.stringify(stackAsModule(stack)));
    // Asset paths in a stack ("assets/<id>/<hash>/...") are relative to the working directory,
    // not to the module, and carry their content hash: the stacks' asset trees merge safely.
    const assets = path.join(stackDir, 'assets');
    if (fs.existsSync(assets)) fs.cpSync(assets, path.join(workDir, 'assets'), { recursive: true, force: false, errorOnExist: false });
    modules[name] = { source: `./${name}` };
    Object.assign(requiredProviders, stack.terraform?.required_providers ?? {});
    for (const [output, body] of Object.entries((stack.output ?? {}) as Record<string, { sensitive?: boolean }>)) {
      outputs[`${name}${OUTPUT_SEPARATOR}${output}`] = {
        value: `\${module.${name}.${output}}`,
        ...(body.sensitive ? { sensitive: true } : {}),
      };
    }
  });
  const root = {
    terraform: { required_providers: requiredProviders, backend: { local: { path: 'terraform.tfstate' } } },
    module: modules,
    ...(Object.keys(outputs).length > 0 ? { output: outputs } : {}),
  };
  fs.writeFileSync(path.join(workDir, 'main.tf.json'), JSON.stringify(root, null, 2));
  return workDir;
}

/** Removes a module prefix from every `address`-like field below `value`. */
function stripModule(value: unknown, prefix: string, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => stripModule(item, prefix));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value as Record<string, unknown>)) {
      if (field === 'module_address' && inner === prefix) continue;
      copy[field] = stripModule(inner, prefix, field);
    }
    return copy;
  }
  if (typeof value === 'string' && key !== undefined && /address$/.test(key) && value.startsWith(`${prefix}.`)) {
    return value.slice(prefix.length + 1);
  }
  return value;
}

/** One stack's part of a batch plan, in the shape of that stack's own `terraform show -json`. */
export function splitBatchPlan(batch: Record<string, any>, index: number): TerraformPlan {
  const name = moduleName(index);
  const prefix = `module.${name}`;
  const inModule = (address: unknown) => address === prefix || (typeof address === 'string' && address.startsWith(`${prefix}.`));
  const plannedModule = (batch.planned_values?.root_module?.child_modules ?? []).find((module: any) => module.address === prefix) ?? {};
  const { address: _address, ...rootModule } = stripModule(plannedModule, prefix) as Record<string, unknown>;
  const outputs = Object.fromEntries(
    Object.entries((batch.planned_values?.outputs ?? {}) as Record<string, unknown>)
      .filter(([key]) => key.startsWith(`${name}${OUTPUT_SEPARATOR}`))
      .map(([key, body]) => [key.slice(name.length + OUTPUT_SEPARATOR.length), body]),
  );
  const providerConfig = Object.fromEntries(
    Object.entries((batch.configuration?.provider_config ?? {}) as Record<string, any>)
      .filter(([key]) => key.startsWith(`${prefix}:`))
      .map(([key, body]) => {
        const { module_address: _module, ...rest } = body as Record<string, unknown>;
        return [key.slice(prefix.length + 1), rest];
      }),
  );
  const configured = stripModule(batch.configuration?.root_module?.module_calls?.[name]?.module ?? {}, prefix) as Record<string, any>;
  const providerKey = (resource: any) =>
    typeof resource.provider_config_key === 'string'
      ? { ...resource, provider_config_key: resource.provider_config_key.replace(`${prefix}:`, '').replace(`${name}:`, '') }
      : resource;
  // Only what a stack's own plan has: the rest of the batch (prior state, relevant attributes of
  // every module) would be copied into each stack's plan and each cached file.
  return {
    format_version: batch.format_version,
    terraform_version: batch.terraform_version,
    planned_values: { root_module: rootModule, ...(Object.keys(outputs).length > 0 ? { outputs } : {}) },
    resource_changes: stripModule(
      (batch.resource_changes ?? []).filter((change: any) => inModule(change.module_address)),
      prefix,
    ) as TerraformPlan['resource_changes'],
    configuration: {
      provider_config: providerConfig,
      root_module: { ...configured, resources: (configured.resources ?? []).map(providerKey) },
    },
  } as unknown as TerraformPlan;
}

export interface BatchOptions extends OfflineOptions {
  /**
   * When the combined plan fails, plan each stack on its own, so the error names the stack (and
   * its file) exactly as a single plan would. The tests' prewarm turns it off: the tests that
   * asked for those stacks plan them themselves and report their own errors.
   *
   * @default true
   */
  readonly planAloneOnFailure?: boolean;
}

/**
 * Plans several synthesized stacks offline in one Terraform run and returns each stack's plan,
 * in order. When the combined plan fails, each stack is planned on its own, so an error names
 * the stack (and its file) exactly as a single plan would.
 */
export async function planStacksOffline(stackDirs: readonly string[], options: BatchOptions = {}): Promise<TerraformPlan[]> {
  const single = async (stackDir: string) => {
    const { plan, workDir } = await planStackOffline(stackDir, options);
    fs.rmSync(workDir, { recursive: true, force: true });
    return plan;
  };
  if (stackDirs.length === 1) return [await single(stackDirs[0])];
  const workDir = prepareBatchWorkspace(stackDirs);
  try {
    const env = await initOffline(workDir, options);
    options.onStep?.(`plan (${stackDirs.length} stacks together)`);
    const batch = (await planAndShow(workDir, env)) as unknown as Record<string, any>;
    return stackDirs.map((_dir, index) => splitBatchPlan(batch, index));
  } catch (error) {
    if (options.planAloneOnFailure === false) throw error;
    options.onStep?.('the combined plan failed; planning each stack on its own to name the error');
    const plans: TerraformPlan[] = [];
    for (const stackDir of stackDirs) plans.push(await single(stackDir));
    return plans;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
