#!/usr/bin/env node
// The app command in cdktf.json. Runs the compiled app with plain `node`, rebuilding first
// when a source is newer than the build (see build-freshness.js), so `cdktf synth` never runs
// stale code. The app runs from its one-file bundle with a V8 code cache (app-bundle.js) when
// esbuild is installed, else from dist/main.js.
'use strict';
const path = require('path');
const { ensureBuilt, root } = require('./build-freshness');
const { freshBundle, requireWithCodeCache } = require('./app-bundle');

// Node 22+ keeps the compiled modules between runs; Node 20 has no compile cache.
require('module').enableCompileCache?.();

const entry = path.join(root, 'dist', 'main.js');
const newestSource = ensureBuilt(entry);
// The synth runs from the event loop, not inside Node's loading of this file: cdktf records the
// whole stack for each of its roughly 1,300 tokens, and the loader's frames were five of the
// 21 each trace had. main is the callback itself, not called from one: one frame fewer again.
const bundle = process.env.WEB_STACK_UNBUNDLED ? undefined : freshBundle(newestSource);
if (bundle) {
  const app = requireWithCodeCache(bundle);
  // The bundle holds all of the app's code, so the validated configuration can be kept beside it.
  setImmediate(app.exports.main, { codeFile: bundle });
  // Runs after main: immediates run in the order they were set.
  setImmediate(app.writeCache);
} else {
  setImmediate(require(entry).main);
}
