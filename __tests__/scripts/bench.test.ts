import { checkTargets, formatChecks, formatReport, measurement, summarize } from '../../scripts/bench/stats';
import { chooseSubjects, subjects } from '../../scripts/bench/subjects';
import { formatTable } from '../../scripts/cli/table';

describe('summarize', () => {
  test('odd count: the median is the middle value; stdev is the sample deviation', () => {
    expect(summarize([3, 1, 2])).toEqual({ count: 3, min: 1, median: 2, mean: 2, max: 3, stdev: 1 });
  });

  test('even count: the median is the mean of the two middle values', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  test('a single run has no spread', () => {
    expect(summarize([7])).toEqual({ count: 1, min: 7, median: 7, mean: 7, max: 7, stdev: 0 });
  });

  test('no runs is an error', () => {
    expect(() => summarize([])).toThrow('summarize needs at least one value');
  });
});

const floor = measurement('floor', 'floor', 'node -e', [
  { wallMs: 500, peakMb: 60 },
  { wallMs: 700, peakMb: 61 },
  { wallMs: 600, peakMb: 62 },
]);

describe('checkTargets', () => {
  test('passes when the median is within the ratio of the floor median and the worst peak within the limit', () => {
    const app = measurement('app', 'app', 'node scripts/app.js', [
      { wallMs: 1000, peakMb: 120 },
      { wallMs: 1200, peakMb: 150 },
      { wallMs: 9000, peakMb: 130 },
    ]);
    // Median 1200 / 600 = 2x: one slow run does not decide the verdict.
    expect(checkTargets(app, floor, { maxRatioToFloor: 2, maxPeakMb: 150 }).map((c) => c.ok)).toEqual([true, true]);
  });

  test('fails on time over the ratio and on memory over the limit, separately', () => {
    const slow = measurement('app', 'app', 'x', [{ wallMs: 1500, peakMb: 100 }]);
    expect(checkTargets(slow, floor, { maxRatioToFloor: 2, maxPeakMb: 150 }).map((c) => c.ok)).toEqual([false, true]);
    const heavy = measurement('app', 'app', 'x', [{ wallMs: 600, peakMb: 151 }]);
    expect(checkTargets(heavy, floor, { maxRatioToFloor: 2, maxPeakMb: 150 }).map((c) => c.ok)).toEqual([true, false]);
  });

  test('an absolute time target needs no floor', () => {
    const tests = measurement('test', 'npm test', 'npm test', [{ wallMs: 151_000, peakMb: 900 }]);
    expect(checkTargets(tests, undefined, { maxWallS: 150 })).toEqual([
      { key: 'test', text: 'npm test: median 151.00 s (target: at most 150 s)', ok: false },
    ]);
  });

  test('each target is a line with PASS or FAIL', () => {
    const plan = measurement('plan', 'offline plan', 'x', [{ wallMs: 720, peakMb: 150 }]);
    expect(formatChecks(checkTargets(plan, floor, { maxRatioToFloor: 1.3, maxPeakMb: 200 }))).toBe(
      [
        'PASS  offline plan: median 1.20x floor (target: at most 1.3x)',
        'PASS  offline plan: peak memory 150 MB (target: at most 200 MB)',
      ].join('\n'),
    );
  });
});

describe('subjects', () => {
  const all = subjects('/repo');

  test('every ratio target names a floor that is measured too', () => {
    for (const subject of all.filter((s) => s.targets?.maxRatioToFloor !== undefined)) {
      expect(all.map((s) => s.key)).toContain(subject.floor);
    }
  });

  test('the targets of the issue: app 2.5x and 150 MB, offline plan 1.3x its terraform floor, npm test 150 s', () => {
    const byKey = Object.fromEntries(all.map((s) => [s.key, s]));
    expect(byKey.app.targets).toEqual({ maxRatioToFloor: 2.5, maxPeakMb: 150 });
    expect([byKey.plan.floor, byKey.plan.targets]).toEqual(['terraform-floor', { maxRatioToFloor: 1.3 }]);
    expect(byKey.test.targets).toEqual({ maxWallS: 150 });
  });

  test('--only brings the floors of the chosen subjects along, in table order', () => {
    expect(chooseSubjects(all, ['plan']).map((s) => s.key)).toEqual(['terraform-floor', 'plan']);
    expect(chooseSubjects(all, ['app', 'test']).map((s) => s.key)).toEqual(['node-floor', 'app', 'test']);
    expect(chooseSubjects(all, ['test-rerun']).map((s) => s.key)).toEqual(['test', 'test-rerun']);
  });

  test('the test rows run npm test twice on one plan store that the bench empties: planning every stack (judged), then the re-run', () => {
    const byKey = Object.fromEntries(all.map((s) => [s.key, s]));
    const context = { planStore: '/tmp/bench-plan-store-x' };
    expect(byKey['test-rerun'].targets).toBeUndefined();
    for (const key of ['test', 'test-rerun']) {
      expect(byKey[key].spec('<out>', context)).toMatchObject({
        file: 'npm',
        args: ['test', '--silent'],
        env: { WEB_STACK_PLAN_STORE: context.planStore },
      });
    }
    // Table order is run order: the row that fills the store runs first in its round.
    expect(all.findIndex((s) => s.key === 'test')).toBeLessThan(all.findIndex((s) => s.key === 'test-rerun'));
    expect(() => byKey.test.spec('<out>', {})).toThrow(/plan store/);
  });
});

describe('tables', () => {
  test('text columns align left, figures right, under a rule as wide as each column', () => {
    expect(
      formatTable(
        ['name', 'n'],
        [
          ['a', '10'],
          ['bbb', '2'],
        ],
      ),
    ).toBe(['name   n', '----  --', 'a     10', 'bbb    2'].join('\n'));
    expect(formatTable(['a', 'b', 'n'], [['x', 'yy', '1']], 2)).toBe(['a  b   n', '-  --  -', 'x  yy  1'].join('\n'));
  });

  test('the report shows seconds, the ratio to the floor, the worst peak and the median CPU time', () => {
    const app = measurement('app', 'app command', 'x', [
      { wallMs: 1200, peakMb: 100.4, cpuS: 1.5 },
      { wallMs: 1500, peakMb: 120.6, cpuS: 2.1 },
    ]);
    const lines = formatReport([floor, app], { app: 'floor' }).split('\n');
    expect(lines[0]).toBe('measurement  runs  median s  min s  max s  stdev s  x floor  peak MB  CPU s');
    expect(lines[2]).toBe('floor           3      0.60   0.50   0.70     0.10        -       62      -');
    expect(lines[3]).toBe('app command     2      1.35   1.20   1.50     0.21    2.25x      121    1.8');
  });
});
