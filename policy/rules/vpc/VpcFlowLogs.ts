import { Compliance, nonCompliant, PolicyRule } from '../../rule';

/** Every VPC has a flow log. */
export const VpcFlowLogs: PolicyRule = {
  name: 'VpcFlowLogs',
  resourceTypes: ['aws_vpc'],
  check(vpc, context) {
    return context.stack.referencing(['aws_flow_log'], 'vpc_id', vpc).length > 0
      ? Compliance.COMPLIANT
      : nonCompliant('no aws_flow_log for the VPC');
  },
};
