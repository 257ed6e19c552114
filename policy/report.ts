import { Finding } from './engine';
import { RuleDoc, SUPPRESSION_RULES } from './pack-rule';

/** What the pack found in one stack. */
export interface StackPolicyResult {
  /** The stack's name (its construct ID), which is also its folder under `stacks/`. */
  readonly stackName: string;
  /** Whether the production-only rules applied. */
  readonly production: boolean;
  /** Every finding, suppressed ones included (they carry `suppressedBy`). */
  readonly findings: readonly Finding[];
}

/** File names of the reports, written into each stack's folder beside `cdk.tf.json`. */
export const REPORT_FILE = 'policy-report.json';
export const SARIF_FILE = 'policy-report.sarif';

export const REPORT_TOOL_NAME = 'web-stack-policy';
export const REPORT_FORMAT_VERSION = 1;

function count(findings: readonly Finding[], severity: string): number {
  return findings.filter((f) => !f.suppressedBy && f.severity === severity).length;
}

/** The machine-readable report of one stack. */
export function jsonReport(result: StackPolicyResult) {
  return {
    tool: REPORT_TOOL_NAME,
    formatVersion: REPORT_FORMAT_VERSION,
    stack: result.stackName,
    production: result.production,
    summary: {
      errors: count(result.findings, 'error'),
      warnings: count(result.findings, 'warning'),
      suppressed: result.findings.filter((f) => f.suppressedBy).length,
    },
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      status: f.suppressedBy ? 'suppressed' : 'open',
      resource: f.resourceAddress ?? null,
      constructPath: f.constructPath ?? null,
      message: f.message,
      suppression: f.suppressedBy ? { reason: f.suppressedBy.reason, constructPath: f.suppressedBy.scopePath } : null,
    })),
  };
}

function sarifRule(rule: RuleDoc) {
  const equivalents = [...(rule.equivalents?.checkov ?? []), ...(rule.equivalents?.trivy ?? [])];
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.why },
    help: { text: `Fix: ${rule.fix}`, markdown: `**Fix:** ${rule.fix}` },
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ['security', 'terraform', ...equivalents] },
  };
}

/**
 * The findings of one stack as SARIF 2.1.0, for code-scanning upload. Locations point at the
 * synthesized `cdk.tf.json` of the stack, with the Terraform address as the logical location;
 * suppressed findings stay in the log with their justification, as SARIF intends.
 */
export function sarifReport(result: StackPolicyResult, rules: readonly RuleDoc[]) {
  const allRules = [...rules, ...SUPPRESSION_RULES];
  const index = new Map(allRules.map((rule, i) => [rule.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: REPORT_TOOL_NAME, rules: allRules.map(sarifRule) } },
        originalUriBaseIds: { CDKTF_OUT: { description: { text: 'The cdktf output directory (cdktf.out)' } } },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? -1,
          level: f.severity,
          message: { text: f.message },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: `stacks/${result.stackName}/cdk.tf.json`, uriBaseId: 'CDKTF_OUT' } },
              logicalLocations: [
                f.resourceAddress
                  ? { fullyQualifiedName: f.resourceAddress, kind: 'resource' }
                  : { fullyQualifiedName: f.constructPath ?? result.stackName, kind: 'module' },
              ],
            },
          ],
          ...(f.suppressedBy ? { suppressions: [{ kind: 'inSource', justification: f.suppressedBy.reason }] } : {}),
          properties: { constructPath: f.constructPath ?? null },
        })),
      },
    ],
  };
}
