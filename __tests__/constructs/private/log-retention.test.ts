import { findLogRetentionProblem, LOG_RETENTION_DAYS } from '../../../constructs/private/log-retention';

describe('findLogRetentionProblem', () => {
  test('accepts every period CloudWatch Logs offers, and 0 for forever', () => {
    for (const days of LOG_RETENTION_DAYS) {
      expect(findLogRetentionProblem(days)).toBeUndefined();
    }
    expect(LOG_RETENTION_DAYS).toContain(0);
  });

  test('rejects a period CloudWatch Logs does not offer, listing the allowed ones', () => {
    expect(findLogRetentionProblem(10)).toBe(
      '10 is not a retention CloudWatch Logs accepts; use one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 keeps logs forever)',
    );
    expect(findLogRetentionProblem(-1)).toMatch(/-1 is not a retention/);
  });
});
