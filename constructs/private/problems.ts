import { IConstruct } from 'constructs';
import { WebStackError } from '../../core/errors';

/**
 * One thing wrong with a prop: the field it is about and what is wrong, starting with the bad
 * value and ending with the fix. A construct shows it as `field message`; the configuration
 * loader prefixes the field with its path in the file.
 */
export interface FieldProblem {
  /** The prop the problem is about, such as "allocatedStorageGiB". */
  readonly field: string;
  /** What is wrong: the bad value first, the fix last. */
  readonly message: string;
}

/** Throws one error listing every problem, or returns when there is none. */
export function throwIfProblems(scope: IConstruct, problems: readonly FieldProblem[]): void {
  if (problems.length > 0) {
    throw new WebStackError(problems.map((problem) => `${problem.field} ${problem.message}`).join('\n'), scope);
  }
}

/** A problem when `value` is not a whole number from `min` to `max`. */
export function wholeNumberProblem(field: string, value: number, min: number, max: number, fix: string): FieldProblem[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [{ field, message: `${JSON.stringify(value)} ${fix}` }];
}
