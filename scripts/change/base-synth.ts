// Compiles and runs a base revision's own app (its main.ts, as old as the base is), the way
// `cdktf synth` runs an app: with CDKTF_OUTDIR naming the output directory. The app is compiled
// by esbuild into one file, as the app command's bundle is (scripts/app-bundle.js): about a
// second, where a cold `tsc` of the base would take most of a minute. esbuild does not
// type-check; a type error the base's own build would have caught is not this check's business.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BASE_DIR_HINT, BaseInputError } from './base-error';

/** The app's entry point, at the top of the repository (cdktf.json runs it). */
export const BASE_ENTRY = 'main.ts';
/**
 * Where the bundle is written inside the base's checkout: the same depth as the app command's
 * dist/bundle/app.js, so paths the app finds from its own location (`__dirname/../..`, the
 * package root with templates/ and functions/) lead to the base's files.
 */
const BUNDLE = path.join('dist', 'bundle', 'base-app.js');

/** Bundles `<worktree>/main.ts` with everything it imports; returns the bundle's path. */
export async function bundleBase(worktree: string, describeBase: string): Promise<string> {
  const entry = path.join(worktree, BASE_ENTRY);
  if (!fs.existsSync(entry)) {
    throw new BaseInputError(
      `The base revision ${describeBase} has no ${BASE_ENTRY} (the app's entry point), so it cannot be synthesized here; choose a revision of this app with --base <git-ref>, ${BASE_DIR_HINT}.`,
    );
  }
  // The current checkout's esbuild, whatever the base's is: it only compiles.
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new BaseInputError(
      `Compiling the base revision ${describeBase} needs esbuild, a development dependency of this project; run \`npm ci\` (not --omit=dev), ${BASE_DIR_HINT}.`,
    );
  }
  const outfile = path.join(worktree, BUNDLE);
  try {
    const { outputFiles } = await esbuild.build({
      entryPoints: [entry],
      outfile,
      write: false,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minifyWhitespace: true,
      logLevel: 'silent',
      absWorkingDir: worktree,
    });
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    fs.writeFileSync(outfile, outputFiles[0].text);
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors ?? [];
    const first = errors
      .slice(0, 3)
      .map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
      .join('; ');
    throw new BaseInputError(
      `The base revision ${describeBase} does not compile: ${first || (error instanceof Error ? error.message : String(error))}. Choose a revision that builds with --base <git-ref>, ${BASE_DIR_HINT}.`,
    );
  }
  return outfile;
}

/**
 * Runs the bundled base app for one environment; its stacks land in `outdir` (cdktf.out layout).
 * Rejects with the app's own error text when it fails or writes no stacks.
 */
export async function runBaseApp(
  bundle: string,
  worktree: string,
  outdir: string,
  environment: string,
  describeBase: string,
): Promise<void> {
  // The base sees the same settings the current app does, except its output directory and the
  // environment; WEB_STACK_STATE_BACKEND=local (bootstrap only) must not leak into a comparison.
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, WEB_STACK_ENVIRONMENTS: environment, CHECKPOINT_DISABLE: '1' };
  delete env.WEB_STACK_STATE_BACKEND;
  const failure = await new Promise<string | undefined>((resolve) => {
    execFile(process.execPath, [bundle], { cwd: worktree, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve(error ? errorText(stderr.trim() || stdout.trim() || error.message) : undefined),
    );
  });
  if (failure === undefined && fs.existsSync(path.join(outdir, 'manifest.json'))) return;
  throw new BaseInputError(
    `The base revision ${describeBase} does not synthesize for environment "${environment}": ${
      failure ?? `its app exited without writing ${path.join(outdir, 'manifest.json')}`
    }${/[.!?]$/.test(failure ?? '') ? '' : '.'} Choose a revision that synthesizes with --base <git-ref>, ${BASE_DIR_HINT}.`,
  );
}

/**
 * The app's error without Node's decoration: from the first `SomethingError:` line on, stack
 * frames dropped (the project's app prints just that line; an uncaught error adds the source
 * line, a caret and the stack).
 */
function errorText(output: string): string {
  const lines = output.split('\n').filter((line) => line.trim() && !/^\s+at /.test(line) && !/^Node\.js v\d/.test(line));
  const start = lines.findIndex((line) => /^(?:[A-Z]\w*)?(?:Error|Exception)\b/.test(line));
  return (start >= 0 ? lines.slice(start) : lines.slice(-4)).map((line) => line.trim()).join(' ');
}
