import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';

/** Trails write digest files, so tampering with delivered logs can be detected. */
export const CloudTrailLogValidation: PolicyRule = {
  name: 'CloudTrailLogValidation',
  resourceTypes: ['aws_cloudtrail'],
  check(trail) {
    return booleanValue(trail.config.enable_log_file_validation, 'enable_log_file_validation') === true
      ? Compliance.COMPLIANT
      : nonCompliant('enable_log_file_validation is not true');
  },
};
