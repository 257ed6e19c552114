// The inputs of the change check: two directories of synthesized stacks. Each is checked before
// anything runs, and a problem is one paragraph naming the directory and the fix.
import * as fs from 'fs';
import * as path from 'path';

/** Bad input to the change check: the CLI prints the message and exits 2. */
export class ChangeCheckInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeCheckInputError';
  }
}

const LAYOUT =
  'a directory of synthesized stacks, as `cdktf synth` or `npm run plan` writes it (stacks/<name>/cdk.tf.json, for example cdktf.out)';

/** The synthesized stacks of a directory by name, each with its directory; throws ChangeCheckInputError. */
export function readStacks(dir: string, side: 'base' | 'current'): Map<string, string> {
  const flag = side === 'base' ? '--base' : 'the current synthesis';
  if (!fs.existsSync(dir)) {
    throw new ChangeCheckInputError(
      `${flag} "${dir}" does not exist. Give ${LAYOUT}; to compare with a git revision, give the revision (--base main) instead.`,
    );
  }
  if (!fs.statSync(dir).isDirectory()) throw new ChangeCheckInputError(`${flag} "${dir}" is a file, not ${LAYOUT}.`);
  const stacksDir = path.join(dir, 'stacks');
  const stacks = new Map<string, string>();
  if (fs.existsSync(stacksDir) && fs.statSync(stacksDir).isDirectory()) {
    for (const name of fs.readdirSync(stacksDir).sort()) {
      const file = path.join(stacksDir, name, 'cdk.tf.json');
      if (!fs.existsSync(file)) continue;
      try {
        JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        throw new ChangeCheckInputError(
          `${flag} "${dir}": stack "${name}" has a cdk.tf.json that is not JSON (${(error as Error).message}); synthesize it again.`,
        );
      }
      stacks.set(name, path.join(stacksDir, name));
    }
  }
  if (stacks.size === 0) {
    throw new ChangeCheckInputError(
      `${flag} "${dir}" holds no synthesized stacks (no stacks/<name>/cdk.tf.json). Give ${LAYOUT}: synthesize the base revision into it first, or give its git revision instead.`,
    );
  }
  return stacks;
}
