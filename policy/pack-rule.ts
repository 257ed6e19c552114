import { PolicyRule } from './rule';

/** `error` fails synthesis; `warning` is printed and reported. */
export type Severity = 'error' | 'warning';

/** IDs of checks in other scanners that look for the same thing. */
export interface RuleEquivalents {
  /** Checkov check IDs, such as `CKV_AWS_53`. */
  readonly checkov?: readonly string[];
  /** Trivy (formerly tfsec) AVD IDs, such as `AVD-AWS-0086`. */
  readonly trivy?: readonly string[];
}

/** A rule as a pack applies it: the check plus everything a reader of a finding needs. */
export interface PackRule {
  /** Stable ID, `WS-<SERVICE>-<n>`; never reused for another check. */
  readonly id: string;
  readonly rule: PolicyRule;
  readonly severity: Severity;
  /** What compliant looks like, in one line. */
  readonly description: string;
  /** Why it matters. */
  readonly why: string;
  /** How to comply. */
  readonly fix: string;
  /**
   * Checks in other scanners covering the same thing.
   *
   * @default - none known
   */
  readonly equivalents?: RuleEquivalents;
}

/** The documentation of a rule without its check: pack rules and the suppression rules alike. */
export type RuleDoc = Omit<PackRule, 'rule'>;

export const SUPPRESSION_WITHOUT_REASON = 'WS-SUPPRESS-1';
export const UNUSED_SUPPRESSION = 'WS-SUPPRESS-2';
export const UNKNOWN_RULE_SUPPRESSION = 'WS-SUPPRESS-3';

/** Rules about suppressions themselves; they cannot be suppressed. */
export const SUPPRESSION_RULES: readonly RuleDoc[] = [
  {
    id: SUPPRESSION_WITHOUT_REASON,
    severity: 'error',
    description: 'Every suppression gives a reason of at least 10 characters.',
    why: 'A suppression without a reason cannot be reviewed; it hides a finding instead of explaining it.',
    fix: "Say why the finding is acceptable here: suppress(construct, 'WS-S3-1', 'Public website hosting needs a public bucket policy').",
  },
  {
    id: UNUSED_SUPPRESSION,
    severity: 'warning',
    description: 'Every suppression excuses at least one finding.',
    why: 'A suppression that matches nothing is stale, or sits on the wrong construct, and would silently excuse a future finding.',
    fix: 'Remove the suppression, or move it to the construct whose resource has the finding.',
  },
  {
    id: UNKNOWN_RULE_SUPPRESSION,
    severity: 'error',
    description: 'Every suppression names a rule of the pack.',
    why: 'A mistyped rule ID suppresses nothing, so the finding it was meant for still fails the synth with a confusing reason.',
    fix: 'Use an ID from the rule table in docs/policy-rules.md.',
  },
];
