import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeDigestChanges, digestsOf, SNAPSHOT_SYNTH_COMMAND, SYNTH_DIGESTS_FILE, SynthDigests } from '../../scripts/snapshot-synth';
import { synthesizeProject } from '../support/project';

const checkedIn = (): SynthDigests => JSON.parse(fs.readFileSync(SYNTH_DIGESTS_FILE, 'utf8'));

describe("the project's synthesized output", () => {
  test('is byte for byte what the checked-in digests record, for every stack and file', () => {
    // GIVEN the project's app synthesized as the app command does by default (every environment)
    const actual = digestsOf(synthesizeProject().outdir);
    // THEN every file of every stack has the recorded sha256
    const changes = describeDigestChanges(checkedIn(), actual);
    if (changes.length > 0) {
      throw new Error(
        `The synthesized output differs from ${path.relative(process.cwd(), SYNTH_DIGESTS_FILE)}:\n` +
          changes.map((line) => `  ${line}\n`).join('') +
          `If the change is intended (and every moved address has a moved block), run \`${SNAPSHOT_SYNTH_COMMAND}\` and commit the file.`,
      );
    }
    expect(actual).toEqual(checkedIn());
  });
});

describe('the digest comparison', () => {
  /** A synthesized output with two stacks. */
  function output(files: Record<string, string>): string {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-digests-'));
    for (const [file, text] of Object.entries({ 'manifest.json': '{}', ...files })) {
      fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
      fs.writeFileSync(path.join(outdir, file), text);
    }
    return outdir;
  }
  const base = { 'stacks/a/cdk.tf.json': '{"a":1}', 'stacks/b/cdk.tf.json': '{"b":1}', 'stacks/b/assets/x/file.txt': 'x' };

  test('names each stack and file that differs, is new or is gone', () => {
    const before = digestsOf(output(base));
    const after = digestsOf(
      output({
        'stacks/a/cdk.tf.json': '{"a":1}',
        'stacks/b/cdk.tf.json': '{"b":2}',
        'stacks/b/extra.json': '1',
        'stacks/c/cdk.tf.json': '{}',
      }),
    );
    expect(describeDigestChanges(before, after)).toEqual([
      'stack b: assets/x/file.txt gone, cdk.tf.json differs, extra.json new',
      'stack c: new',
    ]);
    expect(describeDigestChanges(before, digestsOf(output(base)))).toEqual([]);
  });

  test('leaves out what Terraform writes into a stack folder, not the synthesis', () => {
    const plain = digestsOf(output(base));
    const used = digestsOf(
      output({
        ...base,
        'stacks/a/.terraform/providers/p': 'binary',
        'stacks/a/.terraform.lock.hcl': 'lock',
        'stacks/a/terraform.tfstate': '{}',
      }),
    );
    expect(used).toEqual(plain);
  });
});
