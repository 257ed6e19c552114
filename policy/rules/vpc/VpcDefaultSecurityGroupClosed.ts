import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks } from '../../values';

/**
 * Every VPC's default security group is managed and has no rules: AWS creates it allowing all
 * traffic between its members and all outbound traffic.
 */
export const VpcDefaultSecurityGroupClosed: PolicyRule = {
  name: 'VpcDefaultSecurityGroupClosed',
  resourceTypes: ['aws_vpc', 'aws_default_security_group'],
  check(resource, context) {
    if (resource.type === 'aws_vpc') {
      const managed = context.stack.referencing(['aws_default_security_group'], 'vpc_id', resource).length > 0;
      return managed
        ? Compliance.COMPLIANT
        : nonCompliant("no aws_default_security_group for the VPC, so AWS's allow-all default rules stay");
    }
    const rules = blocks(resource.config.ingress).length + blocks(resource.config.egress).length;
    return rules === 0 ? Compliance.COMPLIANT : nonCompliant(`the default group has ${rules} rule(s)`);
  },
};
