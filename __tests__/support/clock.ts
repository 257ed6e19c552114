// The racy-file rules (a file written within the last 2 s is never trusted from a cache) make a
// file written by a test look too new; the tests move the clock instead of sleeping.

/** Runs `fn` with the clock a minute ahead, so files written just now look a minute old. */
export function aMinuteLater<T>(fn: () => T): T {
  jest.useFakeTimers({ now: Date.now() + 60_000 });
  try {
    return fn();
  } finally {
    jest.useRealTimers();
  }
}
