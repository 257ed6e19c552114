// The app command's fast path: the compiled app (dist/main.js) and everything it requires
// (cdktf, constructs, the provider classes it uses, zod, ...) bundled into one file by esbuild,
// then run with a V8 code cache. One file spares Node about 700 module resolutions and reads;
// the code cache spares compiling them on every synth (Node 20 has no module compile cache).
// Without esbuild (a production install), or when bundling fails, the app runs unbundled.
'use strict';
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const { execFileSync } = require('child_process');
const Module = require('module');
const { isAscii } = require('buffer');
const { newestDependencyTime, newestSourceTime, root, stampFile } = require('./build-freshness');
const { restoreClassNames } = require('./app-bundle-names');

const DIST = path.join(root, 'dist');
const BUNDLE = path.join(DIST, 'bundle', 'app.js');
/**
 * The code cache of `file` for this process's V8: its version, flags and CPU features
 * (v8.cachedDataVersionTag). V8 rejects a cache made under other flags, and `cdktf synth` runs the
 * app with NODE_OPTIONS=--max-old-space-size=4096 while `npm run plan` runs it without: with one
 * file for both, each rejected and rewrote the other's cache, and every synth compiled the bundle.
 */
function codeCacheFile(file) {
  return `${file}.${v8.cachedDataVersionTag().toString(16)}.v8-cache`;
}
const isCodeCacheOf = (file, name) => name.startsWith(`${path.basename(file)}.`) && name.endsWith('.v8-cache');
// Written by every tsc run of tsconfig.build.json (npm run build), after its outputs.
const BUILD_INFO = path.join(DIST, '.tsbuildinfo.build');

/** Bundles dist/main.js into dist/bundle/app.js. Resolves false when esbuild is not installed. */
async function bundleApp() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    return false;
  }
  // Written beside and renamed into place: an app command starting meanwhile never reads half a file.
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  const { outputFiles } = await esbuild.build({
    entryPoints: [path.join(DIST, 'main.js')],
    outfile: BUNDLE,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Less to read and keep in memory, but identifiers as written: minified names would need
    // esbuild's keepNames to keep class names for error messages, and that costs more than the
    // smaller file saves (see app-bundle-names.js).
    minifyWhitespace: true,
    minifySyntax: true,
    // mime-types' database is a 150 KB JSON file: bundled, it becomes an object literal that takes
    // about 4 ms to evaluate on every synth; required from node_modules, Node's JSON parser reads
    // it in under 1 ms.
    external: ['mime-db'],
    logLevel: 'error',
  });
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  fs.writeFileSync(temporary, restoreClassNames(outputFiles[0].text));
  fs.renameSync(temporary, BUNDLE);
  // V8 rejects a cache made for other source anyway; removing them saves one rejected read each.
  for (const name of fs.readdirSync(path.dirname(BUNDLE)).filter((n) => isCodeCacheOf(BUNDLE, n))) {
    fs.rmSync(path.join(path.dirname(BUNDLE), name), { force: true });
  }
  return true;
}

/**
 * The bundle, rebuilt first when it may be stale; undefined when it cannot be built. It is stale
 * when a source (including these scripts) is newer, when dist/ was compiled after it (by tsc, or
 * by a rebuild of ensureBuilt), or when the installed dependencies it inlines changed since
 * (package-lock.json, node_modules/.package-lock.json). `newestSource` is build-freshness's
 * newestSourceTime(), which the app command has already walked the sources for.
 */
function freshBundle(newestSource = newestSourceTime(), newestDependency = newestDependencyTime()) {
  const bundled = fs.statSync(BUNDLE, { throwIfNoEntry: false });
  const compiled = [BUILD_INFO, stampFile(root)].map((file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  if (bundled && bundled.mtimeMs >= Math.max(newestSource, newestDependency, ...compiled)) return BUNDLE;
  try {
    // Bundling is asynchronous and the app command is not; a child process bridges the two.
    execFileSync(process.execPath, [__filename], { stdio: ['ignore', 'ignore', 'pipe'] });
    return fs.existsSync(BUNDLE) ? BUNDLE : undefined;
  } catch (error) {
    process.stderr.write(`Could not bundle the app (${String(error.stderr || error.message).trim()}); running it unbundled.\n`);
    return undefined;
  }
}

/** Reads all of the open file `fd` into the start of `buffer`; returns the bytes read. */
function readAll(fd, buffer, size) {
  let read = 0;
  for (let n = 1; read < size && n > 0; read += n) n = fs.readSync(fd, buffer, read, size - read, read);
  return read;
}

/**
 * The source as a string and the code cache (undefined when there is none), read through one
 * buffer: every page of fresh memory costs a page fault, and the source's bytes are no longer
 * needed once they are a string. esbuild writes ASCII, which reads as Latin-1 without UTF-8
 * decoding (the same string); anything else is decoded as UTF-8.
 */
function readSourceAndCache(file, cacheFile) {
  const sourceFd = fs.openSync(file, 'r');
  let cacheFd;
  try {
    cacheFd = fs.openSync(cacheFile, 'r');
  } catch {
    cacheFd = undefined;
  }
  try {
    const sourceSize = fs.fstatSync(sourceFd).size;
    const cacheSize = cacheFd === undefined ? 0 : fs.fstatSync(cacheFd).size;
    const buffer = Buffer.allocUnsafeSlow(Math.max(sourceSize, cacheSize));
    const bytes = buffer.subarray(0, readAll(sourceFd, buffer, sourceSize));
    const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    const cachedData = cacheFd === undefined ? undefined : buffer.subarray(0, readAll(cacheFd, buffer, cacheSize));
    return { source, cachedData: cachedData?.length ? cachedData : undefined };
  } finally {
    fs.closeSync(sourceFd);
    if (cacheFd !== undefined) fs.closeSync(cacheFd);
  }
}

/** Loads a CommonJS file through vm.Script with a V8 code cache beside it; returns its exports. */
function requireWithCodeCache(file, cacheFile = codeCacheFile(file)) {
  const { source, cachedData } = readSourceAndCache(file, cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  const writeCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      // Written after the run, so the functions the synth compiled lazily are in it too.
      const temporary = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    } catch {
      // A read-only checkout just runs without the cache.
    }
  };
  return { exports: module.exports, writeCache, cacheRejected: cachedData !== undefined && script.cachedDataRejected === true };
}

module.exports = { BUNDLE, bundleApp, codeCacheFile, freshBundle, requireWithCodeCache };

// `npm run build` bundles right after tsc.
if (require.main === module) {
  bundleApp().then(
    (bundled) => bundled || process.stderr.write('esbuild is not installed; the app command will run unbundled.\n'),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
