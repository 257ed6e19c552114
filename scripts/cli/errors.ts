/**
 * An error a command-line script reports as one readable paragraph (no stack trace): what went
 * wrong and the command or field that fixes it.
 */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** The text to show a user for any thrown value: the message, not the stack. */
export function describeError(error: unknown): string {
  if (error instanceof CommandError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs a script's body and turns a thrown error into one paragraph on stderr and exit code 1.
 * Returns the exit code.
 */
export async function runCommand(body: () => Promise<number | void> | number | void): Promise<number> {
  try {
    const code = await body();
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return 1;
  }
}
