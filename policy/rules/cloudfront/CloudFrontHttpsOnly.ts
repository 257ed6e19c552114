import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks } from '../../values';

/** Every cache behavior redirects HTTP to HTTPS or refuses it. */
export const CloudFrontHttpsOnly: PolicyRule = {
  name: 'CloudFrontHttpsOnly',
  resourceTypes: ['aws_cloudfront_distribution'],
  check(distribution) {
    const behaviors = [...blocks(distribution.config.default_cache_behavior), ...blocks(distribution.config.ordered_cache_behavior)];
    const open = behaviors.find((b) => b.viewer_protocol_policy === 'allow-all');
    return open
      ? nonCompliant(`viewer_protocol_policy "allow-all"${open.path_pattern ? ` for ${open.path_pattern}` : ''}`)
      : Compliance.COMPLIANT;
  },
};
