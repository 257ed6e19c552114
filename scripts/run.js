#!/usr/bin/env node
// Runs one of the project's command-line scripts (scripts/<name>.ts) from its compiled form in
// dist/, rebuilding first when a source is newer: `node scripts/run.js cost dev`.
'use strict';
const fs = require('fs');
const path = require('path');
const { ensureBuilt, root } = require('./build-freshness');

// Node 22+ keeps the compiled provider bindings between runs; Node 20 has no compile cache.
require('module').enableCompileCache?.();

const [name, ...args] = process.argv.slice(2);
const source = name && path.join(root, 'scripts', `${name}.ts`);
if (!source || !fs.existsSync(source)) {
  const known = fs
    .readdirSync(path.join(root, 'scripts'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -3));
  process.stderr.write(`Unknown script "${name ?? ''}": usage is node scripts/run.js <${known.join('|')}> [arguments].\n`);
  process.exit(2);
}
const entry = path.join(root, 'dist', 'scripts', `${name}.js`);
ensureBuilt(entry);
Promise.resolve(require(entry).main(args)).then(
  (code) => {
    process.exitCode = typeof code === 'number' ? code : process.exitCode;
  },
  (error) => {
    // The scripts' own errors already name the command or field to fix; a stack trace would bury it.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
