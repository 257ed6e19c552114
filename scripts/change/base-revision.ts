// `--base <git-ref>` of the change check: the base revision's stacks, synthesized by the base's
// own code in a temporary git worktree (removed afterwards, also on failure), with the base's
// own dependencies when its lockfile differs. The result is cached by commit and lockfile, so a
// second check against the same base (every push of a pull request) synthesizes nothing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { linkBaseDependencies, Installer, lockfileHash, LOCKFILE, npmCi } from './base-dependencies';
import { BASE_DIR_HINT, BaseInputError } from './base-error';
import { bundleBase, runBaseApp } from './base-synth';
import { placeCacheEntry } from './cache-entry';
import { git, resolveCommit, showFile, workTreeRoot } from './git';

/** Environment variable naming the cache folder (default `node_modules/.cache/web-stack-base` of the repository). */
export const BASE_CACHE_ENV = 'WEB_STACK_BASE_CACHE';
/** Bumped when the way a base is synthesized changes, so older cached syntheses are not reused. */
const CACHE_VERSION = 'v1';
/** Prefix of the temporary folders holding the base's worktree. */
export const WORKTREE_PREFIX = 'web-stack-base-';

export interface BaseRevisionOptions {
  /** The git ref as the user typed it (branch, tag, commit id, `HEAD~3`, `origin/main`). */
  readonly ref: string;
  readonly environment: string;
  /** Any folder inside the repository; @default - the current directory */
  readonly repo?: string;
  /** @default - $WEB_STACK_BASE_CACHE, else node_modules/.cache/web-stack-base of the repository */
  readonly cacheRoot?: string;
  /** @default - `npm ci --ignore-scripts` */
  readonly install?: Installer;
  /** Progress lines. @default - none */
  readonly log?: (line: string) => void;
}

export interface BaseRevision {
  /** The base's synthesized stacks (cdktf.out layout: manifest.json, stacks/<name>/cdk.tf.json). Read only: it is the cache. */
  readonly dir: string;
  readonly commit: string;
  /** True when an earlier run had synthesized it. */
  readonly cached: boolean;
}

/** Synthesizes `ref` for one environment (or finds it in the cache); throws BaseInputError for bad input. */
export async function synthesizeBaseRevision(options: BaseRevisionOptions): Promise<BaseRevision> {
  const log = options.log ?? (() => undefined);
  const repo = workTreeRoot(path.resolve(options.repo ?? '.'));
  if (!repo) {
    throw new BaseInputError(
      `--base ${options.ref}: ${path.resolve(options.repo ?? '.')} is not inside a git repository, so there is no revision to compare with; run the check in a clone, ${BASE_DIR_HINT}.`,
    );
  }
  const commit = resolveCommit(repo, options.ref);
  if (!commit) {
    throw new BaseInputError(
      `--base ${options.ref}: no branch, tag or commit of that name in ${repo}. Give a ref that \`git rev-parse ${options.ref}\` knows (a branch such as main, a tag, a commit id, HEAD~1); if it lives on a remote, fetch it first (git fetch origin ${options.ref}); ${BASE_DIR_HINT}.`,
    );
  }
  const short = commit.slice(0, 12);
  const describeBase = options.ref === commit || options.ref === short ? short : `${options.ref} (${short})`;
  const cacheRoot = path.resolve(
    options.cacheRoot ?? (process.env[BASE_CACHE_ENV] || path.join(repo, 'node_modules', '.cache', 'web-stack-base')),
  );
  const lock = showFile(repo, commit, LOCKFILE);
  const key = `${CACHE_VERSION}-${commit}-${lock === undefined ? 'no-lockfile' : lockfileHash(lock)}`;
  const target = path.join(cacheRoot, 'synth', key, options.environment);
  if (fs.existsSync(path.join(target, 'manifest.json'))) {
    log(`Base ${describeBase}: synthesized stacks from the cache (${target})\n`);
    return { dir: target, commit, cached: true };
  }
  const created = firstMissing(cacheRoot);
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), WORKTREE_PREFIX));
  const worktree = path.join(temporary, 'src');
  let added = false;
  try {
    log(`Base ${describeBase}: checking out into a temporary worktree\n`);
    // No hooks: a post-checkout hook of the repository (husky, say) is not the base's to run here.
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--detach', '--quiet', worktree, commit]);
    added = true;
    const dependencies = await linkBaseDependencies(repo, worktree, cacheRoot, describeBase, options.install ?? npmCi);
    log(
      `Base ${describeBase}: ${dependencies.installed ? `installed its own dependencies (${LOCKFILE} differs)` : 'dependencies ready'}; compiling and synthesizing ${options.environment}\n`,
    );
    const bundle = await bundleBase(worktree, describeBase);
    const outdir = path.join(temporary, 'out');
    await runBaseApp(bundle, worktree, outdir, options.environment, describeBase);
    // Copied next to its place and renamed in, so a reader never sees half a synthesis.
    const staging = `${target}.staging-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(outdir, staging, { recursive: true });
    placeCacheEntry(staging, target, 'manifest.json');
    return { dir: target, commit, cached: false };
  } catch (error) {
    if (created) removeEmptyDirs(created);
    throw error;
  } finally {
    if (added) removeWorktree(repo, worktree);
    fs.rmSync(temporary, { recursive: true, force: true });
  }
}

/** `git worktree remove`, and a prune should that fail, so no registration outlives the check. */
function removeWorktree(repo: string, worktree: string): void {
  // The symlinked node_modules is not the base's to delete: unlink it before git removes the folder.
  try {
    fs.unlinkSync(path.join(worktree, 'node_modules'));
  } catch {
    // Not linked yet (the failure came first).
  }
  try {
    git(repo, ['worktree', 'remove', '--force', worktree]);
  } catch {
    fs.rmSync(worktree, { recursive: true, force: true });
    git(repo, ['worktree', 'prune']);
  }
}

/** The outermost folder on the way to `dir` that does not exist yet (undefined when `dir` exists). */
function firstMissing(dir: string): string | undefined {
  let missing: string | undefined;
  for (let current = dir; !fs.existsSync(current); current = path.dirname(current)) missing = current;
  return missing;
}

/** Removes `top` and the folders under it that are empty, deepest first: what a failed run created and left empty. */
function removeEmptyDirs(top: string): void {
  const visit = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) visit(path.join(dir, entry.name));
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty: something kept there is not ours to remove.
    }
  };
  visit(top);
}

export { BaseInputError, BASE_DIR_HINT };
