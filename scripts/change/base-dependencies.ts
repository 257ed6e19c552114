// The node_modules a base revision synthesizes with. The same package-lock.json as the current
// checkout means the same packages, so the base borrows the current node_modules through a
// symlink (no install, no disk). A different lockfile gets its own `npm ci`, once: the result is
// kept under the cache folder by the lockfile's hash, so the next check of any revision with that
// lockfile starts at once.
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { BASE_DIR_HINT, BaseInputError } from './base-error';
import { placeCacheEntry } from './cache-entry';

export const LOCKFILE = 'package-lock.json';
/**
 * Installs kept in the cache: each is a whole node_modules (about 1 GB with cdktf and the AWS
 * provider bindings), so only the most recently used survive a new one. Two cover the usual
 * case, a pull request that bumps dependencies checked against the base before the bump.
 */
export const KEPT_INSTALLS = 2;

/** A short, stable name for a lockfile's content. */
export function lockfileHash(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** Runs `npm ci` in a folder; the default runs the npm on PATH. Rejects with npm's output. */
export type Installer = (dir: string) => Promise<void>;

export const npmCi: Installer = (dir) =>
  new Promise((resolve, reject) => {
    // --ignore-scripts: the base's own `prepare` would compile it with tsc (minutes), and nothing
    // the synth needs has an install script. No audit or funding requests: only the packages.
    execFile(
      'npm',
      ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } },
      (error, _stdout, stderr) => (error ? reject(new Error(stderr.trim() || error.message)) : resolve()),
    );
  });

export interface BaseDependencies {
  /** Where the base's node_modules lives (the current one, or an install in the cache). */
  readonly nodeModules: string;
  /** True when the base has a lockfile of its own and `npm ci` ran for it in this call. */
  readonly installed: boolean;
}

/**
 * Gives the checked-out base in `worktree` a node_modules: a symlink to `repo`'s when the
 * lockfiles are equal, else to an install of the base's lockfile in `<cacheRoot>/deps/<hash>`
 * (made now when missing). A failed install leaves nothing in the cache.
 */
export async function linkBaseDependencies(
  repo: string,
  worktree: string,
  cacheRoot: string,
  describeBase: string,
  install: Installer = npmCi,
): Promise<BaseDependencies> {
  const baseLock = readIfExists(path.join(worktree, LOCKFILE));
  if (baseLock === undefined) {
    throw new BaseInputError(
      `The base revision ${describeBase} has no ${LOCKFILE}, so its dependencies cannot be installed as they were; commit a lockfile there, ${BASE_DIR_HINT}.`,
    );
  }
  let nodeModules: string;
  let installed = false;
  if (baseLock === readIfExists(path.join(repo, LOCKFILE))) {
    nodeModules = path.join(repo, 'node_modules');
  } else {
    const target = path.join(cacheRoot, 'deps', lockfileHash(baseLock));
    nodeModules = path.join(target, 'node_modules');
    const marker = path.join(target, '.complete');
    if (fs.existsSync(marker)) {
      // Marks it as used, for pruneInstalls.
      const now = new Date();
      fs.utimesSync(marker, now, now);
    } else {
      await installInto(target, worktree, describeBase, install);
      installed = true;
      pruneInstalls(path.dirname(target), KEPT_INSTALLS);
    }
  }
  fs.symlinkSync(nodeModules, path.join(worktree, 'node_modules'), 'dir');
  return { nodeModules, installed };
}

/** `npm ci` of the base's package.json and lockfile in a staging folder, renamed into `target` when done. */
async function installInto(target: string, worktree: string, describeBase: string, install: Installer): Promise<void> {
  const staging = `${target}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    for (const file of ['package.json', LOCKFILE]) fs.copyFileSync(path.join(worktree, file), path.join(staging, file));
    await install(staging);
    // A lockfile without packages installs no folder; the symlink still needs one.
    fs.mkdirSync(path.join(staging, 'node_modules'), { recursive: true });
    fs.writeFileSync(path.join(staging, '.complete'), `${new Date().toISOString()}\n`);
    placeCacheEntry(staging, target, '.complete');
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const npmSays = npmSummary(error instanceof Error ? error.message : String(error));
    throw new BaseInputError(
      `The dependencies of the base revision ${describeBase} could not be installed (npm ci --ignore-scripts of its ${LOCKFILE}): ${npmSays} Fix its package.json and ${LOCKFILE} there (npm install, then commit both), check that the npm registry is reachable, ${BASE_DIR_HINT}.`,
    );
  } finally {
    // The folder is empty only if the cache had nothing else; leave no empty deps/ behind a failure.
    removeIfEmpty(path.dirname(target));
  }
}

/** Removes all but the `keep` most recently used installs in `depsDir` (by their `.complete` marker). */
export function pruneInstalls(depsDir: string, keep: number): void {
  const used = (name: string) => fs.statSync(path.join(depsDir, name, '.complete'), { throwIfNoEntry: false })?.mtimeMs;
  const installs = fs
    .readdirSync(depsDir)
    .filter((name) => !name.includes('.staging-') && used(name) !== undefined)
    .sort((a, b) => used(b)! - used(a)!);
  for (const name of installs.slice(keep)) fs.rmSync(path.join(depsDir, name), { recursive: true, force: true });
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** npm's reason, without its usage text, option list and log-file line. */
function npmSummary(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim())
    .filter((line) => line && !/^(A complete log of this run|code E[A-Z]+$)/.test(line));
  const usage = lines.findIndex((line) => /^(Usage:|Clean install a project)/.test(line));
  const shown = (usage >= 0 ? lines.slice(0, usage) : lines).slice(0, 4).join(' ');
  return /[.!?:]$/.test(shown) ? shown : `${shown}.`;
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (another install is kept there), or already gone.
  }
}
