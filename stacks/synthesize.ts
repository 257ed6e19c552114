import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';

/** Where cdktf expects the output: the CLI passes CDKTF_OUTDIR, plain runs use cdktf.out. */
export function defaultOutdir(): string {
  return process.env.CDKTF_OUTDIR ?? 'cdktf.out';
}

/**
 * Builds and synthesizes into a sibling staging directory and moves it into place only when
 * every stack synthesized: a construct error or a failed validation in the third stack
 * leaves neither a half-written output nor an empty directory behind, and the previous
 * output stays as it was. The staging directory has the same depth as the final one, so
 * relative paths cdktf writes (local state files, assets) stay valid after the move.
 */
export function synthesizeAtomically(build: (outdir: string) => App, outdir = defaultOutdir()): string {
  const finalDir = path.resolve(outdir);
  fs.mkdirSync(path.dirname(finalDir), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(finalDir), `.${path.basename(finalDir)}-staging-`));
  try {
    build(staging).synth();
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.rmSync(finalDir, { recursive: true, force: true });
  fs.renameSync(staging, finalDir);
  return finalDir;
}
