import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Gives each test of the calling file a temp dir of its own (os.tmpdir() returns it), so the
 * zip cache and its index are the test's: the other jest worker's synths write theirs in the
 * run's temp dir. Call it inside a describe block; the function it returns gives the running
 * test another fresh temp dir (a clean cache) and returns it.
 */
export function ownTempDirPerTest(): () => string {
  const base = os.tmpdir();
  const fresh = () => fs.mkdtempSync(path.join(base, 'zip-cache-'));
  let tmpdir: jest.SpyInstance | undefined;
  beforeEach(() => {
    // The module object the code under test reads through.
    tmpdir = jest.spyOn(jest.requireActual<typeof import('os')>('os'), 'tmpdir').mockReturnValue(fresh());
  });
  afterEach(() => tmpdir?.mockRestore());
  return () => {
    const dir = fresh();
    tmpdir!.mockReturnValue(dir);
    return dir;
  };
}
