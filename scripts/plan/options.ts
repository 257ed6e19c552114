// The command line of `npm run plan`: what the user asked for, checked before anything is
// synthesized, so a typo costs no synth and no terraform run.
import { EnvironmentCommand, parseEnvironmentArguments } from '../cli/environment-arguments';

const USAGE = 'Usage: npm run plan -- <environment> [--offline] [--outdir <dir>] [--apply]';

export interface PlanOptions {
  readonly environment: string;
  /** Local backend, provider mirror, no credentials (the test harness's mode). */
  readonly offline: boolean;
  /** Where the app is synthesized; plans and summaries go to `<outdir>/plans/<environment>`. */
  readonly outdir: string;
  /** After every stack planned, apply the saved plans in order (online only). */
  readonly apply: boolean;
}

/** A failure to report as one paragraph, without a stack trace. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

const COMMAND: EnvironmentCommand<'offline' | 'apply'> = {
  usage: USAGE,
  verb: 'Plan',
  example: 'npm run plan -- dev --offline',
  flags: ['offline', 'apply'],
  error: PlanError,
};

export function parseArguments(args: readonly string[]): PlanOptions {
  const { environment, outdir, flags } = parseEnvironmentArguments(COMMAND, args);
  if (flags.apply && flags.offline) {
    throw new PlanError('--apply needs the real backend and credentials; drop --offline to apply, or --apply to only plan offline.');
  }
  return { environment, offline: flags.offline, outdir, apply: flags.apply };
}
