import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { allPorts, INGRESS_RULE_TYPES, ingressPermissions, portLabel } from './ingress-rules';

/** No ingress rule opens every port or every protocol, whatever the source. */
export const SecurityGroupNoAllPortsIngress: PolicyRule = {
  name: 'SecurityGroupNoAllPortsIngress',
  resourceTypes: INGRESS_RULE_TYPES,
  check(resource, context) {
    const permissions = ingressPermissions(resource, context);
    if (permissions.length === 0) return Compliance.NOT_APPLICABLE;
    const wide = permissions.find(allPorts);
    return wide ? nonCompliant(`ingress allows ${portLabel(wide)}`) : Compliance.COMPLIANT;
  },
};
