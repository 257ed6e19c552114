import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks } from '../../values';

/** Security groups keep their rules in separate rule resources, not inline blocks. */
export const SecurityGroupNoInlineRules: PolicyRule = {
  name: 'SecurityGroupNoInlineRules',
  resourceTypes: ['aws_security_group'],
  check(group) {
    const inline = blocks(group.config.ingress).length + blocks(group.config.egress).length;
    return inline === 0 ? Compliance.COMPLIANT : nonCompliant(`${inline} inline ingress/egress block(s)`);
  },
};
