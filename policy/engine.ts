import { PackRule, Severity, SUPPRESSION_WITHOUT_REASON, UNKNOWN_RULE_SUPPRESSION, UNUSED_SUPPRESSION } from './pack-rule';
import { MIN_REASON_LENGTH } from '../core/suppressions';
import { Compliance, RuleContext, RuleResult } from './rule';
import { StackView } from './stack-view';
import { UnresolvedValueError } from './values';

/** One thing the pack has to say about one resource or suppression. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Full text, as printed in the annotation: ID, what is wrong, and the fix. */
  readonly message: string;
  /** Terraform address of the resource, absent for findings about suppressions. */
  readonly resourceAddress?: string;
  readonly resourceType?: string;
  /** Construct path the finding is attached to. */
  readonly constructPath?: string;
  /** Set when a suppression with a reason covers the finding. */
  readonly suppressedBy?: { readonly reason: string; readonly scopePath: string };
}

/** A suppression reduced to what matching needs. */
export interface SuppressionEntry {
  readonly ruleId: string;
  readonly reason: string;
  /** Construct path of the suppression's scope; it covers that path and everything below. */
  readonly scopePath: string;
}

function describe(result: RuleResult): string | undefined {
  return typeof result === 'object' ? result.detail : undefined;
}

/**
 * Runs every rule of `rules` over the stack's settings blocks and every resource of `view`.
 * Suppressions are not applied yet.
 */
export function evaluate(view: StackView, rules: readonly PackRule[], context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  // Each resource meets only the rules of its type, in pack order: asking every rule about every
  // resource was about 17,000 lookups for the app's stacks.
  const rulesByType = new Map<string, PackRule[]>();
  for (const packRule of rules) {
    for (const type of new Set(packRule.rule.resourceTypes)) rulesByType.set(type, [...(rulesByType.get(type) ?? []), packRule]);
  }
  for (const resource of [...view.settings, ...view.allResources]) {
    for (const packRule of rulesByType.get(resource.type) ?? []) {
      const base = {
        ruleId: packRule.id,
        resourceAddress: resource.address,
        resourceType: resource.type,
        constructPath: resource.constructPath,
      };
      let result: RuleResult;
      try {
        result = packRule.rule.check(resource, context);
      } catch (error) {
        // A rule that cannot see a value must not pass it: report an error the user can act on.
        const reason =
          error instanceof UnresolvedValueError
            ? error.message
            : `the rule failed: ${error instanceof Error ? error.message : String(error)}`;
        findings.push({
          ...base,
          severity: 'error',
          message: `[${packRule.id}] ${resource.address}: cannot judge "${packRule.description}": ${reason}. Write a literal value, or suppress the rule with a reason.`,
        });
        continue;
      }
      if (result === Compliance.COMPLIANT || result === Compliance.NOT_APPLICABLE) continue;
      const detail = describe(result);
      findings.push({
        ...base,
        severity: packRule.severity,
        message: `[${packRule.id}] ${resource.address}: ${packRule.description}${detail ? ` Found: ${detail}.` : ''} Fix: ${packRule.fix}`,
      });
    }
  }
  return findings;
}

function covers(scopePath: string, path: string | undefined): boolean {
  if (path === undefined) return false;
  return path === scopePath || path.startsWith(`${scopePath}/`);
}

/**
 * Marks the findings covered by a suppression with a reason, and adds findings about the
 * suppressions themselves: no reason (error), unknown rule (error), excusing nothing (warning).
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly SuppressionEntry[],
  knownRuleIds: ReadonlySet<string>,
): Finding[] {
  const used = new Set<SuppressionEntry>();
  const valid = suppressions.filter((s) => s.reason.trim().length >= MIN_REASON_LENGTH && knownRuleIds.has(s.ruleId));
  const result: Finding[] = findings.map((finding) => {
    const match = valid.find((s) => s.ruleId === finding.ruleId && covers(s.scopePath, finding.constructPath));
    if (!match) return finding;
    used.add(match);
    return { ...finding, suppressedBy: { reason: match.reason.trim(), scopePath: match.scopePath } };
  });
  for (const s of suppressions) {
    if (!knownRuleIds.has(s.ruleId)) {
      result.push({
        ruleId: UNKNOWN_RULE_SUPPRESSION,
        severity: 'error',
        constructPath: s.scopePath,
        message: `[${UNKNOWN_RULE_SUPPRESSION}] suppression of "${s.ruleId}" on ${s.scopePath}: no rule has this ID. Fix: use an ID from the rule table in docs/policy-rules.md.`,
      });
    } else if (s.reason.trim().length < MIN_REASON_LENGTH) {
      result.push({
        ruleId: SUPPRESSION_WITHOUT_REASON,
        severity: 'error',
        constructPath: s.scopePath,
        message: `[${SUPPRESSION_WITHOUT_REASON}] suppression of ${s.ruleId} on ${s.scopePath} has reason ${JSON.stringify(s.reason)}; give a reason of at least ${MIN_REASON_LENGTH} characters that says why the finding is acceptable here. The suppression is ignored until then.`,
      });
    } else if (!used.has(s)) {
      result.push({
        ruleId: UNUSED_SUPPRESSION,
        severity: 'warning',
        constructPath: s.scopePath,
        message: `[${UNUSED_SUPPRESSION}] suppression of ${s.ruleId} on ${s.scopePath} excuses no finding. Fix: remove it, or move it to the construct whose resource has the finding.`,
      });
    }
  }
  return result;
}

/** Findings that count: not suppressed. */
export function openFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.suppressedBy);
}
