import { IConstruct } from 'constructs';

/**
 * The one error type this library throws for bad input.
 *
 * The message always names the offending field, shows the bad value and says what is
 * allowed. When the error comes from a construct, its construct path is prefixed so the
 * user can find the place in their own stack.
 */
export class WebStackError extends Error {
  /** Construct path of the scope that rejected the input, when there is one. */
  public readonly constructPath?: string;

  constructor(message: string, scope?: IConstruct) {
    const path = scope?.node.path;
    super(path ? `${path}: ${message}` : message);
    this.name = 'WebStackError';
    this.constructPath = path;
  }
}

/** Shows a value the way it was written, for error messages. */
export function showValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}
