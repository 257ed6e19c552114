import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { stageOutput, synthesizeAtomically } from '../../stacks/synthesize';

/** An output directory holding one file from an earlier synthesis. */
function previousOutput(): string {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stage-output-')), 'out');
  fs.mkdirSync(outdir);
  fs.writeFileSync(path.join(outdir, 'old.json'), 'old');
  return outdir;
}

const staging = (outdir: string) => fs.readdirSync(path.dirname(outdir)).filter((name) => name.includes('staging'));

describe('stageOutput', () => {
  test('stages beside the output at the same depth; commit replaces the old output with it and leaves no staging folder', () => {
    const outdir = previousOutput();
    const staged = stageOutput(outdir);
    expect(path.dirname(staged.dir)).toBe(path.dirname(outdir));
    fs.writeFileSync(path.join(staged.dir, 'new.json'), 'new');
    expect(staged.commit()).toBe(outdir);
    expect(fs.readdirSync(outdir)).toEqual(['new.json']);
    expect(staging(outdir)).toEqual([]);
  });

  test('discard keeps the old output as it was and removes the staging folder', () => {
    const outdir = previousOutput();
    const staged = stageOutput(outdir);
    fs.writeFileSync(path.join(staged.dir, 'new.json'), 'new');
    staged.discard();
    expect(fs.readdirSync(outdir)).toEqual(['old.json']);
    expect(staging(outdir)).toEqual([]);
  });
});

describe('synthesizeAtomically', () => {
  test('a build that throws leaves the previous output and no staging folder', () => {
    const outdir = previousOutput();
    expect(() =>
      synthesizeAtomically(() => {
        throw new Error('construct error in the third stack');
      }, outdir),
    ).toThrow('construct error in the third stack');
    expect(fs.readdirSync(outdir)).toEqual(['old.json']);
    expect(staging(outdir)).toEqual([]);
  });

  test('a build that synthesizes replaces the output with the new stacks', () => {
    const outdir = previousOutput();
    synthesizeAtomically((dir) => {
      const app = new App({ outdir: dir, stackTraces: false });
      new TerraformOutput(new TerraformStack(app, 'one'), 'answer', { value: 42 });
      return app;
    }, outdir);
    expect(fs.readdirSync(outdir).sort()).toEqual(['manifest.json', 'stacks']);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'one', 'cdk.tf.json'), 'utf8')).output.answer.value).toBe(42);
    expect(staging(outdir)).toEqual([]);
  });
});
