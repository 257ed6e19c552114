// Keeps the compiled JavaScript in dist/ in step with the TypeScript sources. Shared by the
// app command (scripts/app.js) and the script launcher (scripts/run.js): both run compiled
// code with plain `node`, because ts-node would type-check the provider bindings on every run
// (about 10 s) and tsx still adds about 1 s.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['core', 'config', 'constructs', 'stacks', 'harness', 'policy', 'functions', 'templates', 'scripts'];
const SOURCE_FILE = /\.(ts|js|sh)$/;

/** The newest modification time of any source the build (or the built code) depends on. */
function newestSourceTime(projectRoot = root) {
  let newest = 0;
  // Directory entries say which are folders and sources: only source files are stat'ed (the app
  // command does this walk on every run).
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  };
  for (const entry of fs.readdirSync(projectRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      newest = Math.max(newest, fs.statSync(path.join(projectRoot, entry.name)).mtimeMs);
  }
  for (const dir of SOURCE_DIRS) visit(path.join(projectRoot, dir));
  return newest;
}

/**
 * Files npm rewrites whenever the installed dependencies change: the lock file on every install
 * that changes it, node_modules/.package-lock.json (npm's record of what is installed) on every
 * install at all. The app bundle inlines cdktf, the provider bindings and the rest, so it is stale
 * when either is newer than it; the compiled code in dist/ requires them at run time and is not.
 */
const DEPENDENCY_FILES = ['package-lock.json', path.join('node_modules', '.package-lock.json')];

/** The newest modification time of DEPENDENCY_FILES (0 when none exists). */
function newestDependencyTime(projectRoot = root) {
  return Math.max(0, ...DEPENDENCY_FILES.map((file) => fs.statSync(path.join(projectRoot, file), { throwIfNoEntry: false })?.mtimeMs ?? 0));
}

// Written after every rebuild made here: tsc leaves unchanged outputs untouched, so without it a
// rebuild for one script would leave every other entry point looking stale.
const stampFile = (projectRoot) => path.join(projectRoot, 'dist', '.tsbuildinfo.stamp');

/** True when `entry` (a file in dist/) is missing or older than some source. */
function isStale(entry, projectRoot = root, newestSource = newestSourceTime(projectRoot)) {
  const built = fs.statSync(entry, { throwIfNoEntry: false });
  if (!built) return true;
  const stamp = fs.statSync(stampFile(projectRoot), { throwIfNoEntry: false });
  return newestSource > Math.max(built.mtimeMs, stamp ? stamp.mtimeMs : 0);
}

/**
 * Rebuilds (incremental tsc) when `entry` is missing or older than a source, so nothing ever
 * runs stale code. Compiler errors go to stderr and the process exits 1 with a one-line hint.
 * Returns the newest modification time of the sources, for callers that check more than `entry`.
 */
function ensureBuilt(entry) {
  const newestSource = newestSourceTime();
  if (!isStale(entry, root, newestSource)) return newestSource;
  process.stderr.write('Sources changed since the last build; compiling (npm run build)...\n');
  // A source saved while tsc runs must still count as newer than this build.
  const started = new Date();
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    process.stderr.write('The TypeScript build failed (errors above); fix them, or run `npm run build` to see them again.\n');
    process.exit(1);
  }
  // tsc leaves an unchanged output file untouched; mark the build as current.
  fs.writeFileSync(stampFile(root), `${started.toISOString()}\n`);
  fs.utimesSync(stampFile(root), started, started);
  return newestSource;
}

module.exports = { DEPENDENCY_FILES, root, ensureBuilt, isStale, newestDependencyTime, newestSourceTime, stampFile };
