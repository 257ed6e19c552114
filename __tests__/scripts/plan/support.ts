import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** An output directory as a synth leaves it: each stack's cdk.tf.json and a manifest naming `manifestStacks`. */
export function fakeOutdir(
  stacks: Record<string, Record<string, unknown>>,
  manifestStacks: Record<string, unknown> = Object.fromEntries(Object.keys(stacks).map((s) => [s, {}])),
): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-script-'));
  for (const [name, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  }
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: manifestStacks }));
  return outdir;
}
