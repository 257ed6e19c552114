import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChangeCheckInputError, readStacks } from '../../harness/change-input';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-input-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function errorOf(target: string): string {
  try {
    readStacks(target, 'base');
  } catch (error) {
    expect(error).toBeInstanceOf(ChangeCheckInputError);
    return (error as Error).message;
  }
  throw new Error('readStacks did not throw');
}

describe('readStacks', () => {
  test('finds each stacks/<name>/cdk.tf.json', () => {
    const out = path.join(dir, 'out');
    for (const stack of ['dev', 'prod']) {
      fs.mkdirSync(path.join(out, 'stacks', stack), { recursive: true });
      fs.writeFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), '{}');
    }
    fs.mkdirSync(path.join(out, 'stacks', 'leftover'));
    expect([...readStacks(out, 'base')]).toEqual([
      ['dev', path.join(out, 'stacks', 'dev')],
      ['prod', path.join(out, 'stacks', 'prod')],
    ]);
  });

  test('a directory that does not exist, a file, or one without synthesized stacks is one paragraph naming --base and the fix', () => {
    expect(errorOf(path.join(dir, 'nowhere'))).toMatch(
      /^--base ".*nowhere" does not exist\. Give a directory of synthesized stacks.*stacks\/<name>\/cdk\.tf\.json/,
    );
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(errorOf(path.join(dir, 'file'))).toMatch(/is a file, not a directory of synthesized stacks/);
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'main.ts'), '');
    expect(errorOf(path.join(dir, 'src'))).toMatch(
      /holds no synthesized stacks \(no stacks\/<name>\/cdk\.tf\.json\)\. .*synthesize the base revision/,
    );
  });

  test('a cdk.tf.json that is not JSON names the stack', () => {
    fs.mkdirSync(path.join(dir, 'broken', 'stacks', 'dev'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'broken', 'stacks', 'dev', 'cdk.tf.json'), '{');
    expect(errorOf(path.join(dir, 'broken'))).toMatch(/stack "dev" has a cdk\.tf\.json that is not JSON/);
  });
});
