import * as fs from 'fs';
import * as path from 'path';
import { types } from 'util';
import { Lazy } from 'cdktf';

interface Patch {
  readonly file: string;
}
// The CommonJS transformer jest loads itself (jest.config.js `transform`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformer = require('./cdktf-transform') as {
  PATCHES: readonly Patch[];
  patchFor(sourcePath: string): Patch | undefined;
  process(sourceText: string, sourcePath: string): { code: string };
  getCacheKey(sourceText: string, sourcePath: string): string;
};

const STACK_TRACE = require.resolve('cdktf/lib/tokens/private/stack-trace');
type Capture = (below?: unknown) => string[];

/**
 * What the module `code` exports, run outside jest's module registry but in the test's realm, whose
 * `Error.prepareStackTrace` formats its stacks.
 */
function load(code: string): { captureStackTrace: Capture } {
  const module = { exports: {} as { captureStackTrace: Capture } };
  new Function('exports', 'require', 'module', code)(module.exports, require, module);
  return module.exports;
}

/** Calls `capture` with itself as the frame to start below, so two implementations see the same stack. */
function captureBelow(capture: Capture): string[] {
  return capture(captureBelow);
}

describe('cdktf-transform', () => {
  const original = fs.readFileSync(STACK_TRACE, 'utf8');
  const lazy = load(transformer.process(original, STACK_TRACE).code);
  const eager = load(original);

  test('the deferred creation stack has the lines cdktf would have recorded', () => {
    // Both captured from the same line, so their first frames agree.
    const [deferred, recorded] = [lazy, eager].map((module) => captureBelow(module.captureStackTrace));
    expect(Array.isArray(deferred)).toBe(true);
    expect(recorded.length).toBeGreaterThan(3);
    expect([...deferred]).toEqual(recorded);
    expect(deferred.join('\n  at ')).toBe(recorded.join('\n  at '));
  });

  test('formats the stack only when it is read', () => {
    const formatter = Error.prepareStackTrace;
    let formatted = 0;
    Error.prepareStackTrace = (error, frames) => {
      formatted++;
      return formatter ? formatter(error, frames) : `${error}\n${frames.map((frame) => `    at ${frame}`).join('\n')}`;
    };
    try {
      const lines = captureBelow(lazy.captureStackTrace);
      expect(formatted).toBe(0);
      expect(lines.length).toBeGreaterThan(0);
      expect(formatted).toBe(1);
      expect(lines[0]).toContain('cdktf-transform.test.ts');
      expect(formatted).toBe(1);
    } finally {
      Error.prepareStackTrace = formatter;
    }
  });

  test('jest.config.js sends cdktf through it: tokens carry deferred stacks', () => {
    const token = Lazy.anyValue({ produce: () => 1 });
    expect(types.isProxy(token.creationStack)).toBe(true);
    expect(token.creationStack.some((line) => line.includes('cdktf-transform.test.ts'))).toBe(true);
  });

  test('patches exactly its two cdktf files, on any platform', () => {
    const lib = path.dirname(require.resolve('cdktf'));
    expect(transformer.patchFor(STACK_TRACE)?.file).toBe('tokens/private/stack-trace.js');
    expect(transformer.patchFor(path.join(lib, 'private', 'fs.js'))?.file).toBe('private/fs.js');
    expect(transformer.patchFor('C:\\repo\\node_modules\\cdktf\\lib\\private\\fs.js')?.file).toBe('private/fs.js');
    expect(transformer.patchFor(path.join(lib, 'index.js'))).toBeUndefined();
    expect(() => transformer.process('', path.join(lib, 'index.js'))).toThrow(/no patch for .*index\.js/);
  });

  test('a cdktf whose text changed fails the transform, naming the file to update', () => {
    expect(() => transformer.process(original.replace('slice(1)', 'slice(2)'), STACK_TRACE)).toThrow(
      /stack-trace\.js no longer contains .*; update __tests__\/support\/cdktf-transform\.js for this cdktf version$/,
    );
    const fsFile = path.join(path.dirname(require.resolve('cdktf')), 'private', 'fs.js');
    expect(() => transformer.process('', fsFile)).toThrow(/update scripts\/app-bundle-patches\.js for this cdktf version$/);
  });

  test('another source gets another cache key', () => {
    const key = transformer.getCacheKey(original, STACK_TRACE);
    expect(transformer.getCacheKey(original, STACK_TRACE)).toBe(key);
    expect(transformer.getCacheKey(`${original}\n`, STACK_TRACE)).not.toBe(key);
  });
});
