import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, booleanValue, stringValue } from '../../values';

/** Distributions with their own certificate accept TLS 1.2 or newer only. */
export const CloudFrontTlsVersion: PolicyRule = {
  name: 'CloudFrontTlsVersion',
  resourceTypes: ['aws_cloudfront_distribution'],
  check(distribution) {
    const certificate = blocks(distribution.config.viewer_certificate)[0];
    // The *.cloudfront.net certificate fixes the protocol versions; there is nothing to choose.
    if (!certificate || booleanValue(certificate.cloudfront_default_certificate, 'cloudfront_default_certificate') === true)
      return Compliance.NOT_APPLICABLE;
    const version = stringValue(certificate.minimum_protocol_version, 'viewer_certificate.minimum_protocol_version') ?? 'TLSv1';
    return /^TLSv1\.[23]_/.test(version) ? Compliance.COMPLIANT : nonCompliant(`minimum_protocol_version "${version}"`);
  },
};
