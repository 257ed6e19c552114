#!/usr/bin/env node
// The app command in cdktf.json. Runs the compiled app with plain `node`, rebuilding first
// when a source is newer than the build (see build-freshness.js), so `cdktf synth` never runs
// stale code. The app runs from its one-file bundle with a V8 code cache (app-bundle.js) when
// esbuild is installed, else from dist/main.js.
'use strict';
// V8 settings for this short process, set before anything is compiled (a code cache is only
// accepted under the settings it was made with). No optimizing compiler (TurboFan): its background
// compiles come too late to pay back in a synth of under a second; the main thread takes as long
// without it, the process about 15 % less CPU. And a young generation that keeps its first size
// instead of doubling up to 16 MB semi-spaces: more scavenges, but far less fresh memory to fault
// in (13,000 page faults instead of 16,000, 77 MB instead of 92 MB, about 6 % less wall time).
const v8 = require('v8');
v8.setFlagsFromString('--no-opt');
v8.setFlagsFromString('--semi-space-growth-factor=1');
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
