import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, booleanValue, list, referencesIn } from '../../values';
import { isPublicSubnet } from '../vpc/subnet-routing';

/** Instances in private subnets (no route to an internet gateway) do not ask for a public IP. */
export const Ec2NoPublicIpInPrivateSubnet: PolicyRule = {
  name: 'Ec2NoPublicIpInPrivateSubnet',
  resourceTypes: ['aws_instance', 'aws_autoscaling_group'],
  check(resource, context) {
    if (resource.type === 'aws_instance') {
      if (booleanValue(resource.config.associate_public_ip_address, 'associate_public_ip_address') !== true) return Compliance.COMPLIANT;
      return isPublicSubnet(resource.config.subnet_id, context) === false
        ? nonCompliant('associate_public_ip_address is true in a private subnet')
        : Compliance.COMPLIANT;
    }
    const template = blocks(resource.config.launch_template)
      .flatMap((t) => referencesIn(t.id ?? t.name))
      .map((r) => context.stack.find(r.address))
      .find((t) => t?.type === 'aws_launch_template');
    if (!template) return Compliance.NOT_APPLICABLE;
    const asksForIp = blocks(template.config.network_interfaces).some(
      (n) => booleanValue(n.associate_public_ip_address, 'network_interfaces.associate_public_ip_address') === true,
    );
    if (!asksForIp) return Compliance.COMPLIANT;
    const privateSubnet = list(resource.config.vpc_zone_identifier).some((subnet) => isPublicSubnet(subnet, context) === false);
    return privateSubnet
      ? nonCompliant(`launch template ${template.address} associates a public IP and the group launches into private subnets`)
      : Compliance.COMPLIANT;
  },
};
