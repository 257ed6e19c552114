import { findScheduleProblem } from '../../../constructs/private/schedule-expression';

describe('findScheduleProblem', () => {
  test.each([
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
    'cron(0 8 * * ? *)',
    'cron(0/15 * ? * MON-FRI *)',
  ])('accepts %s', (expression) => {
    expect(findScheduleProblem(expression)).toBeUndefined();
  });

  test.each([
    ['rate(1 minutes)', /singular unit for 1, as in "rate\(1 minute\)"/],
    ['rate(2 hour)', /plural unit above 1, as in "rate\(2 hours\)"/],
    ['rate(0 minutes)', /the rate must be at least 1/],
    ['rate(5 mins)', /is not a schedule expression/],
    ['cron(0 8 * * *)', /is not a schedule expression; use .*six-field/],
    ['every hour', /is not a schedule expression/],
  ])('rejects %s', (expression, message) => {
    expect(findScheduleProblem(expression)).toMatch(message);
  });
});
