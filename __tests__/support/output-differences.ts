import * as fs from 'fs';
import * as path from 'path';
import type { Seed } from './seeded-plan';

/** One place where two synthesized outputs differ: an app's stack (or its manifest), a file and a JSON Pointer in it. */
export interface OutputDifference {
  /** `<app>/<stack>`, or `<app>` for the app's manifest.json. */
  readonly stack: string;
  /** The file, relative to the stack's folder (or `manifest.json`). */
  readonly file: string;
  /** RFC 6901 JSON Pointer into the parsed file; empty for a file that is not JSON, new or gone. */
  readonly pointer: string;
  /** What each side holds there, shortened, for the message. */
  readonly detail: string;
}

/** Escapes one key for a JSON Pointer (RFC 6901: `~` as `~0`, `/` as `~1`). */
export function pointerOf(keys: readonly (string | number)[]): string {
  return keys.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const shorten = (value: unknown) => {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

/** Every leaf where `a` and `b` differ, as JSON Pointers with both values. Key order is not a difference. */
export function jsonDifferences(a: unknown, b: unknown, keys: (string | number)[] = []): { pointer: string; detail: string }[] {
  const bothContainers =
    a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (bothContainers) {
    const names = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])];
    return names.flatMap((name) =>
      jsonDifferences((a as Record<string, unknown>)[name], (b as Record<string, unknown>)[name], [
        ...keys,
        Array.isArray(a) ? Number(name) : name,
      ]),
    );
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  return [{ pointer: pointerOf(keys), detail: `${shorten(a)} -> ${shorten(b)}` }];
}

/** Files under `dir`, relative, with `/` separators, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

type Ignore = (file: string, pointer: string) => boolean;

/** The differences of one file present on one side or both: JSON by parsed content (formatting is no difference), the rest byte for byte. */
function fileDifferences(stack: string, file: string, left: string, right: string, ignore: Ignore): OutputDifference[] {
  if (!fs.existsSync(left) || !fs.existsSync(right)) {
    return [{ stack, file, pointer: '', detail: fs.existsSync(left) ? 'only in the cdktf output' : 'only in the cdktn output' }];
  }
  const [a, b] = [fs.readFileSync(left), fs.readFileSync(right)];
  if (file.endsWith('.json')) {
    return jsonDifferences(JSON.parse(a.toString('utf8')), JSON.parse(b.toString('utf8')))
      .filter(({ pointer }) => !ignore(file, pointer))
      .map(({ pointer, detail }) => ({ stack, file, pointer, detail }));
  }
  return a.equals(b) ? [] : [{ stack, file, pointer: '', detail: 'the bytes differ' }];
}

/** Compares every file of two folders; `ignore` drops the differences expected in every output (the version stamp). */
export function folderDifferences(stack: string, before: string, after: string, ignore: Ignore): OutputDifference[] {
  const files = [...new Set([...filesUnder(before), ...filesUnder(after)])].sort();
  return files.flatMap((file) => fileDifferences(stack, file, path.join(before, file), path.join(after, file), ignore));
}

/**
 * Every difference between two synthesized apps (cdktf.out folders): the manifest, the set of
 * stacks and each stack's files. `app` names the app in the result (`project`, `examples/x`).
 */
export function appDifferences(app: string, before: string, after: string, ignore: Ignore): OutputDifference[] {
  const manifest = fileDifferences(app, 'manifest.json', path.join(before, 'manifest.json'), path.join(after, 'manifest.json'), ignore);
  const stacks = [
    ...new Set([...filesUnder(path.join(before, 'stacks')), ...filesUnder(path.join(after, 'stacks'))].map((file) => file.split('/')[0])),
  ];
  return [
    ...manifest,
    ...stacks
      .sort()
      .flatMap((stack) =>
        folderDifferences(`${app}/${stack}`, path.join(before, 'stacks', stack), path.join(after, 'stacks', stack), ignore),
      ),
  ];
}

/** A difference cdk-terrain-differences.json expects, with its reason and the state its offline plan needs. */
export interface ListedDifference {
  readonly stack: string;
  readonly file: string;
  readonly pointers: readonly string[];
  readonly reason: string;
  readonly seed: Seed;
}
/** Differences not in the list, and listed ones that did not occur. */
export function unexplained(
  found: readonly OutputDifference[],
  list: readonly ListedDifference[],
): { unlisted: string[]; stale: string[] } {
  const key = (stack: string, file: string, pointer: string) => `${stack} ${file} ${pointer}`;
  const expected = new Set(list.flatMap((entry) => entry.pointers.map((pointer) => key(entry.stack, entry.file, pointer))));
  const occurred = new Set(found.map((difference) => key(difference.stack, difference.file, difference.pointer)));
  return {
    unlisted: found
      .filter((difference) => !expected.has(key(difference.stack, difference.file, difference.pointer)))
      .map((difference) => `${difference.stack} ${difference.file} ${difference.pointer || '(whole file)'}: ${difference.detail}`),
    stale: [...expected].filter((entry) => !occurred.has(entry)),
  };
}
