import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';

/** Where cdktf expects the output: the CLI passes CDKTF_OUTDIR, plain runs use cdktf.out. */
export function defaultOutdir(): string {
  return process.env.CDKTF_OUTDIR ?? 'cdktf.out';
}

/** A staging directory for a synthesis, moved into place only when the whole app synthesized. */
export interface StagedOutput {
  /** Where the app writes: a sibling of the output directory, at the same depth. */
  readonly dir: string;
  /** Replaces the output directory with the staging directory; returns the output directory. */
  commit(): string;
  /** Removes the staging directory; the output directory stays as it was. */
  discard(): void;
}

/**
 * Opens a sibling staging directory of `outdir`. A synthesis writes there and `commit()`s only
 * when every stack synthesized: a construct error or a failed validation in the third stack
 * `discard()`s it and leaves neither a half-written output nor an empty directory behind, and the
 * previous output stays as it was. The staging directory has the same depth as the final one, so
 * relative paths cdktf writes (local state files, assets) stay valid after the move.
 */
export function stageOutput(outdir = defaultOutdir()): StagedOutput {
  const finalDir = path.resolve(outdir);
  fs.mkdirSync(path.dirname(finalDir), { recursive: true });
  const dir = fs.mkdtempSync(path.join(path.dirname(finalDir), `.${path.basename(finalDir)}-staging-`));
  return {
    dir,
    commit: () => {
      fs.rmSync(finalDir, { recursive: true, force: true });
      fs.renameSync(dir, finalDir);
      return finalDir;
    },
    discard: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Builds the app into a staging directory and synthesizes it there, then moves it into place (see `stageOutput`). */
export function synthesizeAtomically(build: (outdir: string) => App, outdir = defaultOutdir()): string {
  const staged = stageOutput(outdir);
  try {
    build(staged.dir).synth();
  } catch (error) {
    staged.discard();
    throw error;
  }
  return staged.commit();
}
