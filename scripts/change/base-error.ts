/**
 * A base revision the change check cannot use: an unknown git ref, a base that does not compile
 * or synthesize, dependencies that cannot be installed, no recorded deployment. It is bad input,
 * not a failure of the check: the command prints the message (one paragraph naming what to fix)
 * and exits 2, the exit code of a usage error.
 */
export class BaseInputError extends Error {
  readonly exitCode = 2;

  constructor(message: string) {
    super(message);
    this.name = 'BaseInputError';
  }
}

/** The advice every base error ends with: the way round a revision that cannot be synthesized here. */
export const BASE_DIR_HINT =
  'or synthesize the base yourself (check it out, install its dependencies and run `npm run synth` there) and pass its output directory with --base <dir>';
