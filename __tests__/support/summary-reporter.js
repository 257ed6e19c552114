// Prints one plain closing line that CI systems read without knowing jest's own summary format:
//
//   tests: 1008 passed, 0 failed, 2 skipped; test files: 116 passed, 0 failed, 0 crashed; result: passed
//
// A test file whose import throws runs no test, so it adds nothing to the test counts; it is counted
// as crashed, and the result is "FAILED" whenever anything failed, crashed, or jest itself stopped
// (a failed global setup, an interrupted run, an obsolete snapshot check) or no test ran at all.
'use strict';

/** The closing line for jest's aggregated results (what onRunComplete receives). */
function summaryLine(results) {
  const skipped = results.numPendingTests + results.numTodoTests;
  const crashed = results.numRuntimeErrorTestSuites;
  // jest counts a crashed file among its failed files too.
  const failedFiles = results.numFailedTestSuites - crashed;
  const problems = [
    results.numFailedTests > 0 && `${results.numFailedTests} failed tests`,
    failedFiles > 0 && `${failedFiles} failed test files`,
    crashed > 0 && `${crashed} crashed test files`,
    results.runExecError && `jest stopped: ${String(results.runExecError.message).split('\n')[0]}`,
    results.wasInterrupted && 'interrupted',
    results.snapshot?.failure && 'snapshot check failed',
    results.numTotalTests === 0 && !results.runExecError && crashed === 0 && 'no test ran',
  ].filter(Boolean);
  const tests = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  const files = `test files: ${results.numPassedTestSuites} passed, ${failedFiles} failed, ${crashed} crashed`;
  return `${tests}; ${files}; result: ${problems.length === 0 ? 'passed' : `FAILED (${problems.join(', ')})`}`;
}

class SummaryReporter {
  onRunComplete(_contexts, results) {
    // stderr, like jest's own summary, so this line comes after it.
    process.stderr.write(`\n${summaryLine(results)}\n`);
  }
}

module.exports = SummaryReporter;
module.exports.summaryLine = summaryLine;
