import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { numberValue } from '../../values';

/** Log groups expire their events after a set number of days. */
export const LogGroupRetention: PolicyRule = {
  name: 'LogGroupRetention',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(group) {
    const days = numberValue(group.config.retention_in_days, 'retention_in_days');
    return days !== undefined && days > 0
      ? Compliance.COMPLIANT
      : nonCompliant('retention_in_days is unset, so events are kept (and paid for) forever');
  },
};
