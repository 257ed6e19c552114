import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformElement, TerraformStack, Testing, Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { resolve as cdktfResolve } from 'cdktf/lib/tokens/private/resolve';
import { buildApp } from '../../main';
import { projectConfig } from '../support/project';

interface Patch {
  readonly file: string;
  readonly whole?: string;
  readonly replace?: readonly (readonly [string, string])[];
}
// Plain JavaScript, run by the bundler before anything is compiled.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const patches = require('../../scripts/app-bundle-patches') as {
  CDKTF_PATCHES: readonly Patch[];
  patchedSource(patch: Patch, file: string): string;
  restoreClassNames(code: string): string;
};

type Resolve = typeof cdktfResolve;
const cdktfFile = (file: string) => require.resolve(`cdktf/lib/${file}`);

/**
 * cdktf's resolve() as the bundle patches it, loaded beside the real one: the patched text in a
 * temporary file whose relative requires point at cdktf's own modules, so both share one TokenMap.
 */
function patchedResolve(): Resolve {
  const patch = patches.CDKTF_PATCHES.find((p) => p.file === 'tokens/private/resolve.js') as Patch;
  const original = cdktfFile(patch.file);
  const source = patches
    .patchedSource(patch, original)
    .replace(
      /require\("(\.{1,2}\/[^"]+)"\)/g,
      (_, relative: string) => `require(${JSON.stringify(path.resolve(path.dirname(original), relative))})`,
    );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'patched-resolve-')), 'resolve.js');
  fs.writeFileSync(file, source);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { resolve: Resolve }).resolve;
}

/** What `resolve` gives for `value`, or the message it throws. */
function outcome(resolve: Resolve, value: unknown, scope: TerraformStack, preparing = false): string {
  try {
    return JSON.stringify(resolve(value, { scope, prefix: [], resolver: new DefaultTokenResolver(new StringConcat()), preparing }));
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

describe('the cdktf patches of the app bundle', () => {
  test.each(patches.CDKTF_PATCHES.map((p) => [p.file, p] as const))('%s still applies to the installed cdktf', (_file, patch) => {
    const original = fs.readFileSync(cdktfFile(patch.file), 'utf8');
    const patched = patches.patchedSource(patch, cdktfFile(patch.file));
    expect(patched).not.toBe(original);
    // THEN the patched file still compiles
    expect(() => new vm.Script(patched)).not.toThrow();
  });

  test('the patched resolve() gives what cdktf gives for every element of every project stack', () => {
    // GIVEN the project's app and cdktf's resolve() beside the patched one
    const app = buildApp(projectConfig, fs.mkdtempSync(path.join(os.tmpdir(), 'patched-resolve-app-')));
    const patched = patchedResolve();
    const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    let compared = 0;
    for (const stack of stacks) {
      for (const element of stack.node.findAll().filter((c): c is TerraformElement => TerraformElement.isTerraformElement(c))) {
        // WHEN both resolve the element's configuration and metadata
        for (const value of [element.toTerraform(), element.toMetadata()]) {
          // THEN the results are the same, key order included
          expect(outcome(patched, value, stack)).toBe(outcome(cdktfResolve, value, stack));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  test('the patched resolve() agrees on tokens, look-alikes and errors', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const bucket = new S3Bucket(stack, 'bucket', {});
    const patched = patchedResolve();
    // resolve() refuses paths longer than 200: leaves at 200 resolve, at 201 they throw.
    const nested = (depth: number, wrap: (inner: unknown) => unknown) => {
      let value: unknown = wrap(['leaf', 7, true, undefined]);
      for (let i = 1; i < depth; i++) value = wrap(value);
      return value;
    };
    const values: unknown[] = [
      'plain',
      '',
      'arn:aws:s3:::bucket/*',
      '1e5',
      'version 0.5e-3 and 2E+4',
      '${literal} and $${escaped}',
      '#{TfToken[not-a-token]}',
      bucket.arn,
      `${bucket.arn}/*`,
      Fn.join(',', [bucket.id, 'x']),
      bucket.node.id,
      Token.asNumber(bucket.bucketDomainName),
      Token.asList(bucket.arn),
      Token.asString(Token.asNumber(bucket.arn)),
      Token.STRING_MAP_TOKEN_VALUE,
      Token.ANY_MAP_TOKEN_VALUE,
      Token.NUMBER_MAP_TOKEN_VALUE,
      Lazy.stringValue({ produce: () => `${bucket.arn}:lazy` }),
      Lazy.anyValue({ produce: () => ({ list: [undefined, null, 1, 'two', { three: bucket.id }] }) }),
      [1, -0, 0.1, 1e300, -1e300, Number.NaN, Infinity, undefined, null, false, 'x'],
      { keep: 'a', drop: undefined, nested: { arn: bucket.arn, count: 3, on: true } },
      { [bucket.id]: 'token key' },
      new Date(0),
      nested(199, (inner) => [inner]),
      nested(200, (inner) => [inner]),
      nested(199, (inner) => ({ inner })),
      nested(200, (inner) => ({ inner })),
      () => 'a function',
    ];
    for (const value of values) {
      expect(outcome(patched, value, stack)).toBe(outcome(cdktfResolve, value, stack));
      expect(outcome(patched, value, stack, true)).toBe(outcome(cdktfResolve, value, stack, true));
    }
  });
});

describe('restoreClassNames', () => {
  test('gives a class esbuild renamed inside its own body its name back, heritage and all', () => {
    const code = patches.restoreClassNames(
      'var Base=class{};var App=class _App extends (0,Object)(Base){static of(){return _App}};var Plain=class{};exports.names=[App.name,App.of().name,Plain.name];',
    );
    const module = { exports: {} as { names?: string[] } };
    new vm.Script(`(function(exports){${code}})`).runInThisContext()(module.exports);
    expect(module.exports.names).toEqual(['App', 'App', 'Plain']);
  });

  test('leaves code without such classes as it is', () => {
    const code = 'var A=class{};var B=class extends A{};function _C(){}';
    expect(patches.restoreClassNames(code)).toBe(code);
  });
});
