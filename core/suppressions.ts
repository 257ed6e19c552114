import { IConstruct } from 'constructs';

/** Minimum length of a suppression's reason, as cdk-nag requires. */
export const MIN_REASON_LENGTH = 10;

const METADATA_TYPE = 'web-stack:policy-suppression';

/** An acknowledged finding: which rule, where, and why it is acceptable there. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** The construct the suppression was placed on; it covers that construct and its children. */
  readonly scope: IConstruct;
}

/**
 * Acknowledges findings of rule `ruleId` on `scope` and every construct inside it. Place it
 * next to the resource it excuses and say why, in at least 10 characters; a suppression without
 * a reason is itself an error, and one that excuses nothing is a warning.
 *
 * @example
 * suppress(bucket, 'WS-S3-1', 'S3 website hosting serves the site publicly; objects are public by design');
 */
export function suppress(scope: IConstruct, ruleId: string, reason: string): void {
  scope.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason ?? '' });
}

/** Suppressions placed directly on `scope`. */
export function suppressionsOn(scope: IConstruct): Suppression[] {
  return scope.node.metadata
    .filter((entry) => entry.type === METADATA_TYPE)
    .map((entry) => ({ ruleId: String(entry.data.ruleId), reason: String(entry.data.reason ?? ''), scope }));
}

/** Suppressions placed on `scope` or any construct inside it, in tree order. */
export function suppressionsWithin(scope: IConstruct): Suppression[] {
  return scope.node.findAll().flatMap(suppressionsOn);
}

/** True when the reason is long enough to be reviewed. */
export function hasReason(suppression: Suppression): boolean {
  return suppression.reason.trim().length >= MIN_REASON_LENGTH;
}
