import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';

/** Subnets do not give every instance a public IP by default. */
export const SubnetNoAutoPublicIp: PolicyRule = {
  name: 'SubnetNoAutoPublicIp',
  resourceTypes: ['aws_subnet'],
  check(subnet) {
    return booleanValue(subnet.config.map_public_ip_on_launch, 'map_public_ip_on_launch') === true
      ? nonCompliant('map_public_ip_on_launch is true')
      : Compliance.COMPLIANT;
  },
};
