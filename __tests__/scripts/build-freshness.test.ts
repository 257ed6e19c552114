import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface BuildFreshness {
  isStale(entry: string, projectRoot?: string): boolean;
  newestDependencyTime(projectRoot?: string): number;
  newestSourceTime(projectRoot?: string): number;
  stampFile(projectRoot: string): string;
}
// A CommonJS script run before anything is compiled, so it is plain JavaScript.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const freshness: BuildFreshness = require('../../scripts/build-freshness');

/** A project with a source, an entry point in dist/ and a just-saved file in node_modules; `at` dates a file. */
function project(): { root: string; source: string; entry: string; at: (file: string, secondsAgo: number) => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'freshness-'));
  const source = path.join(root, 'constructs', 'thing.ts');
  const entry = path.join(root, 'dist', 'main.js');
  for (const file of [source, entry, path.join(root, 'main.ts'), path.join(root, 'node_modules', 'x', 'index.ts')]) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
  }
  const now = Date.now() / 1000;
  const at = (file: string, secondsAgo: number) => fs.utimesSync(file, now - secondsAgo, now - secondsAgo);
  at(path.join(root, 'main.ts'), 1000);
  at(path.join(root, 'node_modules', 'x', 'index.ts'), 0);
  return { root, source, entry, at };
}

describe('build freshness', () => {
  test('an entry point built after every source is fresh; node_modules does not count', () => {
    const { root, source, entry, at } = project();
    at(source, 100);
    at(entry, 50);
    expect(freshness.isStale(entry, root)).toBe(false);
  });

  test('a source saved after the build makes it stale', () => {
    const { root, source, entry, at } = project();
    at(entry, 100);
    at(source, 50);
    expect(freshness.isStale(entry, root)).toBe(true);
  });

  test('a source saved after the build in core/, which every layer imports, makes it stale', () => {
    const { root, entry, at } = project();
    const core = path.join(root, 'core', 'errors.ts');
    fs.mkdirSync(path.dirname(core), { recursive: true });
    fs.writeFileSync(core, '');
    at(entry, 100);
    at(core, 50);
    expect(freshness.isStale(entry, root)).toBe(true);
  });

  test('a missing entry point is stale', () => {
    const { root, entry } = project();
    fs.rmSync(entry);
    expect(freshness.isStale(entry, root)).toBe(true);
  });

  test('the stamp of a later rebuild counts for entry points tsc left untouched', () => {
    const { root, source, entry, at } = project();
    at(entry, 100);
    at(source, 50);
    fs.writeFileSync(freshness.stampFile(root), '');
    at(freshness.stampFile(root), 10);
    expect(freshness.isStale(entry, root)).toBe(false);
  });
});

describe('dependency freshness (what the app bundle inlines)', () => {
  test('follows package-lock.json and node_modules/.package-lock.json, which npm rewrites on every install', () => {
    // GIVEN a project with a lock file and an installed-packages record
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'freshness-'));
    const lock = path.join(root, 'package-lock.json');
    const installed = path.join(root, 'node_modules', '.package-lock.json');
    fs.mkdirSync(path.dirname(installed), { recursive: true });
    expect(freshness.newestDependencyTime(root)).toBe(0);
    fs.writeFileSync(lock, '{}');
    fs.writeFileSync(installed, '{}');
    const now = Date.now() / 1000;
    fs.utimesSync(lock, now - 100, now - 100);
    fs.utimesSync(installed, now - 200, now - 200);
    expect(freshness.newestDependencyTime(root)).toBe(fs.statSync(lock).mtimeMs);
    // WHEN npm installs a package (the lock file untouched, as with npm ci)
    fs.utimesSync(installed, now - 10, now - 10);
    // THEN the dependencies count as changed at that time
    expect(freshness.newestDependencyTime(root)).toBe(fs.statSync(installed).mtimeMs);
  });
});
