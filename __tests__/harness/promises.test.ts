import { deferred, inParallel, quiet, settle } from '../../harness/promises';

describe('promise helpers', () => {
  test('deferred keeps the first value it is resolved with', async () => {
    const first = deferred<string | undefined>();
    first.resolve('state');
    first.resolve(undefined);
    await expect(first.promise).resolves.toBe('state');
  });

  test('settle gives the value or the error, and never throws', async () => {
    await expect(settle(Promise.resolve(3))).resolves.toEqual({ value: 3 });
    const error = new Error('plan failed');
    await expect(settle(Promise.reject(error))).resolves.toEqual({ error });
  });

  test('quiet marks a rejection handled, and awaiting it still throws', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const failing = quiet(Promise.reject(new Error('batch failed')));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(failing).rejects.toThrow('batch failed');
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  test('inParallel runs at most `limit` at a time, runs every item, and rejects with the first failure after all settle', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const work = async (item: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      done.push(item);
      if (item === 2) throw new Error('stack 2 failed');
    };
    await expect(inParallel([1, 2, 3, 4], 2, work)).rejects.toThrow('stack 2 failed');
    expect(most).toBe(2);
    expect(done.sort()).toEqual([1, 2, 3, 4]);
  });
});
