// `npm run plan -- <env> --offline --base <dir|git-ref|deployed>`: the base directory the change
// check compares with. Resolved first, before the current revision is synthesized, so a base
// that cannot be used (an unknown ref, a base that does not synthesize, dependencies that do not
// install, no recorded deployment) stops the command with one paragraph and exit code 2 before
// anything is written.
import { BaseInputError } from '../change/base-error';
import { resolveBase, ResolvedBase } from '../change/base';
import { BAD_INPUT_EXIT_CODE, PlanError, PlanOptions } from './options';

/** The base's synthesized stacks, or undefined without --base. Throws PlanError with exit code 2 for a base it cannot use. */
export async function planBase(
  options: Pick<PlanOptions, 'base' | 'environment'>,
  log: (line: string) => void,
  repo = process.cwd(),
): Promise<ResolvedBase | undefined> {
  if (!options.base) return undefined;
  try {
    return await resolveBase(options.base, options.environment, { repo, log });
  } catch (error) {
    throw error instanceof BaseInputError ? new PlanError(error.message, BAD_INPUT_EXIT_CODE) : error;
  }
}
