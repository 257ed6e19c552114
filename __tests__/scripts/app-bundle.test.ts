import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { App } from 'cdktf';
import { buildApp } from '../../main';
import { projectConfig } from '../support/project';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BUNDLE, freshBundle } = require('../../scripts/app-bundle') as {
  BUNDLE: string;
  freshBundle(newestSource?: number, newestDependency?: number): string | undefined;
};

const root = path.resolve(__dirname, '..', '..');
const tempOut = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), 'out');

/** Every file under `dir`, relative, with its content. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const file = path.join(current, entry.name);
      if (entry.isDirectory()) visit(file);
      else files[path.relative(dir, file)] = fs.readFileSync(file).toString('base64');
    }
  };
  visit(dir);
  return files;
}

describe('the bundled app command', () => {
  test('writes exactly what the unbundled app writes, from a bundle it builds when missing', () => {
    // GIVEN no bundle yet
    fs.rmSync(BUNDLE, { force: true });
    const bundled = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), 'out');
    const unbundled = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), 'out');
    // WHEN the app command runs bundled, and again unbundled
    execFileSync(process.execPath, ['scripts/app.js'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: bundled }, stdio: 'pipe' });
    execFileSync(process.execPath, ['scripts/app.js'], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: unbundled, WEB_STACK_UNBUNDLED: '1' },
      stdio: 'pipe',
    });
    // THEN the bundle exists and both outputs are byte for byte the same
    expect(fs.existsSync(BUNDLE)).toBe(true);
    const written = tree(bundled);
    expect(Object.keys(written)).toEqual(expect.arrayContaining(['stacks/dev/cdk.tf.json', 'manifest.json']));
    expect(written).toEqual(tree(unbundled));
  });

  test('keeps the validated configuration beside the bundle, and a run that takes it from there writes the same output', () => {
    // GIVEN a bundle older than the racy margin (the first test may have just built it)
    execFileSync(process.execPath, ['scripts/app.js'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: tempOut() }, stdio: 'pipe' });
    const age = Date.now() - fs.statSync(BUNDLE).ctimeMs;
    if (age < 2_100) execFileSync('sleep', [String((2_100 - age) / 1000)]);
    const cacheFile = `${BUNDLE}.config-cache`;
    fs.rmSync(cacheFile, { force: true });
    // WHEN the app command runs twice: the first validates and keeps the result, the second takes it
    const outputs = [tempOut(), tempOut()];
    for (const outdir of outputs) {
      execFileSync(process.execPath, ['scripts/app.js'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: 'pipe' });
      expect(fs.existsSync(cacheFile)).toBe(true);
    }
    // THEN both wrote what the unbundled app, which validates every time, writes
    const unbundled = tempOut();
    execFileSync(process.execPath, ['scripts/app.js'], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: unbundled, WEB_STACK_UNBUNDLED: '1' },
      stdio: 'pipe',
    });
    expect(tree(outputs[0])).toEqual(tree(unbundled));
    expect(tree(outputs[1])).toEqual(tree(unbundled));
  });

  test('a successful synth writes nothing to stderr, bundled or not', () => {
    // GIVEN a fresh bundle (building it is not the synth)
    freshBundle();
    for (const env of [{}, { WEB_STACK_UNBUNDLED: '1' }]) {
      // WHEN the app command synthesizes every stack
      const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), 'out');
      const run = spawnSync(process.execPath, ['scripts/app.js'], {
        cwd: root,
        env: { ...process.env, ...env, CDKTF_OUTDIR: outdir },
        encoding: 'utf8',
      });
      // THEN it succeeds and says nothing on stderr
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(fs.existsSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'))).toBe(true);
    }
  });
});

describe('the bundle', () => {
  /** Names of the classes of every construct in `app` and of their base classes. */
  const classNames = (app: App): string[] => {
    const names = new Set<string>();
    for (const construct of app.node.findAll()) {
      for (let type = construct.constructor; type && type !== Function.prototype; type = Object.getPrototypeOf(type)) names.add(type.name);
    }
    return [...names].sort();
  };

  test('keeps the class names the unbundled app has (constructs and zod quote them in errors)', () => {
    // GIVEN the bundled app's buildApp and the unbundled one
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(freshBundle() as string) as { buildApp: typeof buildApp };
    const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-names-'));
    // WHEN both build the project's app
    const names = classNames(bundled.buildApp(projectConfig, outdir()));
    // THEN every construct class and base class has the same name, App and TerraformStack included
    expect(names).toEqual(expect.arrayContaining(['App', 'TerraformStack', 'Network', 'BaseStack']));
    expect(names).toEqual(classNames(buildApp(projectConfig, outdir())));
  });

  test("leaves mime-types' JSON database to Node's JSON parser: inlined, it is an object literal that costs more to run", () => {
    const bundle = fs.readFileSync(freshBundle() as string, 'utf8');
    expect(bundle).toContain('require("mime-db")');
    // None of its entries is inlined (the output test above shows the content types are the same).
    expect(bundle).not.toContain('"application/vnd.openxmlformats-officedocument.wordprocessingml.document"');
  });

  test('is rebuilt when a source is newer than it', () => {
    freshBundle();
    const before = fs.statSync(BUNDLE).mtimeMs;
    expect(freshBundle(before + 60_000)).toBe(BUNDLE);
    expect(fs.statSync(BUNDLE).mtimeMs).toBeGreaterThan(before);
    // and not again when nothing changed
    const rebuilt = fs.statSync(BUNDLE).mtimeMs;
    expect(freshBundle(before)).toBe(BUNDLE);
    expect(fs.statSync(BUNDLE).mtimeMs).toBe(rebuilt);
  });

  test('is rebuilt when the installed dependencies changed after it (an npm install rewrites package-lock.json and node_modules/.package-lock.json)', () => {
    // GIVEN a fresh bundle, and sources older than it
    freshBundle();
    const before = fs.statSync(BUNDLE).mtimeMs;
    // WHEN the newest dependency file is newer than the bundle
    expect(freshBundle(before - 60_000, before + 60_000)).toBe(BUNDLE);
    // THEN the bundle was built again, with what is installed now
    expect(fs.statSync(BUNDLE).mtimeMs).toBeGreaterThan(before);
    const rebuilt = fs.statSync(BUNDLE).mtimeMs;
    expect(freshBundle(before - 60_000, before - 60_000)).toBe(BUNDLE);
    expect(fs.statSync(BUNDLE).mtimeMs).toBe(rebuilt);
  });
});

describe('requireWithCodeCache', () => {
  // Each load in its own process: V8 would otherwise find the script in its in-process cache.
  const load = (file: string, nodeOptions = ''): { answer: number; dir: string; rejected: boolean; text?: string } =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '-e',
          `const m = require(${JSON.stringify(path.join(root, 'scripts', 'app-bundle.js'))}).requireWithCodeCache(${JSON.stringify(file)});
           m.writeCache();
           console.log(JSON.stringify({ answer: m.exports.answer(), dir: m.exports.dir, rejected: m.cacheRejected, text: m.exports.text }));`,
        ],
        { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: nodeOptions } },
      ),
    );
  /** The code cache files beside `file`, with their contents. */
  const caches = (file: string) =>
    Object.fromEntries(
      fs
        .readdirSync(path.dirname(file))
        .filter((name) => name.endsWith('.v8-cache'))
        .map((name) => [name, fs.readFileSync(path.join(path.dirname(file), name))]),
    );

  test('writes a V8 code cache after the first load and uses it on the next; a corrupt one is replaced', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
    const file = path.join(dir, 'module.js');
    fs.writeFileSync(file, 'exports.answer = () => 6 * 7; exports.dir = __dirname;');
    expect(load(file)).toEqual({ answer: 42, dir, rejected: false });
    const [cacheName] = Object.keys(caches(file));
    const cache = path.join(dir, cacheName);
    expect(fs.statSync(cache).size).toBeGreaterThan(0);
    expect(load(file)).toEqual({ answer: 42, dir, rejected: false });

    fs.writeFileSync(cache, 'not a code cache');
    expect(load(file).rejected).toBe(true);
    expect(load(file).rejected).toBe(false);
  });

  test.each([
    ['ASCII', 'plain text'],
    ['UTF-8', 'héllo ✓ – 日本'],
  ])('reads %s source text as written, with or without a cache larger than the source', (_kind, text) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
    const file = path.join(dir, 'module.js');
    fs.writeFileSync(file, `exports.answer = () => 6 * 7; exports.dir = __dirname; exports.text = ${JSON.stringify(text)};`);
    expect(load(file)).toEqual({ answer: 42, dir, rejected: false, text });
    expect(Object.values(caches(file))[0].length).toBeGreaterThan(fs.statSync(file).size);
    expect(load(file)).toEqual({ answer: 42, dir, rejected: false, text });
  });

  test('keeps one cache per V8 configuration: a run under other flags (as cdktf synth runs the app) neither rejects nor replaces it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
    const file = path.join(dir, 'module.js');
    fs.writeFileSync(file, 'exports.answer = () => 6 * 7; exports.dir = __dirname;');
    load(file);
    const plain = caches(file);
    // cdktf-cli sets NODE_OPTIONS=--max-old-space-size=4096 for the app it runs.
    expect(load(file, '--max-old-space-size=4096').rejected).toBe(false);
    expect(Object.keys(caches(file))).toHaveLength(2);
    expect(load(file)).toMatchObject({ rejected: false });
    expect(load(file, '--max-old-space-size=4096')).toMatchObject({ rejected: false });
    // Neither run rewrote the other's cache.
    expect(caches(file)).toMatchObject(plain);
  });
});
