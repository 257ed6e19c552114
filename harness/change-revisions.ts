// Several revisions of one stack checked against one base, as the day-2 scenarios need: the
// base's stand-in state is built once (the costly part: a plan from empty and the feedback
// passes), and each revision is planned against it as change-check.ts plans one. The plan of a
// revision is kept in the run's plan cache under the pair's content key, so the plan store
// (plan-store.ts) serves it to the next run while neither side changed.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { classifyPlan, ResourceChange } from './changes';
import { dropPreventDestroy, prepareChangeWorkspace } from './change-workspace';
import { startEc2StandIn } from './ec2-stand-in';
import { markLikelyMoves } from './move-detection';
import { initOffline, OfflineOptions, planAndShow } from './offline-plan';
import { PLAN_CACHE_ENV, stackContentKey } from './plan-cache';
import { TerraformPlan } from './plan-json';
import { loadProviderSchemas } from './provider-schema';
import { fillRevisionReads } from './revision-reads';
import { buildStandInState, standInContext, writeState } from './stand-in-state';

export interface RevisionsOptions extends OfflineOptions {
  /** Where the working copies go; removed afterwards. */
  readonly workDir: string;
  /**
   * Plan cache directory shared by a test run.
   *
   * @default - the directory named by WEB_STACK_PLAN_CACHE, or none
   */
  readonly cacheDir?: string;
  /**
   * Revisions planned at once.
   *
   * @default 2
   */
  readonly concurrency?: number;
}

/** The cache file of one base/revision pair: a 32-hex name, as the plan store keeps. */
function pairFile(cacheDir: string, baseDir: string, currentDir: string): string {
  const key = createHash('sha256')
    .update(`change-check\0${stackContentKey(baseDir)}\0${stackContentKey(currentDir)}`)
    .digest('hex');
  return path.join(cacheDir, `${key.slice(0, 32)}.json`);
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;

/** One revision's result: its classified changes, or why it could not be planned. */
export type RevisionResult = { readonly changes: ResourceChange[] } | { readonly error: Error };

/**
 * What each revision of a stack does to a base of it: every revision (`currentDirs`, each a
 * synthesized stack directory) planned against the stand-in state of `baseDir` with the real
 * provider, classified as the change check classifies it (likely moves included). A revision
 * that cannot be planned gets its error and leaves the others alone; a base whose state cannot
 * be built throws.
 */
export async function checkRevisions(
  stack: string,
  baseDir: string,
  currentDirs: readonly string[],
  options: RevisionsOptions,
): Promise<RevisionResult[]> {
  const cacheDir = options.cacheDir ?? process.env[PLAN_CACHE_ENV];
  const errors: (Error | undefined)[] = currentDirs.map(() => undefined);
  const plans: (TerraformPlan | undefined)[] = currentDirs.map((currentDir) => {
    const file = cacheDir ? pairFile(cacheDir, baseDir, currentDir) : undefined;
    return file && fs.existsSync(file) ? (readJson(file) as TerraformPlan) : undefined;
  });
  const missing = currentDirs.map((_, index) => index).filter((index) => plans[index] === undefined);
  if (missing.length > 0) {
    fs.mkdirSync(options.workDir, { recursive: true });
    const ec2 = await startEc2StandIn();
    try {
      const offline = { providerMirror: options.providerMirror, onStep: options.onStep, ec2Endpoint: ec2.endpoint };
      const base = await buildStandInState(stack, baseDir, path.join(options.workDir, 'base'), offline);
      const schemas = await loadProviderSchemas(base.workDir, base.env);
      const baseContext = standInContext(readJson(path.join(baseDir, 'cdk.tf.json')));
      let next = 0;
      const worker = async () => {
        while (next < missing.length) {
          const index = missing[next++];
          const workDir = path.join(options.workDir, `revision-${index}`);
          try {
            prepareChangeWorkspace(currentDirs[index], workDir, ec2.endpoint);
            const env = await initOffline(workDir, offline);
            const current = readJson(path.join(currentDirs[index], 'cdk.tf.json'));
            writeState(workDir, fillRevisionReads(base.state, current, schemas, baseContext));
            const plan = await planAndShow(workDir, env);
            plans[index] = plan;
            if (cacheDir) {
              const file = pairFile(cacheDir, baseDir, currentDirs[index]);
              fs.writeFileSync(`${file}.tmp`, JSON.stringify(plan));
              fs.renameSync(`${file}.tmp`, file);
            }
          } catch (error) {
            errors[index] = error instanceof Error ? error : new Error(String(error));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
    } finally {
      await ec2.close();
      fs.rmSync(options.workDir, { recursive: true, force: true });
    }
  }
  const baseStack = readJson(path.join(baseDir, 'cdk.tf.json'));
  return currentDirs.map((currentDir, index): RevisionResult => {
    const error = errors[index];
    if (error) return { error };
    const currentStack = readJson(path.join(currentDir, 'cdk.tf.json'));
    // The working copy plans without prevent_destroy; the classification names what it guards.
    const guarded = dropPreventDestroy(structuredClone(currentStack));
    return { changes: markLikelyMoves(classifyPlan(stack, plans[index]!, { preventDestroy: guarded }), baseStack, currentStack) };
  });
}
