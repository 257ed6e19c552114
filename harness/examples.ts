// Synthesizes the consumer programs in examples/ as a user would: compiled with
// examples/tsconfig.json (which resolves "aws-web-stack" to this repository's dist/), then run
// with node into an output directory of their own. dist/ must be built first.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { readSynthesizedApp, SynthesizedApp } from './synth';

async function run(root: string, file: string, args: string[]): Promise<void> {
  try {
    await promisify(execFile)(file, args, { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, { cause: error });
  }
}

/** The consumer programs: the folders of examples/ with a main.ts, sorted. */
export function exampleNames(root: string): string[] {
  return fs
    .readdirSync(path.join(root, 'examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, 'examples', entry.name, 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** Compiles every example and synthesizes each into `<outdir>/<name>`. */
export async function synthesizeExamples(root: string, outdir: string): Promise<Record<string, SynthesizedApp>> {
  const examples = exampleNames(root);
  if (examples.length === 0) return {};
  await run(root, process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'examples')]);
  const synthesized: Record<string, SynthesizedApp> = {};
  // cdktf creates the output folder but not its parents.
  fs.mkdirSync(outdir, { recursive: true });
  for (const example of examples) {
    await run(root, process.execPath, [path.join(root, 'examples', 'dist', example, 'main.js'), path.join(outdir, example)]);
    synthesized[example] = readSynthesizedApp(path.join(outdir, example));
  }
  return synthesized;
}
