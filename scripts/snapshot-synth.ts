import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { config } from '../config/environments';
import { loadConfig } from '../config/load';
import { synthesizeToTemp } from '../harness/synth';
import { buildApp } from '../main';
import { runCommand } from './cli/errors';

// scripts/ when run from the sources (jest), dist/scripts/ when compiled.
const ROOT =
  [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((dir) => fs.existsSync(path.join(dir, 'package.json'))) ??
  process.cwd();

/** The checked-in digests of the project's synthesized app. */
export const SYNTH_DIGESTS_FILE = path.join(ROOT, '__tests__', 'snapshots', 'synth-digests.json');

/** The one command that rewrites SYNTH_DIGESTS_FILE when a change of the output is intended. */
export const SNAPSHOT_SYNTH_COMMAND = 'npm run snapshot:synth';

/**
 * What a synthesis does not write but a stack folder may hold once Terraform has run in it
 * (init, a local plan or apply); none of it is the synthesized output.
 */
const VOLATILE = [/(^|\/)\.terraform(\/|$)/, /(^|\/)\.terraform\.lock\.hcl$/, /(^|\/)terraform\.tfstate(\.backup)?$/, /\.tfplan$/];

/** sha256 of every file of the app's output, per stack: stack name -> relative path -> digest; the manifest under its own key. */
export interface SynthDigests {
  readonly 'manifest.json': string;
  readonly stacks: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every file under `dir` that is not volatile, as sorted paths relative to it with `/` separators. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !VOLATILE.some((pattern) => pattern.test(file)))
    .sort();
}

/** The digests of a synthesized output directory (what `cdktf synth` writes to cdktf.out). */
export function digestsOf(outdir: string): SynthDigests {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks: Record<string, Record<string, string>> = {};
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const dir = path.join(stacksDir, stack);
    stacks[stack] = Object.fromEntries(filesUnder(dir).map((file) => [file, sha256(path.join(dir, file))]));
  }
  return { 'manifest.json': sha256(path.join(outdir, 'manifest.json')), stacks };
}

/**
 * What differs between the checked-in digests and the current ones, one line per stack (and per
 * file in it); empty when they are the same.
 */
export function describeDigestChanges(expected: SynthDigests, actual: SynthDigests): string[] {
  const lines: string[] = [];
  if (expected['manifest.json'] !== actual['manifest.json']) lines.push('manifest.json differs');
  const names = [...new Set([...Object.keys(expected.stacks), ...Object.keys(actual.stacks)])].sort();
  for (const stack of names) {
    const before = expected.stacks[stack];
    const after = actual.stacks[stack];
    if (!before || !after) {
      lines.push(`stack ${stack}: ${before ? 'no longer synthesized' : 'new'}`);
      continue;
    }
    const files = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    const changed = files.flatMap((file) => {
      if (before[file] === after[file]) return [];
      return [`${file} ${!before[file] ? 'new' : !after[file] ? 'gone' : 'differs'}`];
    });
    if (changed.length > 0) lines.push(`stack ${stack}: ${changed.join(', ')}`);
  }
  return lines;
}

/** The file's text for `digests`: pretty JSON with a closing newline, as prettier keeps it. */
export function formatDigests(digests: SynthDigests): string {
  return `${JSON.stringify(digests, null, 2)}\n`;
}

/** Synthesizes the project's app as the app command does by default: every environment of config/environments.ts. */
export function synthesizeProjectDigests(): SynthDigests {
  const synthesized = synthesizeToTemp((outdir) => buildApp(loadConfig(config), outdir));
  try {
    return digestsOf(synthesized.outdir);
  } finally {
    fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  }
}

/** `npm run snapshot:synth`: rewrites the checked-in digests from the current code and says which stacks changed. */
export async function main(): Promise<number> {
  return runCommand(() => {
    const actual = synthesizeProjectDigests();
    const expected = fs.existsSync(SYNTH_DIGESTS_FILE)
      ? (JSON.parse(fs.readFileSync(SYNTH_DIGESTS_FILE, 'utf8')) as SynthDigests)
      : undefined;
    fs.mkdirSync(path.dirname(SYNTH_DIGESTS_FILE), { recursive: true });
    fs.writeFileSync(SYNTH_DIGESTS_FILE, formatDigests(actual));
    const changes = expected ? describeDigestChanges(expected, actual) : ['written for the first time'];
    const where = path.relative(process.cwd(), SYNTH_DIGESTS_FILE);
    process.stdout.write(changes.length === 0 ? `${where}: unchanged\n` : `${where}:\n${changes.map((line) => `  ${line}\n`).join('')}`);
    return 0;
  });
}
