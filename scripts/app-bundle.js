// The app command's fast path: the compiled app (dist/main.js) and everything it requires
// (cdktf, constructs, the provider classes it uses, zod, ...) bundled into one file by esbuild,
// then run with a V8 code cache. One file spares Node about 700 module resolutions and reads;
// the code cache spares compiling them on every synth (Node 20 has no module compile cache).
// Without esbuild (a production install), or when bundling fails, the app runs unbundled.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { execFileSync } = require('child_process');
const Module = require('module');
const { root } = require('./build-freshness');

const DIST = path.join(root, 'dist');
const BUNDLE = path.join(DIST, 'bundle', 'app.js');
const CODE_CACHE = `${BUNDLE}.v8-cache`;

/** The newest modification time of the compiled app (dist/, bundle and tests left out). */
function newestCompiledTime(dir = DIST) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (file !== path.dirname(BUNDLE) && entry.name !== '__tests__') newest = Math.max(newest, newestCompiledTime(file));
    } else if (entry.name.endsWith('.js')) {
      newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  }
  return newest;
}

/** Bundles dist/main.js into dist/bundle/app.js. Resolves false when esbuild is not installed. */
async function bundleApp() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    return false;
  }
  // The asynchronous API: plugins are not allowed in buildSync.
  // Written beside and renamed into place: an app command starting meanwhile never reads half a file.
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [path.join(DIST, 'main.js')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Smaller source: less to read, hash and keep in memory; names kept for error messages.
    minify: true,
    keepNames: true,
    logLevel: 'error',
    plugins: [withoutTokenStackTraces],
  });
  fs.renameSync(temporary, BUNDLE);
  // V8 rejects a cache made for other source anyway; removing it saves one rejected read.
  fs.rmSync(CODE_CACHE, { force: true });
  return true;
}

// cdktf records a full stack trace for every token it creates (about 10 % of a synth), only to
// quote it if that token later fails to resolve. The app command reports errors as one
// paragraph without stack traces, so its bundle records none; tests and the library keep them.
const withoutTokenStackTraces = {
  name: 'without-token-stack-traces',
  setup(build) {
    build.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
      contents: 'exports.captureStackTrace = function captureStackTrace() { return []; };',
      loader: 'js',
    }));
  },
};

/** The bundle, rebuilt first when the compiled app is newer; undefined when it cannot be built. */
function freshBundle() {
  const bundled = fs.statSync(BUNDLE, { throwIfNoEntry: false });
  if (bundled && bundled.mtimeMs >= newestCompiledTime()) return BUNDLE;
  try {
    // Bundling is asynchronous and the app command is not; a child process bridges the two.
    execFileSync(process.execPath, [__filename], { stdio: ['ignore', 'ignore', 'pipe'] });
    return fs.existsSync(BUNDLE) ? BUNDLE : undefined;
  } catch (error) {
    process.stderr.write(`Could not bundle the app (${String(error.stderr || error.message).trim()}); running it unbundled.\n`);
    return undefined;
  }
}

/** Loads a CommonJS file through vm.Script with a V8 code cache beside it; returns its exports. */
function requireWithCodeCache(file, cacheFile = `${file}.v8-cache`) {
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
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

module.exports = { BUNDLE, bundleApp, freshBundle, requireWithCodeCache };

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
