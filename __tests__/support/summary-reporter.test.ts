import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const REPORTER = path.join(__dirname, 'summary-reporter.js');

/**
 * Runs jest for real on a folder of plain JavaScript test files with the summary reporter alone,
 * and returns its exit code and closing line.
 */
function runJest(files: Record<string, string>): { status: number | null; line: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-reporter-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const config = { rootDir: dir, testEnvironment: 'node', reporters: [REPORTER], transform: {}, cacheDirectory: path.join(dir, '.cache') };
  const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--ci'], {
    cwd: root,
    encoding: 'utf8',
  });
  const lines = run.stderr.trim().split('\n');
  return { status: run.status, line: lines[lines.length - 1] };
}

const PASSING = "test('adds', () => expect(1 + 1).toBe(2));\ntest.skip('later', () => undefined);\n";
const FAILING = "test('fails', () => expect(1).toBe(2));\ntest('passes', () => undefined);\n";
// Its import throws before any test is declared: jest reports no test of it at all.
const CRASHING = "require('./no-such-module');\ntest('never declared', () => undefined);\n";

describe('the summary line of a test run', () => {
  test('a run where everything passes says so, with the skipped tests', () => {
    const { status, line } = runJest({ 'a.test.js': PASSING });
    expect(status).toBe(0);
    expect(line).toBe('tests: 1 passed, 0 failed, 1 skipped; test files: 1 passed, 0 failed, 0 crashed; result: passed');
  });

  test('counts failed tests, failed files and files whose import throws, and says the run failed', () => {
    // GIVEN one passing file, one with a failing test and one that cannot be imported
    const { status, line } = runJest({ 'a.test.js': PASSING, 'b.test.js': FAILING, 'c.test.js': CRASHING });
    // THEN the line names all three, as jest's exit code does
    expect(status).toBe(1);
    expect(line).toBe(
      'tests: 2 passed, 1 failed, 1 skipped; test files: 1 passed, 1 failed, 1 crashed; result: FAILED (1 failed tests, 1 failed test files, 1 crashed test files)',
    );
  });

  test('a crashed file fails the run even when every test that ran passed (it used to print "0 failed" and nothing more)', () => {
    const { status, line } = runJest({ 'a.test.js': PASSING, 'c.test.js': CRASHING });
    expect(status).toBe(1);
    expect(line).toBe(
      'tests: 1 passed, 0 failed, 1 skipped; test files: 1 passed, 0 failed, 1 crashed; result: FAILED (1 crashed test files)',
    );
  });
});
