// What `npm publish` would upload, read from `npm pack --dry-run --json` (the same file list
// publish uses): the library and the files it reads at synth, nothing of this repository's own
// app, tools or tests, and every relative require of a shipped file resolves inside the tarball.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
let packed: string[];

beforeAll(() => {
  // The tarball is built from dist/, which jest's global setup brought up to date with the
  // sources (compiling again here cost about 7 s of CPU per run for nothing).
  const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  packed = (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((file) => file.path).sort();
}, 300_000);

describe('the published package', () => {
  test('is publishable: not private, a semver version, an entry point that is shipped', () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(packed).toEqual(expect.arrayContaining([manifest.main, manifest.types, 'package.json', 'README.md', 'CHANGELOG.md']));
  });

  test('ships only the library, its runtime files and its documents', () => {
    const allowed =
      /^(dist\/index\.(js|d\.ts)|dist\/(core|constructs|policy)\/.+\.(js|d\.ts)|functions\/.+|templates\/.+|package\.json|README\.md|CHANGELOG\.md)$/;
    expect(packed.filter((file) => !allowed.test(file))).toEqual([]);
  });

  test("leaves out this repository's app, tools, tests, source maps and build state", () => {
    const unwanted = /^dist\/(main|config|stacks|scripts|harness|__tests__)|\.map$|\.test\.|tsbuildinfo|^examples\/|^docs\//;
    expect(packed.filter((file) => unwanted.test(file))).toEqual([]);
  });

  test('every relative require in a shipped file points at a shipped file', () => {
    const shipped = new Set(packed);
    const missing: string[] = [];
    for (const file of packed.filter((name) => name.endsWith('.js') && name.startsWith('dist/'))) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
        const target = path.posix.join(path.posix.dirname(file), match[1]);
        if (![`${target}.js`, `${target}/index.js`, target].some((candidate) => shipped.has(candidate))) {
          missing.push(`${file} -> ${match[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('every declaration a shipped declaration imports is shipped too', () => {
    const shipped = new Set(packed);
    const missing: string[] = [];
    for (const file of packed.filter((name) => name.endsWith('.d.ts'))) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = path.posix.join(path.posix.dirname(file), match[1]);
        if (![`${target}.d.ts`, `${target}/index.d.ts`].some((candidate) => shipped.has(candidate))) {
          missing.push(`${file} -> ${match[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
