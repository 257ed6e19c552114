import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';

/** A synthesized app in a temporary directory. */
export interface SynthesizedApp {
  readonly outdir: string;
  /** Stack names found in the output. */
  readonly stacks: string[];
  /** The directory holding one stack's cdk.tf.json. */
  stackDir(stack: string): string;
  /** One stack's parsed Terraform JSON. */
  stackJson(stack: string): Record<string, any>;
}

/** Describes an already synthesized output directory. */
export function readSynthesizedApp(outdir: string): SynthesizedApp {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
  const stackDir = (stack: string) => {
    if (!stacks.includes(stack)) {
      throw new Error(`no stack "${stack}" in ${outdir}; synthesized stacks: ${stacks.join(', ')}`);
    }
    return path.join(stacksDir, stack);
  };
  return {
    outdir,
    stacks,
    stackDir,
    stackJson: (stack) => JSON.parse(fs.readFileSync(path.join(stackDir(stack), 'cdk.tf.json'), 'utf8')),
  };
}

/** Runs `build` against a fresh App in a temporary directory and synthesizes it. */
export function synthesizeToTemp(build: (outdir: string) => App): SynthesizedApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
  const app = build(outdir);
  app.synth();
  return readSynthesizedApp(outdir);
}
