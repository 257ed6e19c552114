// What `--base` names, turned into a directory of synthesized stacks for the change check:
// a directory as it is; `deployed`, the revision recorded by the environment's last deploy;
// anything else a git ref, synthesized by synthesizeBaseRevision.
import * as fs from 'fs';
import * as path from 'path';
import { BASE_DIR_HINT, BaseInputError } from './base-error';
import { BaseRevisionOptions, synthesizeBaseRevision } from './base-revision';
import { DEPLOYED_BASE, deployedCommit, deployedTag, FETCH_DEPLOYED_TAGS } from './deployed-revision';
import { workTreeRoot } from './git';

export interface ResolvedBase {
  /** Synthesized stacks (manifest.json, stacks/<name>/cdk.tf.json). */
  readonly dir: string;
  /** How to name the base in a summary: the directory, or the ref and its commit. */
  readonly label: string;
}

/** Resolves `--base <value>` for one environment. Throws BaseInputError for bad input. */
export async function resolveBase(
  value: string,
  environment: string,
  options: Omit<BaseRevisionOptions, 'ref' | 'environment'> = {},
): Promise<ResolvedBase> {
  const asDir = path.resolve(value);
  if (fs.statSync(asDir, { throwIfNoEntry: false })?.isDirectory()) {
    if (!fs.existsSync(path.join(asDir, 'stacks'))) {
      throw new BaseInputError(
        `--base ${value}: the directory holds no stacks/ folder, so it is not a synthesized app; give the output directory of a synth (cdktf.out, with stacks/<name>/cdk.tf.json) or a git ref.`,
      );
    }
    return { dir: asDir, label: value };
  }
  let ref = value;
  if (value === DEPLOYED_BASE) {
    const repo = workTreeRoot(path.resolve(options.repo ?? '.')) ?? path.resolve(options.repo ?? '.');
    const commit = deployedCommit(repo, environment);
    if (!commit) {
      throw new BaseInputError(
        `--base deployed: no deployment of "${environment}" is recorded in this clone (the tag ${deployedTag(environment)} does not exist). \`npm run deploy -- ${environment}\` records it when it has applied every stack; if it was deployed from another clone, fetch the tags (${FETCH_DEPLOYED_TAGS}); to record an existing deployment by hand: git tag ${deployedTag(environment)} <commit it runs> && git push origin refs/tags/${deployedTag(environment)}. Or compare with a named revision: --base <git-ref>, ${BASE_DIR_HINT}.`,
      );
    }
    ref = commit;
  }
  const base = await synthesizeBaseRevision({ ...options, ref, environment });
  const named = value === DEPLOYED_BASE ? deployedTag(environment) : value;
  return { dir: base.dir, label: `${named} (${base.commit.slice(0, 12)})` };
}
