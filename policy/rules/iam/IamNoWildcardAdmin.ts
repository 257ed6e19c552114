import { Compliance, nonCompliant, PolicyRule, SynthesizedResource } from '../../rule';
import { blocks } from '../../values';
import { isWildcard, statementsOf } from './policy-statements';

function policyTexts(resource: SynthesizedResource): [string, unknown][] {
  if (resource.type === 'aws_iam_role')
    return blocks(resource.config.inline_policy).map((p, i) => [`${resource.address}.inline_policy[${i}].policy`, p.policy]);
  return [[`${resource.address}.policy`, resource.config.policy]];
}

/** No identity policy allows every action on every resource. */
export const IamNoWildcardAdmin: PolicyRule = {
  name: 'IamNoWildcardAdmin',
  resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role'],
  check(resource, context) {
    const texts = policyTexts(resource);
    if (texts.length === 0) return Compliance.NOT_APPLICABLE;
    for (const [attribute, text] of texts) {
      const admin = statementsOf(text, attribute, context).find(
        (s) => s.effect === 'Allow' && s.actions.some(isWildcard) && s.resources.some(isWildcard),
      );
      if (admin) return nonCompliant(`${attribute} allows Action "*" on Resource "*"`);
    }
    return Compliance.COMPLIANT;
  },
};
