// The policy pack's public API: enabling the checks, suppressing findings, building packs, and
// what a custom rule needs. Report and documentation helpers stay internal.
export { enablePolicyChecks, PolicyChecks } from './policy-checks';
export type { PolicyChecksOptions } from './policy-checks';
export { suppress, MIN_REASON_LENGTH } from '../core/suppressions';
export type { Suppression } from '../core/suppressions';
export { PolicyPack } from './pack';
export { SUPPRESSION_RULES } from './pack-rule';
export type { PackRule, RuleDoc, RuleEquivalents, Severity } from './pack-rule';
export { webStackRulePack, webStackRules } from './web-stack-pack';
export type { Finding } from './engine';
export { REPORT_FILE, SARIF_FILE } from './report';
export type { StackPolicyResult } from './report';
export { Compliance, nonCompliant, worstOf } from './rule';
export type { NonCompliance, PolicyRule, RuleContext, RuleResult, SynthesizedResource } from './rule';
export { StackView } from './stack-view';
export { blocks, booleanValue, isExpression, numberValue, referencesIn, refersTo, stringValue, UnresolvedValueError } from './values';
export type { Reference } from './values';
