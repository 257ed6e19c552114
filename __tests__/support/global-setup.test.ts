import { withSystemFolders } from './global-setup';

describe('withSystemFolders', () => {
  test("adds the sbin folders a normal user's PATH lacks on Debian, after what is there", () => {
    expect(withSystemFolders('/usr/local/bin:/usr/bin:/bin')).toBe('/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin');
  });

  test("keeps root's PATH as it is, and survives an empty one", () => {
    const root = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    expect(withSystemFolders(root)).toBe(root);
    expect(withSystemFolders(undefined)).toBe('/usr/local/sbin:/usr/sbin:/sbin');
  });
});
