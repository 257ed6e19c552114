import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Finding } from '../../policy/engine';
import { enablePolicyChecks, PolicyChecksOptions } from '../../policy/policy-checks';

/** Findings of one synthesized test stack. */
export interface CheckedStack {
  readonly stack: TerraformStack;
  /** Every finding, suppressed ones included. */
  readonly findings: readonly Finding[];
  /** Findings not covered by a suppression. */
  readonly open: readonly Finding[];
}

/**
 * Builds constructs in a fresh stack, applies the policy pack and synthesizes the stack the way
 * unit tests do (annotations do not throw there), returning what the pack found.
 */
export function checkStack(
  build: (stack: TerraformStack) => void,
  options: PolicyChecksOptions = {},
  providerTags?: Record<string, string>,
): CheckedStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1', defaultTags: providerTags ? [{ tags: providerTags }] : undefined });
  // As BaseStack does, so the stack-level rule WS-TF-1 stays out of resource rule tests.
  stack.addOverride('terraform.required_version', '>= 1.10');
  build(stack);
  const checks = enablePolicyChecks(stack, { writeReports: false, ...options });
  Testing.synth(stack);
  const findings = checks.resultOf(stack)?.findings ?? [];
  return { stack, findings, open: findings.filter((f) => !f.suppressedBy) };
}

/** `ruleId address` of every open finding of one rule, for compact assertions. */
export function openOf(checked: CheckedStack, ruleId: string): string[] {
  return checked.open.filter((f) => f.ruleId === ruleId).map((f) => `${f.ruleId} ${f.resourceAddress ?? f.constructPath}`);
}
