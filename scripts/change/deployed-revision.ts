// The revision each environment runs, recorded by `npm run deploy` (and `npm run apply`) as the
// git tag `deployed/<env>` on the applied commit, and pushed to the remote. A tag, not a stack
// output: the change check of a pull request runs without AWS credentials (forks included), and
// a tag is what any clone can read with `git fetch`; a stack output would need the state, that
// is, credentials. Tags also show in `git log --decorate` and on the hosting site, so "what runs
// in prod?" has an answer anyone can see.
import { git, GitError, hasUncommittedChanges, resolveCommit } from './git';

/** What `--base` accepts to mean "the revision the environment was last deployed from". */
export const DEPLOYED_BASE = 'deployed';

/** The tag recording an environment's deployed revision. */
export function deployedTag(environment: string): string {
  return `deployed/${environment}`;
}

/** How to fetch every recorded deployment into a clone (CI checks out without tags by default). */
export const FETCH_DEPLOYED_TAGS = "git fetch origin 'refs/tags/deployed/*:refs/tags/deployed/*'";

/** The commit the environment was last deployed from, when recorded in this clone. */
export function deployedCommit(repo: string, environment: string): string | undefined {
  return resolveCommit(repo, `refs/tags/${deployedTag(environment)}`);
}

/** The revision a deploy applies, taken before it starts: HEAD, and whether tracked files differ from it. */
export interface AppliedRevision {
  readonly commit: string;
  readonly dirty: boolean;
}

/** The revision the working tree holds, or undefined outside a git repository. */
export function currentRevision(repo: string): AppliedRevision | undefined {
  const commit = resolveCommit(repo, 'HEAD');
  return commit ? { commit, dirty: hasUncommittedChanges(repo) } : undefined;
}

/** git's refusal to write an annotated tag without a tagger identity. */
const NO_IDENTITY = /Please tell me who you are|unable to auto-detect email address|empty ident name/;

/**
 * Moves `deployed/<env>` to the applied commit (an annotated tag: who, when) and pushes it when
 * the repository has a remote. Never throws: the deploy itself has succeeded, so a failure
 * here is reported as a warning with the command that records it by hand.
 */
export function recordDeployedRevision(
  repo: string,
  environment: string,
  revision: AppliedRevision | undefined,
  log: (line: string) => void,
  now = new Date(),
): void {
  const tag = deployedTag(environment);
  if (!revision) {
    log(`Not recording the deployed revision: ${repo} is not a git repository, so --base deployed cannot be used for ${environment}.\n`);
    return;
  }
  if (revision.dirty) {
    // A tag on HEAD would claim code that was not what ran; the old tag is at least honest about being old.
    log(
      `Not recording the deployed revision of ${environment}: the working tree had uncommitted changes, so no commit holds what was applied. ${tag} stays where it was; commit, then deploy again to record it.\n`,
    );
    return;
  }
  try {
    try {
      git(repo, [
        'tag',
        '--force',
        '--annotate',
        '--message',
        `${environment} deployed ${now.toISOString()} by npm run deploy`,
        tag,
        revision.commit,
      ]);
      log(`Recorded ${tag} -> ${revision.commit.slice(0, 12)}\n`);
    } catch (error) {
      // An annotated tag needs a tagger; a CI runner or a fresh account often has no git identity.
      // What --base deployed reads is only the commit, which a lightweight tag records as well.
      if (!(error instanceof GitError) || !NO_IDENTITY.test(`${error.message}\n${error.stderr}`)) throw error;
      git(repo, ['tag', '--force', tag, revision.commit]);
      log(
        `Recorded ${tag} -> ${revision.commit.slice(0, 12)} as a lightweight tag, without who and when: git has no identity here ` +
          `(set user.name and user.email, as git's message says, for an annotated tag)\n`,
      );
    }
  } catch (error) {
    log(
      `Could not record ${tag}: ${error instanceof GitError ? error.message : String(error)}. Record it by hand: git tag -f ${tag} ${revision.commit}\n`,
    );
    return;
  }
  const remote = pushRemote(repo);
  if (!remote) return;
  try {
    // Forced: the tag moves with every deploy.
    git(repo, ['push', '--force', '--quiet', remote, `refs/tags/${tag}`]);
    log(`Pushed ${tag} to ${remote}\n`);
  } catch (error) {
    log(
      `Could not push ${tag} to ${remote} (${(error instanceof GitError ? error.stderr : String(error)).replace(/\s+/g, ' ').trim()}); others' change checks will not see this deployment until you run: git push --force ${remote} refs/tags/${tag}\n`,
    );
  }
}

/** The remote to push to: the current branch's, else `origin`, else the only one; undefined when there is none. */
function pushRemote(repo: string): string | undefined {
  const remotes = git(repo, ['remote']).split('\n').filter(Boolean);
  if (remotes.length === 0) return undefined;
  try {
    const upstream = git(repo, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
    const remote = remotes.find((name) => upstream.startsWith(`${name}/`));
    if (remote) return remote;
  } catch {
    // A detached HEAD (CI checks out a commit) or a branch without upstream.
  }
  return remotes.includes('origin') ? 'origin' : remotes.length === 1 ? remotes[0] : undefined;
}
