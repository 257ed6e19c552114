import * as os from 'os';
import * as path from 'path';
import { userTempDir } from '../../core/user-temp-dir';

describe('userTempDir', () => {
  test("names the user's own folder in the temp dir, so another user's folder is never written to", () => {
    expect(userTempDir('web-stack-zips')).toBe(path.join(os.tmpdir(), `web-stack-zips-${process.getuid!()}`));
  });

  test('on a platform without user ids (Windows), the plain name', () => {
    const getuid = process.getuid;
    Object.defineProperty(process, 'getuid', { value: undefined, configurable: true, writable: true });
    try {
      expect(userTempDir('web-stack-zips')).toBe(path.join(os.tmpdir(), 'web-stack-zips'));
    } finally {
      Object.defineProperty(process, 'getuid', { value: getuid, configurable: true, writable: true });
    }
  });
});
