import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';

/** EFS file systems are encrypted at rest. */
export const EfsEncrypted: PolicyRule = {
  name: 'EfsEncrypted',
  resourceTypes: ['aws_efs_file_system'],
  check(fs) {
    return booleanValue(fs.config.encrypted, 'encrypted') === true ? Compliance.COMPLIANT : nonCompliant('encrypted is not true');
  },
};
