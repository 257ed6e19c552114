import { spawn } from 'child_process';

/** Names the terraform binary; default `terraform` on PATH. */
export const TERRAFORM_BINARY_ENV = 'TERRAFORM_BINARY';

export interface TerraformRunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each chunk of output, for progress. */
  readonly onOutput?: (chunk: string) => void;
}

export interface TerraformRunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** A terraform command that exited non-zero; the message carries its output. */
export class TerraformCommandError extends Error {
  constructor(
    public readonly args: readonly string[],
    public readonly exitCode: number | null,
    public readonly stdout: string,
    public readonly stderr: string,
  ) {
    super(`terraform ${args.join(' ')} exited with ${exitCode}:\n${stderr.trim() || stdout.trim()}`);
    this.name = 'TerraformCommandError';
  }
}

/** Runs terraform with `args`; resolves with its output, rejects with TerraformCommandError. */
export function runTerraform(args: readonly string[], options: TerraformRunOptions): Promise<TerraformRunResult> {
  const binary = options.env?.[TERRAFORM_BINARY_ENV] ?? process.env[TERRAFORM_BINARY_ENV] ?? 'terraform';
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd: options.cwd,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onOutput?.(chunk.toString());
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      options.onOutput?.(chunk.toString());
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `cannot run "${binary}": Terraform is not installed or not on PATH. Install Terraform 1.10 or newer, or set ${TERRAFORM_BINARY_ENV} to its path.`,
            )
          : error,
      );
    });
    child.on('close', (code) => {
      const result = { stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
      if (code === 0) {
        resolve(result);
      } else {
        reject(new TerraformCommandError(args, code, result.stdout, result.stderr));
      }
    });
  });
}
