#!/usr/bin/env node
// The app command in cdktf.json. Runs the compiled app with plain `node`, rebuilding first
// when a source is newer than the build (see build-freshness.js), so `cdktf synth` never runs
// stale code.
'use strict';
const path = require('path');
const { ensureBuilt, root } = require('./build-freshness');

// Node 22+ keeps the compiled provider bindings between runs; Node 20 has no compile cache.
require('module').enableCompileCache?.();

const entry = path.join(root, 'dist', 'main.js');
ensureBuilt(entry);
require(entry).main();
