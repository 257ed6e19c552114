import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks } from '../../values';

const TERRAFORM_DEFAULT = 'Managed by Terraform';

function described(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && value !== TERRAFORM_DEFAULT;
}

/** Every security group and every rule says what it is for. */
export const SecurityGroupDescriptions: PolicyRule = {
  name: 'SecurityGroupDescriptions',
  resourceTypes: [
    'aws_security_group',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
    'aws_security_group_rule',
  ],
  check(resource) {
    const config = resource.config;
    if (!described(config.description))
      return nonCompliant(`description is ${config.description ? `"${config.description}"` : `unset ("${TERRAFORM_DEFAULT}" for groups)`}`);
    if (resource.type === 'aws_security_group') {
      const bare = [...blocks(config.ingress), ...blocks(config.egress)].find((rule) => !described(rule.description));
      if (bare) return nonCompliant(`an inline rule to port ${bare.from_port} has no description`);
    }
    return Compliance.COMPLIANT;
  },
};
