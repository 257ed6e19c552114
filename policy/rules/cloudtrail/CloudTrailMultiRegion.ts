import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';

/** Trails record every region, not only the one they live in. */
export const CloudTrailMultiRegion: PolicyRule = {
  name: 'CloudTrailMultiRegion',
  resourceTypes: ['aws_cloudtrail'],
  check(trail) {
    return booleanValue(trail.config.is_multi_region_trail, 'is_multi_region_trail') === true
      ? Compliance.COMPLIANT
      : nonCompliant('is_multi_region_trail is not true');
  },
};
