import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { appDifferences, jsonDifferences, ListedDifference, pointerOf, unexplained } from './output-differences';

/** A synthesized output: manifest.json plus files under stacks/. */
function output(files: Record<string, string>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'output-differences-'));
  for (const [file, text] of Object.entries({ 'manifest.json': '{"version":"1"}', ...files })) {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), text);
  }
  return outdir;
}
const never = () => false;

describe('jsonDifferences', () => {
  test('names each differing leaf by its JSON Pointer, escaping / and ~, and ignores key order and formatting', () => {
    const before = { '//': { metadata: { version: '0.21.0' } }, resource: { a: { 'x/y~z': [1, 2], same: true } } };
    const after = { resource: { a: { same: true, 'x/y~z': [1, 3] } }, '//': { metadata: { version: '0.24.0' } } };
    expect(jsonDifferences(before, after).map((difference) => difference.pointer)).toEqual([
      '/~1~1/metadata/version',
      '/resource/a/x~1y~0z/1',
    ]);
    expect(jsonDifferences({ a: [1, { b: 2 }] }, JSON.parse('{ "a" : [1, {"b":2}] }'))).toEqual([]);
  });

  test('reports a key present on one side only, and a value that changes type', () => {
    expect(jsonDifferences({ a: 1 }, { a: 1, b: null })).toEqual([{ pointer: '/b', detail: '(absent) -> null' }]);
    expect(jsonDifferences({ a: [1] }, { a: { 0: 1 } })).toEqual([{ pointer: '/a', detail: '[1] -> {"0":1}' }]);
    expect(pointerOf(['resource', 'aws_s3_bucket', 'site', 'tags', 0])).toBe('/resource/aws_s3_bucket/site/tags/0');
  });
});

describe('appDifferences', () => {
  test('compares the manifest and every file of every stack: JSON by content, other files by bytes, new and gone stacks', () => {
    const before = output({
      'stacks/a/cdk.tf.json': '{"//":{"metadata":{"version":"1"}},"x":1}',
      'stacks/a/assets/site/index.html': '<p>one</p>',
      'stacks/gone/cdk.tf.json': '{}',
    });
    const after = output({
      'manifest.json': '{ "version": "2" }',
      'stacks/a/cdk.tf.json': '{\n  "x": 2,\n  "//": {"metadata": {"version": "2"}}\n}',
      'stacks/a/assets/site/index.html': '<p>two</p>',
      'stacks/new/cdk.tf.json': '{}',
    });
    const versionStamp = (file: string, pointer: string) =>
      (file === 'cdk.tf.json' && pointer === '/~1~1/metadata/version') || (file === 'manifest.json' && pointer === '/version');
    expect(appDifferences('project', before, after, versionStamp).map(({ stack, file, pointer }) => `${stack} ${file} ${pointer}`)).toEqual(
      ['project/a assets/site/index.html ', 'project/a cdk.tf.json /x', 'project/gone cdk.tf.json ', 'project/new cdk.tf.json '],
    );
    expect(appDifferences('project', before, after, never).map(({ pointer }) => pointer)).toEqual(
      expect.arrayContaining(['/version', '/~1~1/metadata/version']),
    );
  });
});

describe('unexplained', () => {
  const listed: ListedDifference[] = [
    { stack: 'project/prod', file: 'cdk.tf.json', pointers: ['/resource/r/a/name'], reason: 'equivalent', seed: {} },
  ];

  test('passes exactly the listed differences', () => {
    const found = [{ stack: 'project/prod', file: 'cdk.tf.json', pointer: '/resource/r/a/name', detail: '"x" -> "y"' }];
    expect(unexplained(found, listed)).toEqual({ unlisted: [], stale: [] });
  });

  test('names an unlisted difference by stack, file and pointer, and a listed one that no longer occurs', () => {
    const found = [{ stack: 'project/prod-website', file: 'cdk.tf.json', pointer: '/resource/r/a/name', detail: '"x" -> "y"' }];
    expect(unexplained(found, listed)).toEqual({
      unlisted: ['project/prod-website cdk.tf.json /resource/r/a/name: "x" -> "y"'],
      stale: ['project/prod cdk.tf.json /resource/r/a/name'],
    });
  });
});
