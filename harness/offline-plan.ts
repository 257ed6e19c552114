import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replaceOnlineDataSources } from './offline-stand-ins';
import { TerraformPlan } from './plan-json';
import { cliConfigForMirror, findProviderMirror } from './provider-mirror';
import { runTerraform, TerraformCommandError } from './terraform-cli';

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
 * Unset on every provider offline: with no account to ask for (skip_requesting_account_id),
 * the provider would refuse to plan against its allowed_account_ids pin. In an override file a
 * JSON null removes the argument.
 */
export const OFFLINE_PROVIDER_UNSET = { allowed_account_ids: null, forbidden_account_ids: null } as const;

/** A synthesized stack, as far as the offline settings read it. */
export interface OfflineStack {
  readonly terraform?: { readonly required_providers?: Record<string, unknown> };
  readonly provider?: Record<string, unknown[]>;
  readonly resource?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
}

/**
 * Whether a stack uses the AWS provider: configures it, requires it, or has an AWS resource or
 * data source (which use its default configuration). One that does not gets no AWS settings, so
 * Terraform neither installs the provider nor loads its schema, several seconds of CPU.
 */
export function usesAwsProvider(stack: OfflineStack): boolean {
  const awsType = (types: Record<string, unknown> | undefined) => Object.keys(types ?? {}).some((type) => type.startsWith('aws_'));
  return (
    stack.provider?.aws !== undefined ||
    stack.terraform?.required_providers?.aws !== undefined ||
    awsType(stack.resource) ||
    awsType(stack.data)
  );
}

/**
 * An override that replaces the stack's backend with local state and sets the skip flags
 * on every AWS provider configuration (default and aliased), leaving the stack untouched.
 */
export function offlineOverride(stack: OfflineStack): Record<string, unknown> {
  const backend = { terraform: { backend: { local: { path: 'terraform.tfstate' } } } };
  if (!usesAwsProvider(stack)) return backend;
  const awsConfigs = (stack.provider?.aws ?? [{}]) as { alias?: string }[];
  return {
    ...backend,
    provider: {
      aws: awsConfigs.map((config) => ({
        ...(config.alias ? { alias: config.alias } : {}),
        ...OFFLINE_PROVIDER_SETTINGS,
        ...OFFLINE_PROVIDER_UNSET,
      })),
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

/**
 * Whether a path in a synthesized stack directory (relative to it) is Terraform's own rather than
 * the stack's: the `.terraform` folder and `.terraform.lock.hcl` that a `terraform init` there
 * leaves, and local state (`*.tfstate`). The offline workspace leaves these out, and so does the
 * plan cache's content key (plan-cache.ts): both use this one test, so a plan is stored under a
 * key that names exactly the files that were planned.
 */
export function isTerraformWorkingFile(relativePath: string): boolean {
  // Any part of the path: a folder that is left out leaves out everything below it.
  return relativePath.split(/[\\/]/).some((part) => part.startsWith('.terraform') || part.endsWith('.tfstate'));
}

/** Copies a synthesized stack directory into a fresh working directory with the offline override. */
export function prepareOfflineWorkspace(stackDir: string, workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-plan-'))): string {
  fs.cpSync(stackDir, workDir, {
    recursive: true,
    filter: (source) => !isTerraformWorkingFile(path.relative(stackDir, source)),
  });
  const stack = JSON.parse(fs.readFileSync(path.join(workDir, 'cdk.tf.json'), 'utf8'));
  // Lookups that would call AWS read stand-in values instead (offline-stand-ins.ts).
  const standIn = replaceOnlineDataSources(stack);
  if (standIn.replaced.length > 0) fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(standIn.stack, null, 2));
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

/** A Terraform diagnostic as `-json` output reports it. */
interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

/** The diagnostics in a `-json` output stream, one line each: severity, summary, address, detail. */
export function describeDiagnostics(jsonLines: string): string[] {
  return jsonLines
    .split('\n')
    .flatMap((line): Diagnostic[] => {
      try {
        const message = JSON.parse(line) as { type?: string; diagnostic?: Diagnostic };
        return message.type === 'diagnostic' && message.diagnostic ? [message.diagnostic] : [];
      } catch {
        return [];
      }
    })
    .filter((d) => d.severity === 'error')
    .map(
      (d) =>
        `${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ''}` +
        `${d.range ? ` at ${d.range.filename}:${d.range.start.line}` : ''}${d.detail ? ` - ${d.detail.replace(/\s+/g, ' ')}` : ''}`,
    );
}

/**
 * `terraform plan -refresh=false` into plan.bin, then `terraform show -json`. Plan validates the
 * configuration itself (a separate `terraform validate` cost about 4 s per stack); an invalid
 * one fails with one line per error diagnostic, as `validate -json` would have reported it.
 */
export async function planAndShow(workDir: string, env: NodeJS.ProcessEnv): Promise<TerraformPlan> {
  await runTerraform(['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-json', '-out=plan.bin'], {
    cwd: workDir,
    env,
  }).catch((error: unknown) => {
    const diagnostics = error instanceof TerraformCommandError ? describeDiagnostics(error.stdout) : [];
    if (diagnostics.length === 0) throw error;
    throw new Error(`terraform plan failed in ${workDir}:\n${diagnostics.join('\n')}`);
  });
  const { stdout } = await runTerraform(['show', '-json', '-no-color', 'plan.bin'], { cwd: workDir, env });
  return JSON.parse(stdout) as TerraformPlan;
}

/**
 * The whole offline pipeline for one synthesized stack: copy it to a working directory,
 * swap in local state and the provider skip flags, then init against the provider mirror,
 * plan without refreshing (which validates), and return the parsed plan. Needs no AWS credentials
 * and, with a mirror, no internet.
 */
export async function planStackOffline(stackDir: string, options: OfflineOptions = {}): Promise<OfflinePlanResult> {
  const workDir = prepareOfflineWorkspace(stackDir);
  const env = await initOffline(workDir, options);
  options.onStep?.('plan');
  const plan = await planAndShow(workDir, env);
  return { workDir, plan };
}
