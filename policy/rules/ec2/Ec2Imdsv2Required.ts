import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, stringValue } from '../../values';

/** Instances and launch templates require IMDSv2 session tokens (`http_tokens = "required"`). */
export const Ec2Imdsv2Required: PolicyRule = {
  name: 'Ec2Imdsv2Required',
  resourceTypes: ['aws_instance', 'aws_launch_template'],
  check(resource) {
    const options = blocks(resource.config.metadata_options)[0];
    // An instance launched from a template takes the template's metadata options; the template is checked.
    if (!options && resource.type === 'aws_instance' && resource.config.launch_template) return Compliance.NOT_APPLICABLE;
    if (stringValue(options?.http_endpoint, 'metadata_options.http_endpoint') === 'disabled') return Compliance.COMPLIANT;
    const tokens = stringValue(options?.http_tokens, 'metadata_options.http_tokens');
    return tokens === 'required'
      ? Compliance.COMPLIANT
      : nonCompliant(`metadata_options.http_tokens is ${tokens ? `"${tokens}"` : 'unset (IMDSv1 allowed)'}`);
  },
};
