// The few git commands the change check and the deploy need, run with execFile (no shell), so a
// ref or path is never read as shell syntax.
import { execFileSync } from 'child_process';

/** A git command that failed; the message carries git's own words. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed: ${stderr.trim() || 'no output'}`);
    this.name = 'GitError';
  }
}

/** Runs git in `cwd` and returns its standard output, trimmed. */
export function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }).trim();
  } catch (error) {
    const failure = error as { stderr?: string; message: string; code?: string };
    if (failure.code === 'ENOENT') throw new GitError(args, 'git is not installed or not on PATH');
    throw new GitError(args, failure.stderr ?? failure.message);
  }
}

/** The commit `ref` names, or undefined when it names none (an unknown branch, tag or id). */
export function resolveCommit(repo: string, ref: string): string | undefined {
  // `--end-of-options` keeps a ref starting with a dash from being read as an option.
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]) || undefined;
  } catch {
    return undefined;
  }
}

/** The top directory of the work tree holding `dir`, or undefined outside any git repository. */
export function workTreeRoot(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']);
  } catch {
    return undefined;
  }
}

/** A file's content at a commit, or undefined when the commit has no such file. */
export function showFile(repo: string, commit: string, file: string): string | undefined {
  try {
    // Not trimmed: callers hash it and compare with the file on disk.
    return execFileSync('git', ['show', `${commit}:${file}`], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

/** True when tracked files differ from HEAD (untracked files do not count: they are not deployed code). */
export function hasUncommittedChanges(repo: string): boolean {
  return git(repo, ['status', '--porcelain', '--untracked-files=no']) !== '';
}
