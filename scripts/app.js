#!/usr/bin/env node
// The app command in cdktf.json. Runs the compiled app with plain `node`: ts-node would
// type-check the provider bindings on every synth (about 10 s), tsx still adds about 1 s.
// When a TypeScript source is newer than the build, it rebuilds first (incremental tsc), so
// `cdktf synth` never runs stale code.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'main.js');
const SOURCE_DIRS = ['config', 'constructs', 'stacks', 'harness', 'policy', 'functions', 'templates'];

function newestSourceTime() {
  let newest = 0;
  const visit = (file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(file)) visit(path.join(file, child));
    } else if (/\.(ts|js|sh)$/.test(file)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const file of fs.readdirSync(root)) {
    if (file.endsWith('.ts')) visit(path.join(root, file));
  }
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  return newest;
}

function isStale() {
  const built = fs.statSync(entry, { throwIfNoEntry: false });
  return !built || newestSourceTime() > built.mtimeMs;
}

if (isStale()) {
  process.stderr.write('Sources changed since the last build; compiling (npm run build)...\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  // tsc leaves an unchanged output file untouched; mark the build as current.
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

require(entry).main();
