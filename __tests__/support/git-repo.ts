// Small git repositories for the tests of the change check's base revision and of the deployed
// revision: a real `git` in a temporary folder, commits made with a fixed identity.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface TestRepo {
  readonly dir: string;
  /** Runs git in the repository; returns its trimmed output. */
  git(...args: string[]): string;
  /** Writes files (path -> content) and commits them; returns the commit id. */
  commit(message: string, files: Record<string, string>): string;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Wraps an existing repository (a clone, say) in the TestRepo helpers. */
export function openRepo(dir: string): TestRepo {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...IDENTITY },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  return {
    dir,
    git,
    commit(message, files) {
      for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
      git('add', '--all');
      git('commit', '--quiet', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
}

/** A new repository with one branch, main, and no commits. */
export function createRepo(prefix = 'test-repo-'): TestRepo {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  // The identity in the repository's own config, as a developer's repository has one: the code
  // under test (a deploy recording its annotated tag) runs git without the helpers' environment,
  // and a machine user (CI, a fresh laptop account) may have no global identity.
  execFileSync('git', ['config', 'user.name', IDENTITY.GIT_COMMITTER_NAME], { cwd: dir });
  execFileSync('git', ['config', 'user.email', IDENTITY.GIT_COMMITTER_EMAIL], { cwd: dir });
  return openRepo(dir);
}

/** Every file and folder under `dir`, relative, sorted: to show that a run wrote nothing there. */
export function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((entry) => !entry.split(path.sep).includes('.git')).sort();
}
