// Small promise helpers of the change check: its stacks run in parallel, and a stack's current
// revision is planned while its base's state is still being built.

/** A promise with its resolve at hand; resolving it twice keeps the first value. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A promise's outcome, without throwing. */
export async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/**
 * The promise, marked handled: a stack that fails before it waits for the plan must not turn
 * the plan's own failure into an unhandled rejection. Awaiting it still throws.
 */
export function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Runs `work` over `items`, at most `limit` at a time; rejects with the first failure after all settle. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) await work(items[next++]).catch((error: unknown) => errors.push(error));
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (errors.length > 0) throw errors[0];
}
