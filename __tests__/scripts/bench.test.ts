import { formatReport, formatVerdict, judge, measurement, summarize } from '../../scripts/bench/stats';
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

describe('judge', () => {
  test('passes when the median is within 4x of the floor median and the worst peak is under 200 MB', () => {
    const app = measurement('app', 'app', 'node scripts/app.js', [
      { wallMs: 1200, peakMb: 120 },
      { wallMs: 1800, peakMb: 199 },
      { wallMs: 9000, peakMb: 130 },
    ]);
    // Median 1800 / 600 = 3x: one slow run does not decide the verdict.
    expect(judge(app, floor)).toEqual({ ratio: 3, peakMb: 199, ratioOk: true, peakOk: true, pass: true });
  });

  test('fails on time over 4x and on memory at 200 MB, separately', () => {
    const slow = measurement('app', 'app', 'x', [{ wallMs: 2500, peakMb: 100 }]);
    expect(judge(slow, floor)).toMatchObject({ ratioOk: false, peakOk: true, pass: false });
    const heavy = measurement('app', 'app', 'x', [{ wallMs: 600, peakMb: 200 }]);
    expect(judge(heavy, floor)).toMatchObject({ ratio: 1, ratioOk: true, peakOk: false, pass: false });
  });

  test('the verdict names each target with PASS or FAIL', () => {
    const app = measurement('app', 'app', 'x', [{ wallMs: 3000, peakMb: 150 }]);
    expect(formatVerdict(judge(app, floor))).toBe(
      [
        'FAIL  app command median is 5.00x the floor (target: at most 4x)',
        'PASS  app command peak memory is 150 MB (target: under 200 MB)',
      ].join('\n'),
    );
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

  test('the report shows seconds, the ratio to the floor and the worst peak', () => {
    const app = measurement('app', 'app command', 'x', [
      { wallMs: 1200, peakMb: 100.4 },
      { wallMs: 1500, peakMb: 120.6 },
    ]);
    const lines = formatReport([floor, app], floor).split('\n');
    expect(lines[0]).toBe('measurement  runs  median s  min s  max s  stdev s  x floor  peak MB');
    expect(lines[2]).toBe('floor           3      0.60   0.50   0.70     0.10    1.00x       62');
    expect(lines[3]).toBe('app command     2      1.35   1.20   1.50     0.21    2.25x      121');
  });
});
