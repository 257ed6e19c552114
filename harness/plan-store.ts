import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { TERRAFORM_BINARY_ENV } from './terraform-cli';

// The plan store keeps the plans of the plan cache (plan-cache.ts) from one test run to the next.
// A cache entry is named by the content of the synthesized stack; the store adds everything else
// a plan depends on to the name of the folder it keeps them in (planStoreSalt): the Terraform
// release, the provider binaries, the harness code that prepares and splits the plans, and the
// environment variables Terraform reads. `terraform plan -refresh=false` of the same inputs
// against empty local state is the same plan, so a stack whose content did not change since the
// last run is not planned again; a changed stack, or a new Terraform or provider, is.
//
// Only plans that succeeded are cached, so a stack that fails to plan is planned again every run.
// WEB_STACK_PLAN_STORE=off plans everything afresh (and keeps nothing).

/** The store's folder; `off` disables it. Default: node_modules/.cache/web-stack-plans of the project. */
export const PLAN_STORE_ENV = 'WEB_STACK_PLAN_STORE';
export const PLAN_STORE_OFF = 'off';

/** How much the store keeps (harvestPlanCache). */
export interface StoreLimits {
  /** Plans not used for this long are dropped. */
  readonly maxAgeMs: number;
  /** Beyond this size the least recently used go. */
  readonly maxBytes: number;
}
// Two weeks; 256 MB holds a few hundred plans (one of a whole environment is about 1 MB).
const DEFAULT_LIMITS: StoreLimits = { maxAgeMs: 14 * 24 * 3600 * 1000, maxBytes: 256 * 1024 * 1024 };

/** A cache entry: a plan named by its stack's content key (plan-cache.ts). */
const ENTRY = /^[0-9a-f]{32}\.json$/;

/** What a plan depends on besides the stack's own content. */
export interface StoreInputs {
  /** `terraform version -json` output. */
  readonly terraformVersion: string;
  /** The provider mirror the plans install from; undefined: the registry. */
  readonly providerMirror?: string;
  /** The folder of the harness code (harness/). */
  readonly harnessDir: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Every file below `dir` (following no links), sorted. */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((relative) => path.join(dir, relative))
    .filter((file) => fs.statSync(file).isFile())
    .sort();
}

/** The store folder's name: a hash of every input of a plan that is not in the stack itself. */
export function planStoreSalt(inputs: StoreInputs): string {
  const hash = createHash('sha256');
  const add = (...parts: string[]) => parts.forEach((part) => hash.update(part).update('\0'));
  const { terraform_version, platform } = JSON.parse(inputs.terraformVersion) as { terraform_version?: string; platform?: string };
  add('terraform', String(terraform_version), String(platform));
  if (inputs.providerMirror) {
    // The binaries are hundreds of MB: their size and time stand for their content.
    for (const file of filesBelow(inputs.providerMirror)) {
      const stat = fs.statSync(file);
      add('provider', path.relative(inputs.providerMirror, file), String(stat.size), String(stat.mtimeMs));
    }
  } else {
    add('provider', 'registry');
  }
  for (const file of filesBelow(inputs.harnessDir)) add('harness', path.relative(inputs.harnessDir, file), fs.readFileSync(file, 'utf8'));
  // Variables and arguments Terraform takes from the environment could change a plan.
  for (const name of Object.keys(inputs.env).sort()) {
    if (/^TF_VAR_|^TF_CLI_ARGS/.test(name)) add('env', name, inputs.env[name] ?? '');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The store folder for this project and these inputs, or undefined when the store is off or
 * Terraform cannot be asked its version (the plans then fail on their own, with a clearer error).
 */
export function openPlanStore(
  projectRoot: string,
  providerMirror: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const configured = env[PLAN_STORE_ENV];
  if (configured === PLAN_STORE_OFF) return undefined;
  let terraformVersion: string;
  try {
    terraformVersion = execFileSync(env[TERRAFORM_BINARY_ENV] ?? 'terraform', ['version', '-json'], {
      encoding: 'utf8',
      env: { ...env, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
  const storeRoot = configured || path.join(projectRoot, 'node_modules', '.cache', 'web-stack-plans');
  const salt = planStoreSalt({ terraformVersion, providerMirror, harnessDir: path.join(projectRoot, 'harness'), env });
  return path.join(storeRoot, salt);
}

/** Hard-links `from` to `to` (one copy on disk), or copies it across file systems; atomic either way. */
function place(from: string, to: string): void {
  const temporary = `${to}.${process.pid}.tmp`;
  try {
    fs.linkSync(from, temporary);
  } catch {
    fs.copyFileSync(from, temporary);
    // A copy carries the time of last use along, as a link shares it.
    const { atime, mtime } = fs.statSync(from);
    fs.utimesSync(temporary, atime, mtime);
  }
  fs.renameSync(temporary, to);
}

const entriesOf = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => ENTRY.test(name)) : []);

/** Puts the stored plans into a run's plan cache before the run starts. Returns how many. */
export function seedPlanCache(storeDir: string, cacheDir: string): number {
  const entries = entriesOf(storeDir);
  for (const name of entries) place(path.join(storeDir, name), path.join(cacheDir, name));
  return entries.length;
}

/**
 * Keeps the plans of a run's cache in the store after the run: new plans, and the times plans
 * were last read (planStackCached touches a plan it reads). Then drops the plans not used within
 * `limits.maxAgeMs`, the least recently used beyond `limits.maxBytes`, and the folders of other
 * inputs (an older Terraform, an earlier harness). Returns how many plans the store holds.
 */
export function harvestPlanCache(cacheDir: string, storeDir: string, limits: StoreLimits = DEFAULT_LIMITS): number {
  fs.mkdirSync(storeDir, { recursive: true });
  for (const name of entriesOf(cacheDir)) {
    const from = path.join(cacheDir, name);
    const to = path.join(storeDir, name);
    const stored = fs.existsSync(to) ? fs.statSync(to) : undefined;
    const run = fs.statSync(from);
    if (!stored || (stored.ino !== run.ino && run.mtimeMs > stored.mtimeMs)) place(from, to);
  }
  const storeRoot = path.dirname(storeDir);
  for (const other of fs.readdirSync(storeRoot)) {
    if (other !== path.basename(storeDir)) fs.rmSync(path.join(storeRoot, other), { recursive: true, force: true });
  }
  const now = Date.now();
  let bytes = 0;
  const kept = entriesOf(storeDir)
    .map((name) => ({ file: path.join(storeDir, name), stat: fs.statSync(path.join(storeDir, name)) }))
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs)
    .filter(({ file, stat }) => {
      bytes += stat.size;
      if (now - stat.mtimeMs <= limits.maxAgeMs && bytes <= limits.maxBytes) return true;
      fs.rmSync(file, { force: true });
      return false;
    });
  return kept.length;
}
