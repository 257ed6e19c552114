import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSynthesizedApp } from '../../harness/synth';
import { synthesize } from '../../main';
import { CommandError } from './errors';
import { stackEnvironment, StackInput } from './terraform-json';

/** Reads every stack of an already synthesized output directory (such as cdktf.out). */
export function readStacks(outdir: string): StackInput[] {
  if (!fs.existsSync(path.join(outdir, 'stacks'))) {
    throw new CommandError(`${outdir} holds no synthesized stacks; run \`npm run synth\` first, or leave out --from to synthesize afresh.`);
  }
  const app = readSynthesizedApp(outdir);
  return app.stacks.map((name) => ({ name, json: app.stackJson(name) }));
}

/**
 * Synthesizes every stack of every environment into a temporary directory and returns them,
 * so what a script shows is what `cdktf synth` would write now, not a stale cdktf.out.
 */
export function synthesizeStacks(): StackInput[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-stack-synth-'));
  try {
    synthesize(outdir, '');
    return readStacks(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The environments the stacks belong to (their `Environment` tag), sorted. */
export function environmentsOf(stacks: readonly StackInput[]): string[] {
  return [...new Set(stacks.map((stack) => stackEnvironment(stack.json)).filter((env): env is string => env !== undefined))].sort();
}

/** The stacks of one environment; throws a readable error naming the known ones when there are none. */
export function stacksOfEnvironment(stacks: readonly StackInput[], environment: string): StackInput[] {
  const chosen = stacks.filter((stack) => stackEnvironment(stack.json) === environment);
  if (chosen.length === 0) {
    throw new CommandError(
      `No stack belongs to environment "${environment}"; the synthesized stacks belong to ${environmentsOf(stacks).join(', ')}. ` +
        'Pick one of these, or add the environment to config/environments.ts.',
    );
  }
  return chosen;
}
