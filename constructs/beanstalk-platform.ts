/**
 * Elastic Beanstalk platform names, such as "64bit Amazon Linux 2023 v6.5.1 running Node.js 22".
 * AWS retires superseded versions for accounts that never used them, so a pinned name that works
 * today fails the first deploy of a fresh account next quarter. Instead the construct asks for the
 * newest platform of a runtime family (`aws_elastic_beanstalk_solution_stack` with `most_recent`).
 */

/** The operating system part of every platform name the construct selects. */
export const BEANSTALK_PLATFORM_OS = '64bit Amazon Linux 2023';

/** A runtime family as the platform names spell it: "Node.js 22", "Python 3.13", "PHP 8.4", "Docker". */
const RUNTIME = /^[A-Za-z.][A-Za-z0-9.+ ]{0,39}[A-Za-z0-9]$/;

/** Why `runtime` cannot name a platform family, or undefined when it can. */
export function findRuntimeProblem(runtime: string): string | undefined {
  if (!RUNTIME.test(runtime)) {
    return 'is not a runtime family as Beanstalk platform names spell it; use the part after "running", such as "Node.js 22" or "Python 3.13"';
  }
  return undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * The `name_regex` for the platforms of one runtime family on Amazon Linux 2023, in the RE2
 * syntax Terraform uses. Anchored at both ends, so "Node.js 22" matches neither "Node.js 20" nor a
 * later "Node.js 220", nor Amazon Linux 2 or other families.
 */
export function solutionStackNameRegex(runtime: string): string {
  return `^${escapeRegex(BEANSTALK_PLATFORM_OS)} v[0-9]+\\.[0-9]+\\.[0-9]+ running ${escapeRegex(runtime)}$`;
}
