import { WebStackError } from '../../core/errors';
import { CloudtrailTrail } from '../../constructs/cloudtrail-trail';
import { config } from '../../config/environments';
import { parseConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';

/** The shipped configuration with `account` replaced. */
function withAccount(account: unknown): ConfigInput {
  const draft = structuredClone(config) as any;
  draft.project.account = account;
  return draft;
}

function expectAccountError(account: unknown, message: RegExp): void {
  expect(() => parseConfig(withAccount(account))).toThrow(WebStackError);
  expect(() => parseConfig(withAccount(account))).toThrow(message);
}

describe('account configuration', () => {
  test('the shipped configuration has an account with defaults filled in', () => {
    const account = parseConfig(config).project.account!;
    expect(account.accountId).toMatch(/^\d{12}$/);
    expect(account.users).toEqual({});
    expect(account.trail).toEqual({ glacierAfterDays: CloudtrailTrail.DEFAULT_GLACIER_AFTER_DAYS });
    expect(account.ownerTagging).toEqual({ enabled: true });
  });

  test('the account key is optional: without it there is no account to build', () => {
    expect(parseConfig(withAccount(undefined)).project.account).toBeUndefined();
  });

  test('users, trail and owner tagging settings are kept', () => {
    const account = parseConfig(
      withAccount({
        accountId: '111122223333',
        region: 'us-east-1',
        users: { alice: { groups: ['admin'] }, bob: { groups: ['operators'] } },
        trail: { name: 'org-trail', bucketName: 'org-trail-logs-111122223333', glacierAfterDays: 30, expireAfterDays: 365 },
        ownerTagging: { enabled: false },
      }),
    ).project.account!;
    expect(account).toEqual({
      accountId: '111122223333',
      region: 'us-east-1',
      users: { alice: { groups: ['admin'] }, bob: { groups: ['operators'] } },
      trail: { name: 'org-trail', bucketName: 'org-trail-logs-111122223333', glacierAfterDays: 30, expireAfterDays: 365 },
      ownerTagging: { enabled: false },
    });
  });

  describe('rejects', () => {
    test('an account ID that is not 12 digits', () => {
      expectAccountError({ accountId: '12345' }, /project\.account\.accountId: "12345" is not an AWS account ID; use the 12 digits/);
    });
    test('a region that is not a region', () => {
      expectAccountError({ accountId: '123456789012', region: 'Ireland' }, /project\.account\.region: "Ireland" is not an AWS region/);
    });
    test('a user name IAM would refuse', () => {
      expectAccountError(
        { accountId: '123456789012', users: { 'a b': { groups: ['admin'] } } },
        /project\.account\.users\.a b: "a b" is not a valid IAM user name; use 1-64/,
      );
    });
    test('a user in an unknown group', () => {
      expectAccountError(
        { accountId: '123456789012', users: { alice: { groups: ['root'] } } },
        /project\.account\.users\.alice\.groups\.0: must be one of admin, operators/,
      );
    });
    test('a user in no group', () => {
      expectAccountError(
        { accountId: '123456789012', users: { alice: { groups: [] } } },
        /project\.account\.users\.alice\.groups: list at least one group/,
      );
    });
    test('a trail bucket name S3 would refuse', () => {
      expectAccountError(
        { accountId: '123456789012', trail: { bucketName: 'Trail_Logs' } },
        /project\.account\.trail\.bucketName: "Trail_Logs"/,
      );
    });
    test('log expiry before the Glacier transition', () => {
      expectAccountError(
        { accountId: '123456789012', trail: { expireAfterDays: 30 } },
        /project\.account\.trail\.expireAfterDays: 30 is not after glacierAfterDays \(90\)/,
      );
    });
    test('unknown keys', () => {
      expectAccountError({ accountId: '123456789012', mfa: true }, /project\.account: Unrecognized key: "mfa"/);
    });
  });
});
