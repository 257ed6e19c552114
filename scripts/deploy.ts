// `npm run deploy -- <environment> [--dry-run] [--outdir <dir>]`: synthesizes the environment
// and applies its stacks in dependency order: state, account, the environment, its website.
// Each stack is planned into a file and that very plan is applied, so what is printed is what
// happens. Run `npm run bootstrap` once per account before the first deploy.
import * as path from 'path';
import { config } from '../config/environments';
import { loadConfig, LoadedConfig } from '../config/load';
import { readSynthesizedApp } from '../harness/synth';
import { runTerraform } from '../harness/terraform-cli';
import { synthesize } from '../main';
import { ACCOUNT_STACK_NAME } from '../stacks/account-stack';
import { environmentStackName } from '../stacks/environment-stack';
import { STATE_STACK_NAME } from '../stacks/state-stack';
import { websiteStackName } from '../stacks/website-stack';
import { EnvironmentCommand, parseEnvironmentArguments } from './cli/environment-arguments';

const USAGE = 'Usage: npm run deploy -- <environment> [--dry-run] [--outdir <dir>]';

export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}

export interface DeployOptions {
  readonly environment: string;
  /** Print the commands instead of running them. */
  readonly dryRun: boolean;
  readonly outdir: string;
}

const COMMAND: EnvironmentCommand<'dry-run'> = {
  usage: USAGE,
  verb: 'Deploy',
  example: 'npm run deploy -- dev',
  flags: ['dry-run'],
  error: DeployError,
};

export function parseArguments(args: readonly string[]): DeployOptions {
  const { environment, outdir, flags } = parseEnvironmentArguments(COMMAND, args);
  return { environment, dryRun: flags['dry-run'], outdir };
}

/**
 * The stacks one environment needs, in the order they must be applied: the state bucket holds
 * every other stack's state; the account baseline (when configured) comes before anything runs
 * in the account; the environment; its website, which shares nothing with it but comes last.
 */
export function deployOrder(loaded: LoadedConfig, environment: string): string[] {
  const environmentConfig = loaded.environments[environment];
  if (!environmentConfig) {
    throw new DeployError(`Unknown environment "${environment}"; known environments are ${Object.keys(loaded.environments).join(', ')}.`);
  }
  return [
    STATE_STACK_NAME,
    ...(loaded.project.account ? [ACCOUNT_STACK_NAME] : []),
    environmentStackName(environment),
    ...(environmentConfig.website ? [websiteStackName(environment)] : []),
  ];
}

/** The terraform commands that deploy one synthesized stack. */
export function stackCommands(): string[][] {
  return [
    ['init', '-input=false', '-no-color'],
    ['plan', '-input=false', '-no-color', '-lock-timeout=5m', '-out=deploy.tfplan'],
    ['apply', '-input=false', '-no-color', '-lock-timeout=5m', 'deploy.tfplan'],
  ];
}

export type TerraformRunner = (args: readonly string[], cwd: string) => Promise<unknown>;

/** Synthesizes the environment and deploys its stacks in order; returns the stacks deployed. */
export async function deploy(
  options: DeployOptions,
  run: TerraformRunner = (args, cwd) => runTerraform(args, { cwd, onOutput: (chunk) => process.stderr.write(chunk) }),
  log: (line: string) => void = (line) => process.stderr.write(line),
): Promise<string[]> {
  const order = deployOrder(loadConfig(config), options.environment);
  const app = readSynthesizedApp(synthesize(options.outdir, options.environment));
  log(`Deploying ${options.environment}: ${order.join(' -> ')}\n`);
  for (const [index, stack] of order.entries()) {
    const stackDir = app.stackDir(stack);
    log(`[${index + 1}/${order.length}] ${stack}\n`);
    for (const args of stackCommands()) {
      if (options.dryRun) {
        log(`  (cd ${path.relative(process.cwd(), stackDir) || '.'} && terraform ${args.join(' ')})\n`);
        continue;
      }
      try {
        await run(args, stackDir);
      } catch (error) {
        throw new DeployError(
          `terraform ${args[0]} failed for stack "${stack}" (${stackDir}); the stacks before it are deployed, fix the error and run the same command again. ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
  return order;
}

export async function main(args = process.argv.slice(2)): Promise<number> {
  try {
    await deploy(parseArguments(args));
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
