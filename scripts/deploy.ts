// `npm run deploy -- <environment> [--dry-run] [--auto-approve] [--allow-replace <address>]...
// [--outdir <dir>]`: synthesizes the environment and applies its stacks in dependency order:
// state, account, the environment, its website. Each stack is planned into a file, its plan
// shown (what it creates, updates, replaces and destroys, stateful resources first), and that
// very plan applied after a "yes" on the terminal (scripts/deploy/approval.ts). When every stack
// is applied, the tag deployed/<env> records the commit (scripts/change/deployed-revision.ts).
// Run `npm run bootstrap` once per account before the first deploy.
import * as path from 'path';
import { config } from '../config/environments';
import { loadConfig, LoadedConfig } from '../config/load';
import { TerraformPlan } from '../harness/plan-json';
import { readSynthesizedApp } from '../harness/synth';
import { runTerraform } from '../harness/terraform-cli';
import { synthesize } from '../main';
import { ACCOUNT_STACK_NAME } from '../stacks/account-stack';
import { environmentStackName } from '../stacks/environment-stack';
import { STATE_STACK_NAME } from '../stacks/state-stack';
import { websiteStackName } from '../stacks/website-stack';
import { currentRevision, recordDeployedRevision } from './change/deployed-revision';
import { EnvironmentCommand, parseEnvironmentArguments } from './cli/environment-arguments';
import { ApplyRefused, approveStack, noTerminalMessage, Prompt } from './deploy/approval';
import { terminalPrompt } from './deploy/terminal-prompt';

const USAGE = 'Usage: npm run deploy -- <environment> [--dry-run] [--auto-approve] [--allow-replace <address>]... [--outdir <dir>]';

/** A deploy that cannot start or did not finish; `exitCode` 2 for bad input, else 1. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'DeployError';
  }
}

/** A command line the deploy cannot use: exit code 2. */
class DeployUsageError extends DeployError {
  constructor(message: string) {
    super(message, 2);
  }
}

export interface DeployOptions {
  readonly environment: string;
  /** Print the commands instead of running them. */
  readonly dryRun: boolean;
  readonly outdir: string;
  /** Apply each stack without asking (CI). Stateful replacements still need `allowReplace`. @default false */
  readonly autoApprove?: boolean;
  /** Addresses whose stateful replacement or destroy is accepted (`--allow-replace`, repeatable). @default - none */
  readonly allowReplace?: readonly string[];
}

const COMMAND: EnvironmentCommand<'dry-run' | 'auto-approve', 'allow-replace'> = {
  usage: USAGE,
  verb: 'Deploy',
  example: 'npm run deploy -- dev',
  flags: ['dry-run', 'auto-approve'],
  values: ['allow-replace'],
  error: DeployUsageError,
};

export function parseArguments(args: readonly string[]): DeployOptions {
  const { environment, outdir, flags, values } = parseEnvironmentArguments(COMMAND, args);
  return {
    environment,
    dryRun: flags['dry-run'],
    outdir,
    autoApprove: flags['auto-approve'],
    allowReplace: values['allow-replace'],
  };
}

/**
 * The stacks one environment needs, in the order they must be applied: the state bucket holds
 * every other stack's state; the account baseline (when configured) comes before anything runs
 * in the account; the environment; its website, which shares nothing with it but comes last.
 */
export function deployOrder(loaded: LoadedConfig, environment: string): string[] {
  const environmentConfig = loaded.environments[environment];
  if (!environmentConfig) {
    throw new DeployUsageError(
      `Unknown environment "${environment}"; known environments are ${Object.keys(loaded.environments).join(', ')}.`,
    );
  }
  return [
    STATE_STACK_NAME,
    ...(loaded.project.account ? [ACCOUNT_STACK_NAME] : []),
    environmentStackName(environment),
    ...(environmentConfig.website ? [websiteStackName(environment)] : []),
  ];
}

const PLAN_FILE = 'deploy.tfplan';

/** The terraform commands that deploy one synthesized stack: init, plan into a file, read it, apply it. */
export function stackCommands(): string[][] {
  return [
    ['init', '-input=false', '-no-color'],
    ['plan', '-input=false', '-no-color', '-lock-timeout=5m', `-out=${PLAN_FILE}`],
    ['show', '-json', '-no-color', PLAN_FILE],
    ['apply', '-input=false', '-no-color', '-lock-timeout=5m', PLAN_FILE],
  ];
}

/** Runs terraform in a stack directory; resolves with its standard output. */
export type TerraformRunner = (args: readonly string[], cwd: string) => Promise<{ stdout: string } | void>;

/** What deploy reaches outside itself; tests replace them. */
export interface DeployIo {
  readonly run?: TerraformRunner;
  readonly log?: (line: string) => void;
  /** @default - the terminal when stdin is one, else none */
  readonly prompt?: Prompt;
  /** Where the deployed revision is recorded. @default - the current directory's git repository */
  readonly repo?: string;
}

const defaultRunner: TerraformRunner = (args, cwd) =>
  // show's JSON is for this process, not the terminal.
  runTerraform(args, { cwd, onOutput: args[0] === 'show' ? undefined : (chunk) => process.stderr.write(chunk) });

/** Synthesizes the environment and deploys its stacks in order; returns the stacks, in that order. */
export async function deploy(options: DeployOptions, io: DeployIo = {}): Promise<string[]> {
  const run = io.run ?? defaultRunner;
  const log = io.log ?? ((line: string) => process.stderr.write(line));
  const prompt = 'prompt' in io ? io.prompt : terminalPrompt();
  const command = `npm run deploy -- ${options.environment}`;
  const order = deployOrder(loadConfig(config), options.environment);
  // Refused before anything runs: a deploy that could only stop at its first question.
  if (!options.dryRun && !options.autoApprove && !prompt) throw new DeployUsageError(noTerminalMessage(command));
  const repo = io.repo ?? process.cwd();
  // Taken before the synth: what is applied is the code as it was when the deploy started.
  const revision = options.dryRun ? undefined : currentRevision(repo);
  const app = readSynthesizedApp(synthesize(options.outdir, options.environment));
  log(`Deploying ${options.environment}: ${order.join(' -> ')}\n`);
  for (const [index, stack] of order.entries()) {
    const stackDir = app.stackDir(stack);
    log(`[${index + 1}/${order.length}] ${stack}\n`);
    if (options.dryRun) {
      for (const args of stackCommands()) log(`  (cd ${path.relative(process.cwd(), stackDir) || '.'} && terraform ${args.join(' ')})\n`);
      continue;
    }
    const [init, planCommand, show, apply] = stackCommands();
    const step = async (args: string[]) => {
      try {
        return await run(args, stackDir);
      } catch (error) {
        throw new DeployError(
          `terraform ${args[0]} failed for stack "${stack}" (${stackDir}); the stacks before it are deployed, fix the error and run the same command again. ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };
    await step(init);
    await step(planCommand);
    const plan = JSON.parse((await step(show))?.stdout ?? '{}') as TerraformPlan;
    const approval = { autoApprove: options.autoApprove ?? false, allowReplace: options.allowReplace ?? [], prompt };
    try {
      await approveStack(stack, plan, command, approval, log);
    } catch (error) {
      throw error instanceof ApplyRefused ? new DeployError(error.message, error.exitCode) : error;
    }
    await step(apply);
  }
  if (!options.dryRun) recordDeployedRevision(repo, options.environment, revision, log);
  return order;
}

export async function main(args = process.argv.slice(2)): Promise<number> {
  try {
    await deploy(parseArguments(args));
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof DeployError ? error.exitCode : 1;
  }
}
