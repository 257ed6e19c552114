import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, referencesIn, stringValue } from '../../values';

/**
 * Each function has its log group in the stack, so retention is set by us and not left to the
 * never-expiring group Lambda creates on first use.
 */
export const LambdaLogGroup: PolicyRule = {
  name: 'LambdaLogGroup',
  resourceTypes: ['aws_lambda_function'],
  check(fn, context) {
    const configured = blocks(fn.config.logging_config).some((c) =>
      referencesIn(c.log_group).some((r) => r.address.startsWith('aws_cloudwatch_log_group.')),
    );
    if (configured) return Compliance.COMPLIANT;
    const name = stringValue(fn.config.function_name, 'function_name');
    const expected = `/aws/lambda/${name}`;
    const exists = context.stack.resources('aws_cloudwatch_log_group').some((g) => g.config.name === expected);
    return exists ? Compliance.COMPLIANT : nonCompliant(`no aws_cloudwatch_log_group named "${expected}"`);
  },
};
