// `npm run bootstrap [-- --workdir <dir>]`: creates the state bucket with local state, then moves
// that state into the bucket. cdktf.out is rewritten at every synth, and with it the .terraform
// folder that remembers the previous backend, so the state stack runs in a working directory of
// its own (.bootstrap/state) that keeps it between the two synths.
import * as fs from 'fs';
import * as path from 'path';
import { readSynthesizedApp } from '../harness/synth';
import { runTerraform, TerraformRunResult } from '../harness/terraform-cli';
import { synthesize } from '../main';
import { StateBackend, STATE_STACK_NAME } from '../stacks/state-stack';

const USAGE = 'Usage: npm run bootstrap [-- --workdir <dir>] [--outdir <dir>]';

/** Where the state stack is run from, kept between runs so Terraform knows its last backend. */
export const DEFAULT_BOOTSTRAP_DIR = path.join('.bootstrap', STATE_STACK_NAME);

export class BootstrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BootstrapError';
  }
}

export interface BootstrapOptions {
  /** The state stack's working directory. */
  readonly workDir: string;
  /** Where the app is synthesized. */
  readonly outdir: string;
}

/** What the sequence runs; tests replace the edges that would reach AWS. */
export interface BootstrapSteps {
  /** Synthesizes the app with the state stack on `backend` and returns the state stack's directory. */
  synth(backend: StateBackend, outdir: string): string;
  /** Runs terraform in `cwd`. */
  terraform(args: readonly string[], cwd: string): Promise<TerraformRunResult>;
  /** Changes the stack's JSON before it is written to the working directory (tests only). */
  prepare?(stack: Record<string, any>, backend: StateBackend): Record<string, any>;
  log(line: string): void;
}

export function parseArguments(args: readonly string[]): BootstrapOptions {
  let workDir = DEFAULT_BOOTSTRAP_DIR;
  let outdir = 'cdktf.out';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--workdir' || arg === '--outdir') {
      const value = args[++i];
      if (!value) throw new BootstrapError(`${arg} needs a directory. ${USAGE}`);
      if (arg === '--workdir') workDir = value;
      else outdir = value;
    } else {
      throw new BootstrapError(`Unknown argument "${arg}". ${USAGE}`);
    }
  }
  return { workDir: path.resolve(workDir), outdir: path.resolve(outdir) };
}

/** The backend the working directory was last initialized with, from Terraform's own record. */
export function initializedBackend(workDir: string): string | undefined {
  const record = path.join(workDir, '.terraform', 'terraform.tfstate');
  if (!fs.existsSync(record)) return undefined;
  return (JSON.parse(fs.readFileSync(record, 'utf8')) as { backend?: { type?: string } }).backend?.type;
}

function writeStack(steps: BootstrapSteps, stackDir: string, workDir: string, backend: StateBackend): void {
  const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as Record<string, any>;
  fs.mkdirSync(workDir, { recursive: true });
  fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(steps.prepare ? steps.prepare(stack, backend) : stack, null, 2));
}

/**
 * The bootstrap sequence: synth with local state, init, plan and apply the state bucket; synth
 * with the S3 backend; `terraform init -migrate-state -force-copy` copies the state into the
 * bucket. Returns `terraform state list`, read back from the bucket.
 */
export async function bootstrap(options: BootstrapOptions, steps: BootstrapSteps): Promise<string[]> {
  const { workDir, outdir } = options;
  if (initializedBackend(workDir) === 's3') {
    throw new BootstrapError(
      `The state stack in ${workDir} already keeps its state in the bucket; nothing to bootstrap. Apply later changes with npm run deploy -- <environment>.`,
    );
  }
  steps.log('1/4 Synthesizing the state stack with local state\n');
  writeStack(steps, steps.synth('local', outdir), workDir, 'local');
  steps.log('2/4 Creating the state bucket (terraform init, plan, apply)\n');
  await steps.terraform(['init', '-input=false', '-no-color'], workDir);
  await steps.terraform(['plan', '-input=false', '-no-color', '-out=bootstrap.tfplan'], workDir);
  await steps.terraform(['apply', '-input=false', '-no-color', 'bootstrap.tfplan'], workDir);
  fs.rmSync(path.join(workDir, 'bootstrap.tfplan'), { force: true });
  steps.log('3/4 Synthesizing the state stack with the S3 backend\n');
  writeStack(steps, steps.synth('s3', outdir), workDir, 's3');
  steps.log('4/4 Moving the state into the bucket (terraform init -migrate-state)\n');
  await steps.terraform(['init', '-input=false', '-no-color', '-migrate-state', '-force-copy'], workDir);
  const { stdout } = await steps.terraform(['state', 'list', '-no-color'], workDir);
  const resources = stdout.split('\n').filter(Boolean);
  if (resources.length === 0) {
    throw new BootstrapError(
      `terraform state list in ${workDir} shows no resources after the migration; the state did not reach the bucket.`,
    );
  }
  steps.log(
    `The state bucket's state is now in the bucket (${resources.length} resources). Deploy with npm run deploy -- <environment>.\n`,
  );
  return resources;
}

/** The steps of the real command: the project's app, terraform on PATH, output to stderr. */
export function realSteps(log: (line: string) => void = (line) => process.stderr.write(line)): BootstrapSteps {
  return {
    synth: (backend, outdir) => readSynthesizedApp(synthesize(outdir, undefined, backend)).stackDir(STATE_STACK_NAME),
    terraform: (args, cwd) => runTerraform(args, { cwd, onOutput: log }),
    log,
  };
}

export async function main(args = process.argv.slice(2)): Promise<number> {
  try {
    await bootstrap(parseArguments(args), realSteps());
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
