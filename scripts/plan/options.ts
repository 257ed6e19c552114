// The command line of `npm run plan`: what the user asked for, checked before anything is
// synthesized, so a typo costs no synth and no terraform run.
import * as fs from 'fs';
import * as path from 'path';
import { EnvironmentCommand, parseEnvironmentArguments } from '../cli/environment-arguments';

const USAGE =
  'Usage: npm run plan -- <environment> [--offline] [--outdir <dir>] [--apply [--auto-approve]] [--base <dir|git-ref|deployed>] [--allow-replace <address>]...';

/** Exit code of a command given bad input (an argument or a base it cannot use). */
export const BAD_INPUT_EXIT_CODE = 2;

/**
 * What the change check compares the current revision with (`--base`): a directory of
 * synthesized stacks (cdktf.out layout, `stacks/<name>/cdk.tf.json`), a git revision to
 * synthesize, or the revision last deployed to the environment.
 */
export type BaseSpec =
  { readonly kind: 'directory'; readonly dir: string } | { readonly kind: 'git-ref'; readonly ref: string } | { readonly kind: 'deployed' };

export interface PlanOptions {
  readonly environment: string;
  /** Local backend, provider mirror, no credentials (the test harness's mode). */
  readonly offline: boolean;
  /** Where the app is synthesized; plans and summaries go to `<outdir>/plans/<environment>`. */
  readonly outdir: string;
  /** After every stack planned, apply the saved plans in order (online only). */
  readonly apply: boolean;
  /**
   * The base of the offline change check: plan against a state built from it.
   *
   * @default - no change check: an offline plan starts from an empty state
   */
  readonly base?: BaseSpec;
  /** Addresses whose stateful replacement or destroy is accepted (`--allow-replace`, repeatable). */
  readonly allowReplace: readonly string[];
  /** With --apply: apply each stack without asking (CI); stateful losses still need allowReplace. @default false */
  readonly autoApprove?: boolean;
}

/** A failure to report as one paragraph, without a stack trace; `exitCode` 2 for bad input. */
export class PlanError extends Error {
  constructor(
    message: string,
    public readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}

/** A command line or base the command cannot use: exit code 2. */
class PlanUsageError extends PlanError {
  constructor(message: string) {
    super(message, BAD_INPUT_EXIT_CODE);
  }
}

const COMMAND: EnvironmentCommand<'offline' | 'apply' | 'auto-approve', 'base' | 'allow-replace'> = {
  usage: USAGE,
  verb: 'Plan',
  example: 'npm run plan -- dev --offline',
  flags: ['offline', 'apply', 'auto-approve'],
  values: ['base', 'allow-replace'],
  error: PlanUsageError,
};

/**
 * Reads `--base`: `deployed`; an existing directory, or a path written as one (`./x`, `../x`,
 * `/x`), is a directory of synthesized stacks; anything else a git revision.
 */
export function parseBase(value: string, cwd = process.cwd()): BaseSpec {
  if (value === 'deployed') return { kind: 'deployed' };
  const resolved = path.resolve(cwd, value);
  const writtenAsPath = value.startsWith('./') || value.startsWith('../') || path.isAbsolute(value);
  if (writtenAsPath || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory())) return { kind: 'directory', dir: resolved };
  return { kind: 'git-ref', ref: value };
}

export function parseArguments(args: readonly string[]): PlanOptions {
  const { environment, outdir, flags, values } = parseEnvironmentArguments(COMMAND, args);
  if (flags.apply && flags.offline) {
    throw new PlanUsageError('--apply needs the real backend and credentials; drop --offline to apply, or --apply to only plan offline.');
  }
  if (values.base.length > 1) {
    throw new PlanUsageError(`--base is given ${values.base.length} times (${values.base.join(', ')}); compare with one base. ${USAGE}`);
  }
  const base = values.base.length === 1 ? parseBase(values.base[0]) : undefined;
  if (base && !flags.offline) {
    throw new PlanUsageError(
      `--base runs the offline change check, which plans without credentials against a state built from the base; add --offline (npm run plan -- ${environment} --offline --base ${values.base[0]}).`,
    );
  }
  if (values['allow-replace'].length > 0 && !base && !flags.apply) {
    throw new PlanUsageError(
      `--allow-replace accepts the replacement of a stateful resource found by the change check (--base) or before --apply; without either nothing is replaced. ${USAGE}`,
    );
  }
  if (flags['auto-approve'] && !flags.apply) {
    throw new PlanUsageError(
      `--auto-approve answers the question --apply asks before each stack; without --apply nothing is applied. ${USAGE}`,
    );
  }
  return {
    environment,
    offline: flags.offline,
    outdir,
    apply: flags.apply,
    ...(base ? { base } : {}),
    allowReplace: values['allow-replace'],
    ...(flags['auto-approve'] ? { autoApprove: true } : {}),
  };
}
