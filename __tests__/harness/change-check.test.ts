import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChangeCheckInputError, checkChanges } from '../../harness/change-check';

describe('checkChanges bad input', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-check-input-'));
  const synthesized = path.join(dir, 'synth');
  fs.mkdirSync(path.join(synthesized, 'stacks', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(synthesized, 'stacks', 'dev', 'cdk.tf.json'), '{}');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a base that does not exist fails before anything is written', async () => {
    const outDir = path.join(dir, 'out-1');
    await expect(checkChanges({ baseDir: path.join(dir, 'nowhere'), currentDir: synthesized, outDir })).rejects.toThrow(
      ChangeCheckInputError,
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test('a current directory without synthesized stacks fails the same way', async () => {
    const outDir = path.join(dir, 'out-2');
    await expect(checkChanges({ baseDir: synthesized, currentDir: dir, outDir })).rejects.toThrow(
      /the current synthesis ".*" holds no synthesized stacks/,
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test('a stack on neither side is named, with the stacks there are', async () => {
    const outDir = path.join(dir, 'out-3');
    await expect(checkChanges({ baseDir: synthesized, currentDir: synthesized, outDir, stacks: ['prod'] })).rejects.toThrow(
      'No stack "prod" on either side; the stacks are dev.',
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });
});
