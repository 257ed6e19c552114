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
const bundle = process.env.WEB_STACK_UNBUNDLED ? undefined : freshBundle(newestSource);
if (bundle) {
  const app = requireWithCodeCache(bundle);
  app.exports.main();
  app.writeCache();
} else {
  require(entry).main();
}
