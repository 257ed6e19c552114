// `npm run plan -- <env> --offline --base <dir>`: the offline change check of one environment.
// The current revision is synthesized as for a plan; the base is a directory of synthesized
// stacks (the git-revision and deployed bases resolve to one). Each stack of the environment, on
// either side, is planned against a stand-in state of its base (harness/change-check.ts).
import * as fs from 'fs';
import * as path from 'path';
import { ChangeCheckInputError, checkChanges } from '../../harness/change-check';
import { readStacks } from '../../harness/change-input';
import { readSynthesizedApp } from '../../harness/synth';
import { synthesize } from '../../main';
import { environmentStacks } from './environment-stacks';
import { planBase } from './base';
import { BAD_INPUT_EXIT_CODE, PlanError, PlanOptions } from './options';

export interface ChangeCheckRun {
  readonly text: string;
  readonly exitCode: number;
  /** Where changes.json and the plans are. */
  readonly plansDir: string;
}

/**
 * The directory of synthesized stacks a base stands for: a directory as given; a git revision or
 * the deployed revision synthesized into one (scripts/plan/base.ts), before anything is written.
 */
export async function resolveBaseDir(options: Pick<PlanOptions, 'base' | 'environment'>, log: (line: string) => void): Promise<string> {
  return (await planBase(options, log))!.dir;
}

/** The stacks of the environment on one side: by backend key or name, as a plan picks them. */
function stacksOf(dir: string, environment: string): string[] {
  return environmentStacks(readSynthesizedApp(dir), environment);
}

export async function runChangeCheck(options: PlanOptions, log: (line: string) => void): Promise<ChangeCheckRun> {
  const baseDir = await resolveBaseDir(options, log);
  const asInput = (error: unknown): never => {
    if (error instanceof ChangeCheckInputError) throw new PlanError(error.message, BAD_INPUT_EXIT_CODE);
    throw error;
  };
  // The base is checked before anything is synthesized or written.
  try {
    readStacks(baseDir, 'base');
  } catch (error) {
    asInput(error);
  }
  if (path.resolve(baseDir) === path.resolve(options.outdir)) {
    throw new PlanError(
      `--base "${baseDir}" is the directory the current revision is synthesized into (--outdir); synthesizing would overwrite the base. Give another --outdir.`,
      BAD_INPUT_EXIT_CODE,
    );
  }
  process.env.WEB_STACK_ENVIRONMENTS = options.environment;
  process.env.CHECKPOINT_DISABLE = '1';
  log(`Synthesizing ${options.environment} into ${options.outdir}\n`);
  synthesize(options.outdir, options.environment);
  const stacks = [...new Set([...stacksOf(options.outdir, options.environment), ...stacksOf(baseDir, options.environment)])].sort();
  if (stacks.length === 0) {
    throw new PlanError(
      `Environment "${options.environment}" has no stacks in the current revision nor in the base ${baseDir}.`,
      BAD_INPUT_EXIT_CODE,
    );
  }
  const plansDir = path.join(options.outdir, 'plans', options.environment);
  fs.rmSync(plansDir, { recursive: true, force: true });
  log(`Checking ${stacks.join(', ')} against the base ${baseDir}\n`);
  const started = Date.now();
  const result = await checkChanges({
    baseDir,
    currentDir: options.outdir,
    stacks,
    outDir: plansDir,
    allowReplace: options.allowReplace,
    onStackStep: (stack, step) => log(`${stack}: ${step}\n`),
  }).catch(asInput);
  log(`Checked in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  fs.writeFileSync(path.join(plansDir, 'changes.txt'), result.text);
  return { text: result.text, exitCode: result.exitCode, plansDir };
}
