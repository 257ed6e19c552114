import { LifecycleRule, LifecycleRules } from '../../constructs/lifecycle-rules';
import { findLifecycleRuleProblems, MINIMUM_STORAGE_DAYS } from '../../constructs/private/lifecycle-validation';
import { onlyResourceOf, synthStack } from '../support/synth';

function synthRules(rules?: readonly LifecycleRule[]) {
  return synthStack((stack) => new LifecycleRules(stack, 'lifecycle', { bucketId: 'bucket-id', rules }));
}

/** The single problem of one rule, so each test pins exactly one message. */
function problemOf(rule: Omit<LifecycleRule, 'id'>): string {
  const problems = findLifecycleRuleProblems([{ id: 'r', ...rule }]);
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('LifecycleRules', () => {
  test('defaults: abort uploads after 7 days, noncurrent versions to Glacier at 30 and gone at 365, archive/ to Glacier then Deep Archive', () => {
    const rules = onlyResourceOf(synthRules(), 'aws_s3_bucket_lifecycle_configuration').rule;
    expect(rules).toEqual([
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
      {
        id: 'noncurrent-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrent_version_transition: [{ noncurrent_days: 30, storage_class: 'GLACIER' }],
        noncurrent_version_expiration: [{ noncurrent_days: 365 }],
      },
      {
        id: 'archive',
        status: 'Enabled',
        filter: [{ prefix: 'archive/' }],
        transition: [
          { days: 30, storage_class: 'GLACIER' },
          { days: 180, storage_class: 'DEEP_ARCHIVE' },
        ],
      },
    ]);
  });

  test('the default rules pass their own validation', () => {
    expect(findLifecycleRuleProblems(LifecycleRules.DEFAULT_RULES)).toEqual([]);
  });

  test('a configured rule is written as configured, disabled rules included', () => {
    const rules = onlyResourceOf(
      synthRules([
        {
          id: 'logs',
          prefix: 'logs/',
          enabled: false,
          transitions: [
            { storageClass: 'STANDARD_IA', days: 30 },
            { storageClass: 'GLACIER_IR', days: 60 },
          ],
          expirationDays: 400,
        },
      ]),
      'aws_s3_bucket_lifecycle_configuration',
    ).rule;
    expect(rules).toEqual([
      {
        id: 'logs',
        status: 'Disabled',
        filter: [{ prefix: 'logs/' }],
        transition: [
          { days: 30, storage_class: 'STANDARD_IA' },
          { days: 60, storage_class: 'GLACIER_IR' },
        ],
        expiration: [{ days: 400 }],
      },
    ]);
  });

  test('the construct throws every problem with its path', () => {
    expect(() => synthRules([{ id: 'x', prefix: '' }])).toThrow(
      /test\/lifecycle: lifecycle rules\[0\] \("x"\)\.prefix "": an empty prefix matches the whole bucket/,
    );
  });

  test("minimum storage durations are S3's published ones", () => {
    expect(MINIMUM_STORAGE_DAYS).toEqual({
      STANDARD_IA: 30,
      INTELLIGENT_TIERING: 0,
      ONEZONE_IA: 30,
      GLACIER_IR: 90,
      GLACIER: 90,
      DEEP_ARCHIVE: 180,
    });
  });
});

describe('lifecycle rule validation', () => {
  test('rule IDs are 1 to 255 characters', () => {
    expect(findLifecycleRuleProblems([{ id: '', expirationDays: 1 }])).toEqual([
      'lifecycle rules[0].id "": give each rule an ID of 1 to 255 characters',
    ]);
  });

  test('rule IDs are unique', () => {
    expect(
      findLifecycleRuleProblems([
        { id: 'a', expirationDays: 1 },
        { id: 'a', expirationDays: 2 },
      ]),
    ).toEqual(['lifecycle rules[1] ("a").id: another rule already uses this ID; rule IDs must be unique in a bucket']);
  });

  test('at most 1000 rules', () => {
    const rules = Array.from({ length: 1001 }, (_, i) => ({ id: `r${i}`, expirationDays: 1 }));
    expect(findLifecycleRuleProblems(rules)).toEqual(['lifecycle rules: 1001 rules; S3 accepts at most 1000 per bucket']);
  });

  test('a prefix, when given, is not empty', () => {
    expect(problemOf({ prefix: '', expirationDays: 1 })).toMatch(
      /\.prefix "": an empty prefix matches the whole bucket; give the folder, such as "archive\/"/,
    );
  });

  test('a prefix does not start with a slash', () => {
    expect(problemOf({ prefix: '/archive/', expirationDays: 1 })).toMatch(
      /\.prefix "\/archive\/": S3 keys do not start with "\/", so this matches nothing; write "archive\/"/,
    );
  });

  test('a rule has at least one action', () => {
    expect(problemOf({ prefix: 'a/' })).toMatch(/lifecycle rules\[0\] \("r"\): has no action/);
  });

  test('transition days are whole numbers, 0 or more', () => {
    expect(problemOf({ transitions: [{ storageClass: 'GLACIER', days: -1 }] })).toMatch(
      /transitions\[0\]\.days -1: use a whole number of days, 0 or more/,
    );
    expect(problemOf({ transitions: [{ storageClass: 'GLACIER', days: 1.5 }] })).toMatch(
      /transitions\[0\]\.days 1\.5: use a whole number of days/,
    );
  });

  test('noncurrent transition days are 1 or more', () => {
    expect(problemOf({ noncurrentVersionTransitions: [{ storageClass: 'GLACIER', days: 0 }] })).toMatch(
      /noncurrentVersionTransitions\[0\]\.days 0: use a whole number of days, 1 or more/,
    );
  });

  test('an unknown storage class is named with the allowed ones', () => {
    expect(problemOf({ transitions: [{ storageClass: 'COLD' as never, days: 1 }] })).toMatch(
      /transitions\[0\]\.storageClass "COLD": use one of STANDARD_IA, .*DEEP_ARCHIVE/,
    );
  });

  test.each(['STANDARD_IA', 'ONEZONE_IA'] as const)('%s needs 30 days or more, current and noncurrent', (storageClass) => {
    expect(problemOf({ transitions: [{ storageClass, days: 29 }] })).toMatch(
      new RegExp(`transitions\\[0\\]\\.days 29: S3 moves objects to ${storageClass} only after 30 days or more`),
    );
    expect(problemOf({ noncurrentVersionTransitions: [{ storageClass, days: 10 }] })).toMatch(
      /noncurrentVersionTransitions\[0\]\.days 10: S3 moves objects/,
    );
  });

  test.each(['GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE', 'INTELLIGENT_TIERING'] as const)('%s accepts day 0', (storageClass) => {
    expect(findLifecycleRuleProblems([{ id: 'r', transitions: [{ storageClass, days: 0 }] }])).toEqual([]);
  });

  test('transitions are in increasing order of days', () => {
    expect(
      problemOf({
        transitions: [
          { storageClass: 'GLACIER', days: 100 },
          { storageClass: 'DEEP_ARCHIVE', days: 100 },
        ],
      }),
    ).toMatch(/transitions\[1\]\.days 100: transitions must be in increasing order of days; this one is not after GLACIER at day 100/);
  });

  test('transitions only go to a colder class S3 supports', () => {
    expect(
      problemOf({
        transitions: [
          { storageClass: 'GLACIER', days: 0 },
          { storageClass: 'STANDARD_IA', days: 200 },
        ],
      }),
    ).toMatch(
      /transitions\[1\]\.storageClass STANDARD_IA: S3 cannot move objects from GLACIER to STANDARD_IA; from GLACIER only to DEEP_ARCHIVE/,
    );
    expect(
      problemOf({
        transitions: [
          { storageClass: 'ONEZONE_IA', days: 30 },
          { storageClass: 'GLACIER_IR', days: 90 },
        ],
      }),
    ).toMatch(/from ONEZONE_IA only to GLACIER, DEEP_ARCHIVE/);
    expect(
      problemOf({
        transitions: [
          { storageClass: 'DEEP_ARCHIVE', days: 0 },
          { storageClass: 'GLACIER', days: 200 },
        ],
      }),
    ).toMatch(/DEEP_ARCHIVE is the coldest class, so put it last/);
  });

  test('Deep Archive comes at least 90 days after a Glacier transition', () => {
    expect(
      problemOf({
        transitions: [
          { storageClass: 'GLACIER', days: 30 },
          { storageClass: 'DEEP_ARCHIVE', days: 100 },
        ],
      }),
    ).toBe(
      'lifecycle rules[0] ("r").transitions[1].days 100: only 70 days after GLACIER at day 30, but S3 bills GLACIER for at least 90 days; move at day 120 or later',
    );
  });

  test('the next transition comes at least 30 days after an IA transition', () => {
    expect(
      problemOf({
        transitions: [
          { storageClass: 'STANDARD_IA', days: 30 },
          { storageClass: 'GLACIER', days: 45 },
        ],
      }),
    ).toMatch(
      /transitions\[1\]\.days 45: only 15 days after STANDARD_IA at day 30, but S3 bills STANDARD_IA for at least 30 days; move at day 60 or later/,
    );
  });

  test('expiration days are whole numbers, 1 or more', () => {
    expect(problemOf({ expirationDays: 0 })).toMatch(/\.expirationDays 0: use a whole number of days, 1 or more/);
    expect(problemOf({ noncurrentVersionExpirationDays: 0 })).toMatch(
      /\.noncurrentVersionExpirationDays 0: use a whole number of days, 1 or more/,
    );
  });

  test("expiration waits for the last class's minimum storage duration", () => {
    expect(problemOf({ transitions: [{ storageClass: 'DEEP_ARCHIVE', days: 90 }], expirationDays: 200 })).toBe(
      'lifecycle rules[0] ("r").expirationDays 200: objects move to DEEP_ARCHIVE at day 90, which bills at least 180 days; expire at day 270 or later, or drop the transition',
    );
    expect(
      problemOf({ noncurrentVersionTransitions: [{ storageClass: 'GLACIER', days: 30 }], noncurrentVersionExpirationDays: 60 }),
    ).toMatch(
      /noncurrentVersionExpirationDays 60: objects move to GLACIER at day 30, which bills at least 90 days; expire at day 120 or later/,
    );
  });

  test('expiration comes after an Intelligent-Tiering transition', () => {
    expect(problemOf({ transitions: [{ storageClass: 'INTELLIGENT_TIERING', days: 10 }], expirationDays: 10 })).toMatch(
      /expirationDays 10: objects move to INTELLIGENT_TIERING at day 10; expire at day 11 or later/,
    );
  });

  test('abort of incomplete uploads is a whole number of days, 1 or more', () => {
    expect(problemOf({ abortIncompleteMultipartUploadDays: 0 })).toMatch(
      /\.abortIncompleteMultipartUploadDays 0: use a whole number of days, 1 or more/,
    );
  });
});
