// The command line of `npm run plan`: what the user asked for, checked before anything is
// synthesized, so a typo costs no synth and no terraform run.
import * as path from 'path';

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

export function parseArguments(args: readonly string[]): PlanOptions {
  let environment: string | undefined;
  let offline = false;
  let outdir = 'cdktf.out';
  let apply = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--offline') {
      offline = true;
    } else if (arg === '--apply') {
      apply = true;
    } else if (arg === '--outdir') {
      outdir = args[++i] ?? '';
      if (!outdir) throw new PlanError(`--outdir needs a directory. ${USAGE}`);
    } else if (arg.startsWith('-')) {
      throw new PlanError(`Unknown option "${arg}". ${USAGE}`);
    } else if (environment) {
      throw new PlanError(`Plan one environment at a time; got "${environment}" and "${arg}". ${USAGE}`);
    } else {
      environment = arg;
    }
  }
  if (!environment) {
    throw new PlanError(`No environment given. ${USAGE}, for example npm run plan -- dev --offline.`);
  }
  if (apply && offline) {
    throw new PlanError('--apply needs the real backend and credentials; drop --offline to apply, or --apply to only plan offline.');
  }
  return { environment, offline, outdir: path.resolve(outdir), apply };
}
