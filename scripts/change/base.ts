// What `--base` names (parsed by scripts/plan/options.ts into a BaseSpec), turned into a
// directory of synthesized stacks for the change check: a directory as it is; a git ref
// synthesized by synthesizeBaseRevision; `deployed`, the revision the environment's last deploy
// recorded (scripts/change/deployed-revision.ts).
import * as path from 'path';
import { BASE_DIR_HINT, BaseInputError } from './base-error';
import { BaseRevisionOptions, synthesizeBaseRevision } from './base-revision';
import { DEPLOYED_BASE, deployedCommit, deployedTag, FETCH_DEPLOYED_TAGS } from './deployed-revision';
import { workTreeRoot } from './git';

/** The shape of scripts/plan/options.ts's BaseSpec, restated so this module does not depend on the plan command. */
export type BaseChoice =
  { readonly kind: 'directory'; readonly dir: string } | { readonly kind: 'git-ref'; readonly ref: string } | { readonly kind: 'deployed' };

export interface ResolvedBase {
  /** Synthesized stacks (manifest.json, stacks/<name>/cdk.tf.json); for a git ref, the cache: read only. */
  readonly dir: string;
  /** How a summary names the base: the directory, or the ref with its commit. */
  readonly label: string;
}

/** Resolves `--base` for one environment. Throws BaseInputError (exit code 2) for bad input. */
export async function resolveBase(
  base: BaseChoice,
  environment: string,
  options: Omit<BaseRevisionOptions, 'ref' | 'environment'> = {},
): Promise<ResolvedBase> {
  if (base.kind === 'directory') return { dir: base.dir, label: base.dir };
  let ref: string;
  let named: string;
  if (base.kind === 'deployed') {
    const start = path.resolve(options.repo ?? '.');
    const commit = deployedCommit(workTreeRoot(start) ?? start, environment);
    if (!commit) throw new BaseInputError(noDeploymentRecorded(environment));
    ref = commit;
    named = deployedTag(environment);
  } else {
    ref = base.ref;
    named = base.ref;
  }
  const revision = await synthesizeBaseRevision({ ...options, ref, environment });
  return { dir: revision.dir, label: `${named} (${revision.commit.slice(0, 12)})` };
}

/** The paragraph for `--base deployed` when no tag records a deployment of the environment. */
export function noDeploymentRecorded(environment: string): string {
  const tag = deployedTag(environment);
  return `--base ${DEPLOYED_BASE}: no deployment of "${environment}" is recorded in this clone (there is no tag ${tag}). \`npm run deploy -- ${environment}\` (or \`npm run apply -- ${environment}\`) records one when every stack is applied; if it was deployed from another clone, fetch the tags (${FETCH_DEPLOYED_TAGS}); to record a deployment made before, tag the commit it runs (git tag ${tag} <commit> && git push origin refs/tags/${tag}). Or compare with a named revision: --base <git-ref>, ${BASE_DIR_HINT}.`;
}
