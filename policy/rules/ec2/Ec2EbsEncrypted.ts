import { Compliance, nonCompliant, PolicyRule, RuleResult, worstOf } from '../../rule';
import { blocks, booleanValue } from '../../values';

function encrypted(device: Record<string, any> | undefined, label: string): RuleResult {
  if (!device) return Compliance.NOT_APPLICABLE;
  return booleanValue(device.encrypted, `${label}.encrypted`) === true ? Compliance.COMPLIANT : nonCompliant(`${label} is not encrypted`);
}

/** EBS volumes are encrypted: instance root and data volumes, launch template mappings, standalone volumes. */
export const Ec2EbsEncrypted: PolicyRule = {
  name: 'Ec2EbsEncrypted',
  resourceTypes: ['aws_instance', 'aws_launch_template', 'aws_ebs_volume'],
  check(resource) {
    const config = resource.config;
    if (resource.type === 'aws_ebs_volume') return encrypted(config, 'the volume');
    if (resource.type === 'aws_launch_template') {
      const mappings = blocks(config.block_device_mappings).filter((m) => blocks(m.ebs).length > 0);
      if (mappings.length === 0) return nonCompliant("no block_device_mappings, so the root volume takes the image's unencrypted default");
      return worstOf(mappings.map((m) => encrypted(blocks(m.ebs)[0], `block_device_mappings ${m.device_name ?? ''}`.trim())));
    }
    const root = blocks(config.root_block_device)[0];
    const results = [...blocks(config.ebs_block_device).map((d) => encrypted(d, `ebs_block_device ${d.device_name ?? ''}`.trim()))];
    if (root) {
      results.push(encrypted(root, 'root_block_device'));
    } else if (!config.launch_template) {
      results.push(nonCompliant("no root_block_device, so the root volume takes the image's unencrypted default"));
    }
    return worstOf(results);
  },
};
