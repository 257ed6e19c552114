import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformPlan } from './plan-json';
import { cliConfigForMirror, findProviderMirror } from './provider-mirror';
import { runTerraform } from './terraform-cli';

/** Skip flags that let the AWS provider plan with no credentials and no network. */
export const OFFLINE_PROVIDER_SETTINGS = {
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  access_key: 'offline-plan',
  secret_key: 'offline-plan',
} as const;

/** The override file the harness writes next to a stack's cdk.tf.json. */
export const OFFLINE_OVERRIDE_FILE = 'offline_override.tf.json';

export interface OfflineOptions {
  /**
   * Provider mirror directory.
   *
   * @default - findProviderMirror(): $TERRAFORM_PROVIDER_MIRROR, a search, or the registry
   */
  readonly providerMirror?: string | null;
  /** Progress callback, called with a short line per step. */
  readonly onStep?: (step: string) => void;
}

export interface OfflinePlanResult {
  /** The working directory, kept for inspection until the caller removes it. */
  readonly workDir: string;
  readonly plan: TerraformPlan;
}

/**
 * An override that replaces the stack's backend with local state and sets the skip flags
 * on every AWS provider configuration (default and aliased), leaving the stack untouched.
 */
export function offlineOverride(stack: { provider?: Record<string, unknown[]> }): Record<string, unknown> {
  const awsConfigs = (stack.provider?.aws ?? [{}]) as { alias?: string }[];
  return {
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    provider: {
      aws: awsConfigs.map((config) => ({ ...(config.alias ? { alias: config.alias } : {}), ...OFFLINE_PROVIDER_SETTINGS })),
    },
  };
}

/** Environment for terraform: the CLI config for the mirror (if any) and dummy credentials. */
export function offlineEnvironment(workDir: string, providerMirror: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    AWS_ACCESS_KEY_ID: OFFLINE_PROVIDER_SETTINGS.access_key,
    AWS_SECRET_ACCESS_KEY: OFFLINE_PROVIDER_SETTINGS.secret_key,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    TF_PLUGIN_CACHE_DIR: '',
  };
  const cliConfig = path.join(workDir, '.terraformrc');
  fs.writeFileSync(cliConfig, providerMirror ? cliConfigForMirror(providerMirror) : '');
  env.TF_CLI_CONFIG_FILE = cliConfig;
  return env;
}

/** Copies a synthesized stack directory into a fresh working directory with the offline override. */
export function prepareOfflineWorkspace(stackDir: string, workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-plan-'))): string {
  fs.cpSync(stackDir, workDir, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}.terraform`) && !source.endsWith('.tfstate'),
  });
  const stack = JSON.parse(fs.readFileSync(path.join(workDir, 'cdk.tf.json'), 'utf8'));
  fs.writeFileSync(path.join(workDir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(stack), null, 2));
  return workDir;
}

function resolveMirror(options: OfflineOptions): string | undefined {
  return options.providerMirror === undefined ? findProviderMirror() : (options.providerMirror ?? undefined);
}

/** `terraform init` in an offline workspace. Returns the environment later commands need. */
export async function initOffline(workDir: string, options: OfflineOptions = {}): Promise<NodeJS.ProcessEnv> {
  const env = offlineEnvironment(workDir, resolveMirror(options));
  options.onStep?.('init');
  await runTerraform(['init', '-input=false', '-no-color'], { cwd: workDir, env });
  return env;
}

/** `terraform validate -json`; throws with every diagnostic when the configuration is invalid. */
export async function validate(workDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { stdout } = await runTerraform(['validate', '-json', '-no-color'], { cwd: workDir, env }).catch((error) => {
    if (error.stdout) return { stdout: error.stdout as string };
    throw error;
  });
  const result = JSON.parse(stdout) as {
    valid: boolean;
    diagnostics: { severity: string; summary: string; detail?: string; address?: string }[];
  };
  if (!result.valid) {
    const messages = result.diagnostics.map(
      (d) => `${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? ` - ${d.detail}` : ''}`,
    );
    throw new Error(`terraform validate failed in ${workDir}:\n${messages.join('\n')}`);
  }
}

/** `terraform plan -refresh=false` into plan.bin, then `terraform show -json`. */
export async function planAndShow(workDir: string, env: NodeJS.ProcessEnv): Promise<TerraformPlan> {
  await runTerraform(['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'], { cwd: workDir, env });
  const { stdout } = await runTerraform(['show', '-json', '-no-color', 'plan.bin'], { cwd: workDir, env });
  return JSON.parse(stdout) as TerraformPlan;
}

/**
 * The whole offline pipeline for one synthesized stack: copy it to a working directory,
 * swap in local state and the provider skip flags, then init against the provider mirror,
 * validate, plan without refreshing, and return the parsed plan. Needs no AWS credentials
 * and, with a mirror, no internet.
 */
export async function planStackOffline(stackDir: string, options: OfflineOptions = {}): Promise<OfflinePlanResult> {
  const workDir = prepareOfflineWorkspace(stackDir);
  const env = await initOffline(workDir, options);
  options.onStep?.('validate');
  await validate(workDir, env);
  options.onStep?.('plan');
  const plan = await planAndShow(workDir, env);
  return { workDir, plan };
}
