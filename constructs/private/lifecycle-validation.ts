import type { LifecycleRule, LifecycleTransition, TransitionStorageClass } from '../lifecycle-rules';

/** S3 accepts at most this many rules in one lifecycle configuration. */
const MAX_RULES = 1000;

/** Days S3 bills an object in a class at least, even when it leaves earlier (early deletion charge). */
export const MINIMUM_STORAGE_DAYS: Readonly<Record<TransitionStorageClass, number>> = {
  STANDARD_IA: 30,
  INTELLIGENT_TIERING: 0,
  ONEZONE_IA: 30,
  GLACIER_IR: 90,
  GLACIER: 90,
  DEEP_ARCHIVE: 180,
};

/** The classes S3 lets a lifecycle rule move objects to from each class (transitions only go colder). */
const NEXT_CLASSES: Readonly<Record<TransitionStorageClass, readonly TransitionStorageClass[]>> = {
  STANDARD_IA: ['INTELLIGENT_TIERING', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'],
  INTELLIGENT_TIERING: ['ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'],
  ONEZONE_IA: ['GLACIER', 'DEEP_ARCHIVE'],
  GLACIER_IR: ['GLACIER', 'DEEP_ARCHIVE'],
  GLACIER: ['DEEP_ARCHIVE'],
  DEEP_ARCHIVE: [],
};

/** Days S3 requires objects to spend in STANDARD before a lifecycle rule may move them to an IA class. */
const INFREQUENT_ACCESS_MINIMUM_DAYS = 30;

function isWholeNumber(value: number, minimum: number): boolean {
  return Number.isInteger(value) && value >= minimum;
}

/**
 * Every way the rules break S3's lifecycle constraints or would pay early-deletion charges
 * for nothing, each naming the rule, the field, the bad value and the fix. Empty when the
 * rules are fine.
 */
export function findLifecycleRuleProblems(rules: readonly LifecycleRule[]): string[] {
  const problems: string[] = [];
  if (rules.length > MAX_RULES) {
    problems.push(`lifecycle rules: ${rules.length} rules; S3 accepts at most ${MAX_RULES} per bucket`);
  }
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const at = `lifecycle rules[${index}] ("${rule.id}")`;
    if (rule.id.length === 0 || rule.id.length > 255) {
      problems.push(`lifecycle rules[${index}].id "${rule.id}": give each rule an ID of 1 to 255 characters`);
    } else if (seen.has(rule.id)) {
      problems.push(`${at}.id: another rule already uses this ID; rule IDs must be unique in a bucket`);
    }
    seen.add(rule.id);
    problems.push(...prefixProblems(at, rule));
    if (
      !rule.transitions?.length &&
      rule.expirationDays === undefined &&
      !rule.noncurrentVersionTransitions?.length &&
      rule.noncurrentVersionExpirationDays === undefined &&
      rule.abortIncompleteMultipartUploadDays === undefined
    ) {
      problems.push(`${at}: has no action; give it transitions, an expiration or abortIncompleteMultipartUploadDays, or remove it`);
    }
    problems.push(...transitionProblems(`${at}.transitions`, rule.transitions ?? [], 0));
    problems.push(...expirationProblems(`${at}.expirationDays`, rule.expirationDays, rule.transitions ?? []));
    problems.push(...transitionProblems(`${at}.noncurrentVersionTransitions`, rule.noncurrentVersionTransitions ?? [], 1));
    problems.push(
      ...expirationProblems(
        `${at}.noncurrentVersionExpirationDays`,
        rule.noncurrentVersionExpirationDays,
        rule.noncurrentVersionTransitions ?? [],
      ),
    );
    const abort = rule.abortIncompleteMultipartUploadDays;
    if (abort !== undefined && !isWholeNumber(abort, 1)) {
      problems.push(`${at}.abortIncompleteMultipartUploadDays ${abort}: use a whole number of days, 1 or more`);
    }
  });
  return problems;
}

function prefixProblems(at: string, rule: LifecycleRule): string[] {
  if (rule.prefix === undefined) return [];
  if (rule.prefix === '') {
    return [
      `${at}.prefix "": an empty prefix matches the whole bucket; give the folder, such as "archive/", or leave prefix out to mean every object`,
    ];
  }
  if (rule.prefix.startsWith('/')) {
    return [
      `${at}.prefix "${rule.prefix}": S3 keys do not start with "/", so this matches nothing; write "${rule.prefix.replace(/^\/+/, '')}"`,
    ];
  }
  return [];
}

/**
 * Checks a chain of transitions: whole days, S3's 30-day minimum before an IA class, days
 * strictly increasing, each move to a colder class S3 supports, and enough days between
 * moves that the object is not billed twice for a class's minimum storage duration.
 */
function transitionProblems(at: string, transitions: readonly LifecycleTransition[], minimumDays: number): string[] {
  const problems: string[] = [];
  transitions.forEach((transition, index) => {
    const field = `${at}[${index}]`;
    const { storageClass, days } = transition;
    if (!(storageClass in MINIMUM_STORAGE_DAYS)) {
      problems.push(`${field}.storageClass "${storageClass}": use one of ${Object.keys(MINIMUM_STORAGE_DAYS).join(', ')}`);
      return;
    }
    if (!isWholeNumber(days, minimumDays)) {
      problems.push(`${field}.days ${days}: use a whole number of days, ${minimumDays} or more`);
      return;
    }
    if ((storageClass === 'STANDARD_IA' || storageClass === 'ONEZONE_IA') && days < INFREQUENT_ACCESS_MINIMUM_DAYS) {
      problems.push(
        `${field}.days ${days}: S3 moves objects to ${storageClass} only after ${INFREQUENT_ACCESS_MINIMUM_DAYS} days or more; use days >= ${INFREQUENT_ACCESS_MINIMUM_DAYS}, or GLACIER_IR, which has no such minimum`,
      );
    }
    if (index === 0) return;
    const previous = transitions[index - 1];
    if (!(previous.storageClass in MINIMUM_STORAGE_DAYS)) return;
    if (days <= previous.days) {
      problems.push(
        `${field}.days ${days}: transitions must be in increasing order of days; this one is not after ${previous.storageClass} at day ${previous.days}`,
      );
      return;
    }
    if (!NEXT_CLASSES[previous.storageClass].includes(storageClass)) {
      const allowed = NEXT_CLASSES[previous.storageClass];
      problems.push(
        `${field}.storageClass ${storageClass}: S3 cannot move objects from ${previous.storageClass} to ${storageClass}; ${allowed.length > 0 ? `from ${previous.storageClass} only to ${allowed.join(', ')}` : `${previous.storageClass} is the coldest class, so put it last`}`,
      );
      return;
    }
    const minimumStay = MINIMUM_STORAGE_DAYS[previous.storageClass];
    if (days - previous.days < minimumStay) {
      problems.push(
        `${field}.days ${days}: only ${days - previous.days} days after ${previous.storageClass} at day ${previous.days}, but S3 bills ${previous.storageClass} for at least ${minimumStay} days; move at day ${previous.days + minimumStay} or later`,
      );
    }
  });
  return problems;
}

/** An expiration must come after the last transition, and not before that class's minimum stay is paid. */
function expirationProblems(field: string, days: number | undefined, transitions: readonly LifecycleTransition[]): string[] {
  if (days === undefined) return [];
  if (!isWholeNumber(days, 1)) {
    return [`${field} ${days}: use a whole number of days, 1 or more`];
  }
  const last = transitions[transitions.length - 1];
  if (!last || !(last.storageClass in MINIMUM_STORAGE_DAYS)) return [];
  const earliest = last.days + Math.max(1, MINIMUM_STORAGE_DAYS[last.storageClass]);
  if (days < earliest) {
    return [
      `${field} ${days}: objects move to ${last.storageClass} at day ${last.days}${MINIMUM_STORAGE_DAYS[last.storageClass] > 0 ? `, which bills at least ${MINIMUM_STORAGE_DAYS[last.storageClass]} days` : ''}; expire at day ${earliest} or later, or drop the transition`,
    ];
  }
  return [];
}
