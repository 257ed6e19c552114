import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// A CommonJS module that jest loads itself (jest.config.js `testSequencer`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PlanSequencer = require('./plan-sequencer') as {
  new (options: unknown): { sort(tests: TestFile[]): TestFile[] };
  PREWARM_FIXTURES_ENV: string;
  importedFixtureNames(source: string): string[];
};

interface TestFile {
  readonly path: string;
  readonly context: unknown;
  duration?: number;
}

describe('plan sequencer', () => {
  test('finds the fixtures a test file imports from plan-fixtures, on one line or several, renamed or not', () => {
    const source = [
      "import { projectFixture } from '../support/plan-fixtures';",
      'import {',
      '  bastionlessFixture,',
      '  withBastionFixture as bastion,',
      '  type PlanFixture,',
      '  BATCH_NETWORK,',
      '  websiteOf,',
      "} from '../../support/plan-fixtures';",
      "import { otherFixture } from '../support/other-fixtures';",
    ].join('\n');
    expect(PlanSequencer.importedFixtureNames(source)).toEqual(['projectFixture', 'bastionlessFixture', 'withBastionFixture']);
  });

  describe('sorting a run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sequencer-'));
    // No timing cache: jest's own order is by file size, largest first.
    const context = { config: { cache: false }, hasteFS: { getSize: (file: string) => fs.statSync(file).size } };
    const file = (name: string, source: string): TestFile => {
      fs.writeFileSync(path.join(dir, name), source);
      return { path: path.join(dir, name), context };
    };
    const twoFixtures = file('two.plan.test.ts', "import { aFixture, bFixture } from './support/plan-fixtures';\n");
    const oneFixture = file('one.plan.test.ts', "import { aFixture } from './support/plan-fixtures';\n");
    const bigUnit = file('big.test.ts', `// ${'x'.repeat(500)}\n`);
    // A file outside the plan tests is not read: this one quotes an import, as this test does.
    const quoting = file('quoting.test.ts', 'const source = "import { cFixture } from \'./support/plan-fixtures\';";\n');
    const smallUnit = file('small.test.ts', '\n');
    const sort = (tests: TestFile[]) => new PlanSequencer({}).sort([...tests]).map((test) => path.basename(test.path));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    afterEach(() => delete process.env[PlanSequencer.PREWARM_FIXTURES_ENV]);

    test('files that read fixtures run after the others, each group in jest order; two fixtures start a prewarm', () => {
      expect(sort([oneFixture, smallUnit, twoFixtures, bigUnit, quoting])).toEqual([
        'big.test.ts',
        'quoting.test.ts',
        'small.test.ts',
        'two.plan.test.ts',
        'one.plan.test.ts',
      ]);
      expect(process.env[PlanSequencer.PREWARM_FIXTURES_ENV]).toBe('aFixture,bFixture');
    });

    test('one fixture, however many files read it, is planned by the tests themselves: no prewarm', () => {
      process.env[PlanSequencer.PREWARM_FIXTURES_ENV] = 'left,from,an,earlier,run';
      expect(sort([oneFixture, smallUnit])).toEqual(['small.test.ts', 'one.plan.test.ts']);
      expect(process.env[PlanSequencer.PREWARM_FIXTURES_ENV]).toBeUndefined();
    });
  });
});
