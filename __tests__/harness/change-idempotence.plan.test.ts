// Idempotence of the offline change check: a revision planned against the stand-in state built
// from itself shows no change, for every stack of the project's app and of every example; and
// two syntheses of the same revision, each in its own process as `cdktf synth` runs the app, are
// byte for byte the same (no timestamps, random names or unstable asset hashes).
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { ChangeCheckResult, checkChanges } from '../../harness/change-check';
import { readSynthesizedApp } from '../../harness/synth';

const root = path.resolve(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'change-idempotence-'));

async function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  try {
    await promisify(execFile)(file, args, {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, { cause: error });
  }
}

/** Every file below `dir`, relative, with its content. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) visit(name);
      else files[name] = fs.readFileSync(path.join(dir, name), 'latin1');
    }
  };
  visit('');
  return files;
}

/** Synthesizes the project's app as `cdktf synth` does: its app command, in a process of its own. */
const synthesizeApp = (outdir: string) => run(process.execPath, [path.join(root, 'scripts', 'app.js')], { CDKTF_OUTDIR: outdir });

const unchanged = (result: ChangeCheckResult) => result.changes.filter((change) => !change.actions.includes('no-op'));

describe('the change check against the same revision', () => {
  const first = path.join(work, 'first');
  const second = path.join(work, 'second');
  let project: ChangeCheckResult;

  beforeAll(async () => {
    await synthesizeApp(first);
    await synthesizeApp(second);
    project = await checkChanges({ baseDir: first, currentDir: second, outDir: path.join(work, 'project-plans') });
  }, 1_800_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('two syntheses of the same revision are identical, file for file', () => {
    const a = tree(first);
    const b = tree(second);
    expect(Object.keys(a).length).toBeGreaterThan(5);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const file of Object.keys(a)) expect([file, b[file] === a[file]]).toEqual([file, true]);
  });

  test('every stack of the project plans no change against the state built from itself', () => {
    const stacks = readSynthesizedApp(first).stacks;
    expect(stacks).toEqual(expect.arrayContaining(['dev', 'dev-website', 'prod', 'prod-website', 'state']));
    expect(project.stacks.map((stack) => [stack.stack, stack.side])).toEqual(stacks.map((stack) => [stack, 'both']));
    expect(unchanged(project)).toEqual([]);
    expect(project.changes.length).toBeGreaterThan(200);
    expect(project.exitCode).toBe(0);
    for (const stack of stacks) expect(project.text).toContain(`Stack ${stack}\n  No changes.`);
  });

  test('every example plans no change against the state built from itself', async () => {
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'examples')]);
    const examples = fs
      .readdirSync(path.join(root, 'examples', 'dist'))
      .filter((example) => fs.existsSync(path.join(root, 'examples', 'dist', example, 'main.js')))
      .sort();
    expect(examples).toEqual(expect.arrayContaining(['network-only', 'static-website', 'wordpress-existing-vpc']));
    // One directory holding every example's stack, so one check plans them side by side.
    const together = path.join(work, 'examples');
    for (const example of examples) {
      const outdir = path.join(work, `example-${example}`);
      await run(process.execPath, [path.join(root, 'examples', 'dist', example, 'main.js'), outdir]);
      for (const stack of readSynthesizedApp(outdir).stacks) {
        fs.cpSync(path.join(outdir, 'stacks', stack), path.join(together, 'stacks', stack), { recursive: true });
      }
    }
    const result = await checkChanges({ baseDir: together, currentDir: together, outDir: path.join(work, 'example-plans') });
    expect(result.stacks.map((stack) => stack.stack)).toEqual(expect.arrayContaining(examples));
    expect(unchanged(result)).toEqual([]);
    expect(result.changes.length).toBeGreaterThan(50);
  }, 1_800_000);
});
