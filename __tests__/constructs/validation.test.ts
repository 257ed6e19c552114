import * as index from '../../index';
import * as validation from '../../constructs/validation';
import { findBucketNameProblem } from '../../constructs/private/bucket-name';
import { describeCidrProblem } from '../../constructs/private/cidr';
import { findWebsiteDomainProblem } from '../../constructs/private/domain-name';
import { findLifecycleRuleProblems } from '../../constructs/private/lifecycle-validation';
import { findLogRetentionProblem } from '../../constructs/private/log-retention';
import { findNetworkLayoutProblems } from '../../constructs/private/network-layout';
import { findScheduleProblem } from '../../constructs/private/schedule-expression';

// The validators a configuration loader needs, public through the library's entry: the very
// functions the constructs run, so a file and a program get the same answer.
describe('public validators', () => {
  test('each is exported from the package entry and is the function the constructs use', () => {
    const used = {
      findBucketNameProblem,
      describeCidrProblem,
      findWebsiteDomainProblem,
      findLifecycleRuleProblems,
      findLogRetentionProblem,
      findNetworkLayoutProblems,
      findScheduleProblem,
    };
    for (const [name, fn] of Object.entries(used)) {
      expect((validation as Record<string, unknown>)[name]).toBe(fn);
      expect((index as Record<string, unknown>)[name]).toBe(fn);
    }
  });

  test('they answer with the field-free message a loader puts at its own path', () => {
    expect(validation.findBucketNameProblem('Acme')).toMatch(/lowercase/);
    expect(validation.describeCidrProblem('10.0.0.0/33')).toBeDefined();
    expect(validation.findLogRetentionProblem(2)).toMatch(/^2 is not a retention CloudWatch Logs accepts/);
    expect(validation.findScheduleProblem('rate(1 hours)')).toMatch(/singular/);
    expect(validation.findNetworkLayoutProblems({ cidrBlock: '10.0.0.0/16', availabilityZones: {} })).toEqual([
      expect.objectContaining({ field: 'availabilityZones' }),
    ]);
  });

  test('what is valid has no problem', () => {
    expect(validation.findBucketNameProblem('acme-logs')).toBeUndefined();
    expect(validation.describeCidrProblem('10.0.0.0/16')).toBeUndefined();
    expect(validation.findWebsiteDomainProblem('www.example.com')).toBeUndefined();
    expect(validation.findLifecycleRuleProblems([])).toEqual([]);
    expect(validation.findLogRetentionProblem(30)).toBeUndefined();
    expect(validation.findScheduleProblem('rate(5 minutes)')).toBeUndefined();
  });
});
