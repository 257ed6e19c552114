import { WebStackError } from '../core/errors';
import { PackRule, RuleDoc, SUPPRESSION_RULES } from './pack-rule';

const RULE_ID = /^WS-[A-Z0-9]+-\d+$/;

/**
 * A set of rules applied with stable IDs, severities and documentation, like a cdk-nag pack.
 *
 * @example
 * const strict = new PolicyPack([...webStackRules, myRule]);
 * enablePolicyChecks(stack, { pack: strict });
 */
export class PolicyPack {
  public readonly rules: readonly PackRule[];

  constructor(rules: readonly PackRule[]) {
    const seen = new Set(SUPPRESSION_RULES.map((r) => r.id));
    for (const rule of rules) {
      if (!RULE_ID.test(rule.id)) {
        throw new WebStackError(`policy rule ID "${rule.id}" (${rule.rule.name}): use the form WS-<SERVICE>-<number>, such as WS-S3-1`);
      }
      if (seen.has(rule.id)) {
        throw new WebStackError(
          `policy rule ID "${rule.id}" (${rule.rule.name}) is used twice; IDs are stable and unique, give the new rule the next free number`,
        );
      }
      seen.add(rule.id);
    }
    this.rules = rules;
  }

  /** The documentation of every rule, the suppression rules included. */
  public get ruleDocs(): RuleDoc[] {
    return [...this.rules, ...SUPPRESSION_RULES].map(({ id, severity, description, why, fix, equivalents }) => ({
      id,
      severity,
      description,
      why,
      fix,
      equivalents,
    }));
  }

  /** IDs a suppression may name. */
  public get ruleIds(): Set<string> {
    return new Set(this.rules.map((r) => r.id));
  }
}
