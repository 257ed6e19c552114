import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { initOffline, OFFLINE_OVERRIDE_FILE, offlineOverride, OfflineOptions, planAndShow, planStackOffline } from './offline-plan';
import { replaceOnlineDataSources } from './offline-stand-ins';
import { BATCH_OUTPUT_SEPARATOR, batchModuleName, splitBatchPlan } from './plan-batch-split';
import { TerraformPlan } from './plan-json';

// Most of an offline plan is fixed cost: `plan` and `show -json` each spend about 4 s loading
// the AWS provider's schema whether the stack has one resource or a hundred (measured: a
// one-bucket stack plans in the same time as the 118-resource dev stack). Several stacks
// planned together as modules of one root share that cost: one init, one schema load for the
// plan and one for the show. Each stack's part of the combined plan is then cut back out in the
// shape `terraform show -json` gives for the stack on its own (plan-batch-split.ts), and a test
// plans every stack of the app and the examples both ways and compares them
// (__tests__/harness/plan-batch-equivalence.plan.test.ts).

/**
 * A stack as a module of the batch root: stand-ins for online data sources and no backend (a
 * child module has none), in `main`; the offline provider settings (and `awsSettings`, such as
 * the change check's loopback endpoints) in `override`, an override file beside it, as a stack
 * planned alone has them (offline-plan.ts). Merged into the provider blocks themselves, they
 * made each plan about 3 s of CPU slower per stack: Terraform then validates each module's
 * provider configuration in its validate walk, and the AWS provider's first validation builds
 * its whole schema again in a new plugin process (measured: dev alone 7.5 s of CPU, dev as a
 * module 11 s with merged settings, 7.5 s with the override file). A stack that uses the AWS
 * provider without configuring it gets the settings in a provider block of its own (an override
 * needs a block to override).
 */
function stackAsModule(
  stack: Record<string, any>,
  awsSettings: Record<string, unknown> = {},
): { main: Record<string, any>; override?: Record<string, any> } {
  const { stack: standIn } = replaceOnlineDataSources(stack);
  const { backend: _backend, cloud: _cloud, ...terraform } = (standIn.terraform ?? {}) as Record<string, unknown>;
  const offline = offlineOverride(standIn).provider as { aws: Record<string, unknown>[] } | undefined;
  if (!offline) return { main: { ...standIn, terraform } };
  const aws = offline.aws.map((settings) => ({ ...settings, ...awsSettings }));
  if (standIn.provider?.aws) return { main: { ...standIn, terraform }, override: { provider: { aws } } };
  return { main: { ...standIn, terraform, provider: { ...(standIn.provider ?? {}), aws } } };
}

export interface BatchWorkspaceOptions {
  /**
   * Changes each stack's Terraform JSON (a copy) before it becomes a module.
   *
   * @default - the stack as synthesized
   */
  readonly transform?: (stack: Record<string, any>) => Record<string, any>;
  /**
   * Settings merged into every AWS provider block of every module.
   *
   * @default - the offline settings only
   */
  readonly awsSettings?: Record<string, unknown>;
}

/**
 * Why a stack cannot be a module of the batch root, or undefined when it can. Such a stack is
 * planned on its own, so its plan is the one Terraform gives, not a part cut out of another.
 */
export function batchRefusal(stack: Record<string, any>): string | undefined {
  // A module's variables take their values from its caller: the batch root would have to declare
  // and pass on each one, and `variables` in the plan would then be the root's, not the stack's.
  if (Object.keys(stack.variable ?? {}).length > 0) return 'it declares input variables';
  if (Object.keys(stack.import ?? {}).length > 0) return 'it has import blocks, which Terraform allows only in the root module';
  return undefined;
}

const readStack = (stackDir: string) => JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as Record<string, any>;

/**
 * Writes the batch root: one module per stack, their assets merged, their outputs re-exported
 * (`<module>__<output>`: a module's outputs are not root outputs, so the plan would otherwise
 * leave them out of `output_changes`, `planned_values.outputs` and the prior state).
 *
 * The root declares no provider, not even in `required_providers`: each module declares its own,
 * so each provider configuration in the plan is a stack's, under the stack's module, and cuts out
 * exactly as the stack's own plan shows it (plan-batch-split.ts). A stack that uses a provider it
 * configures nowhere gets the root's implied default configuration, as it would on its own.
 */
export function prepareBatchWorkspace(
  stackDirs: readonly string[],
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-batch-')),
  options: BatchWorkspaceOptions = {},
): string {
  const modules: Record<string, { source: string }> = {};
  const outputs: Record<string, { value: string; sensitive?: boolean }> = {};
  stackDirs.forEach((stackDir, index) => {
    const name = batchModuleName(index);
    const stack = options.transform ? options.transform(readStack(stackDir)) : readStack(stackDir);
    const refusal = batchRefusal(stack);
    if (refusal) throw new Error(`${stackDir} cannot be planned in a batch: ${refusal}`);
    fs.mkdirSync(path.join(workDir, name));
    const { main, override } = stackAsModule(stack, options.awsSettings);
    fs.writeFileSync(path.join(workDir, name, 'main.tf.json'), JSON.stringify(main));
    if (override) fs.writeFileSync(path.join(workDir, name, OFFLINE_OVERRIDE_FILE), JSON.stringify(override));
    // Asset paths in a stack ("assets/<id>/<hash>/...") are relative to the working directory,
    // not to the module, and carry their content hash: the stacks' asset trees merge safely.
    const assets = path.join(stackDir, 'assets');
    if (fs.existsSync(assets)) fs.cpSync(assets, path.join(workDir, 'assets'), { recursive: true, force: false, errorOnExist: false });
    modules[name] = { source: `./${name}` };
    for (const [output, body] of Object.entries((stack.output ?? {}) as Record<string, { sensitive?: boolean }>)) {
      outputs[`${name}${BATCH_OUTPUT_SEPARATOR}${output}`] = {
        value: `\${module.${name}.${output}}`,
        ...(body.sensitive ? { sensitive: true } : {}),
      };
    }
  });
  const root = {
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    module: modules,
    ...(Object.keys(outputs).length > 0 ? { output: outputs } : {}),
  };
  fs.writeFileSync(path.join(workDir, 'main.tf.json'), JSON.stringify(root, null, 2));
  return workDir;
}

export interface BatchOptions extends OfflineOptions {
  /**
   * When the combined plan fails, report it on stderr and plan each stack on its own, so the
   * error names the stack (and its file) exactly as a single plan would. The tests' prewarm turns
   * it off: the tests that asked for those stacks plan them themselves and report their own errors.
   *
   * @default true
   */
  readonly planAloneOnFailure?: boolean;
  /**
   * Called with the stacks whose plans were cut out of one combined plan, once it succeeded
   * (the others, if any, were planned on their own).
   *
   * @default - nothing is called
   */
  readonly onCombined?: (stackDirs: readonly string[]) => void;
}

/** The stack's name: the folder cdktf synthesizes it into (cdktf.out/stacks/<name>). */
const stackName = (stackDir: string) => path.basename(stackDir);

/** One paragraph on stderr: which stacks the failed combined plan held, and its first error lines. */
function reportCombinedFailure(stackDirs: readonly string[], error: unknown): void {
  const { modules, firstLines } = batchFailure(stackDirs.map(stackName), error);
  process.stderr.write(
    `The combined offline plan of ${stackDirs.length} stacks failed (modules ${modules}); planning each stack on its own ` +
      `to name the error. First lines of the error: ${firstLines}\n`,
  );
}

/**
 * What a report of a failed batch shows: which module holds which stack (`s0 = dev, s1 = ...`),
 * and the error's first five non-empty lines, joined with ` | `, with a count of the rest.
 */
export function batchFailure(stacks: readonly string[], error: unknown): { modules: string; firstLines: string } {
  const modules = stacks.map((stack, index) => `${batchModuleName(index)} = ${stack}`).join(', ');
  return { modules, firstLines: firstErrorLines(error) };
}

/** An error's first five non-empty lines, joined with ` | `, with a count of the rest: one line of a report. */
export function firstErrorLines(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return `${lines.slice(0, 5).join(' | ')}${lines.length > 5 ? ` | ... (${lines.length - 5} more)` : ''}`;
}

/**
 * Plans several synthesized stacks offline in one Terraform run and returns each stack's plan,
 * in order. A stack that cannot be a module (batchRefusal) is planned on its own. When the
 * combined plan fails, the failure is reported on stderr and each stack is planned on its own,
 * so an error names the stack (and its file) exactly as a single plan would.
 */
export async function planStacksOffline(stackDirs: readonly string[], options: BatchOptions = {}): Promise<TerraformPlan[]> {
  const single = async (stackDir: string) => {
    const { plan, workDir } = await planStackOffline(stackDir, options);
    fs.rmSync(workDir, { recursive: true, force: true });
    return plan;
  };
  const plans = new Map<string, TerraformPlan>();
  const together: string[] = [];
  for (const stackDir of stackDirs) {
    const refusal = batchRefusal(readStack(stackDir));
    if (refusal === undefined) together.push(stackDir);
    else options.onStep?.(`${stackName(stackDir)} is planned on its own: ${refusal}`);
  }
  if (together.length >= 2) {
    const workDir = prepareBatchWorkspace(together);
    let batch: Record<string, any> | undefined;
    try {
      const env = await initOffline(workDir, options);
      options.onStep?.(`plan (${together.length} stacks together)`);
      batch = (await planAndShow(workDir, env)) as unknown as Record<string, any>;
    } catch (error) {
      if (options.planAloneOnFailure === false) throw error;
      reportCombinedFailure(together, error);
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
    if (batch) {
      // Outside the catch: a plan the split cannot read (a key it does not know) is the harness's
      // fault, not the stacks', and planning them one by one would only hide it.
      const combined = batch;
      together.forEach((stackDir, index) => plans.set(stackDir, splitBatchPlan(combined, index)));
      options.onCombined?.(together);
    }
  }
  const result: TerraformPlan[] = [];
  for (const stackDir of stackDirs) result.push(plans.get(stackDir) ?? (await single(stackDir)));
  return result;
}
