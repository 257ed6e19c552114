// jest's test sequencer (jest.config.js `testSequencer`) sees the files of a run before the global
// setup does, which is why the plan prewarm is decided here: the sequencer names the plan fixtures
// the selected test files import from plan-fixtures.ts (exports named `<something>Fixture`), and
// the global setup starts one background batch for them when there are two or more
// (plan-prewarm.ts). One fixture alone is one batch whoever plans it, so a test file that needs
// only one plans it itself.
//
// It also runs the files that read fixtures after the others, in jest's own order otherwise: their
// plans come from the prewarm, and a worker that took one first would sit waiting for it while
// the unit tests could have run.
'use strict';
const fs = require('fs');
const Sequencer = require('@jest/test-sequencer').default;

/** The environment variable that carries the fixture names from the sequencer to the global setup. */
const PREWARM_FIXTURES_ENV = 'WEB_STACK_PLAN_PREWARM_FIXTURES';

const PLAN_TEST = /\.plan\.test\.ts$/;
// `import { a, b as c, type D } from '../support/plan-fixtures'`, over several lines too.
const FIXTURE_IMPORT = /import\s*\{([^}]*)\}\s*from\s*['"](?:\.{1,2}\/)+(?:support\/)?plan-fixtures['"]/g;

/** The fixtures (`xyzFixture`, not the types `PlanFixture`...) a test file's source imports from plan-fixtures. */
function importedFixtureNames(source) {
  const names = [];
  for (const match of source.matchAll(FIXTURE_IMPORT)) {
    for (const part of match[1].split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        .trim();
      if (/^[a-z]\w*Fixture$/.test(name)) names.push(name);
    }
  }
  return names;
}

class PlanSequencer extends Sequencer {
  sort(tests) {
    const readsFixtures = new Set();
    const names = new Set();
    for (const test of tests) {
      // Only the plan tests (jest.config.js) read fixtures; other files may quote an import in a string.
      if (!PLAN_TEST.test(test.path)) continue;
      let source;
      try {
        source = fs.readFileSync(test.path, 'utf8');
      } catch {
        continue;
      }
      const imported = importedFixtureNames(source);
      if (imported.length === 0) continue;
      readsFixtures.add(test.path);
      imported.forEach((name) => names.add(name));
    }
    if (names.size >= 2) process.env[PREWARM_FIXTURES_ENV] = [...names].sort().join(',');
    else delete process.env[PREWARM_FIXTURES_ENV];
    const sorted = super.sort(tests);
    // super.sort may return a promise (a custom base) or an array (jest's).
    const last = (list) => [
      ...list.filter((test) => !readsFixtures.has(test.path)),
      ...list.filter((test) => readsFixtures.has(test.path)),
    ];
    return Array.isArray(sorted) ? last(sorted) : Promise.resolve(sorted).then(last);
  }
}

module.exports = PlanSequencer;
module.exports.PREWARM_FIXTURES_ENV = PREWARM_FIXTURES_ENV;
module.exports.importedFixtureNames = importedFixtureNames;
