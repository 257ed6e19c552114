import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, referencesIn } from '../../values';

function isS3RestOrigin(domainName: unknown): boolean {
  if (referencesIn(domainName).some((r) => r.address.startsWith('aws_s3_bucket.') && r.attribute !== 'website_endpoint')) return true;
  return typeof domainName === 'string' && /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(domainName) && !domainName.includes('s3-website');
}

/** CloudFront reads S3 bucket origins through origin access control, so the bucket stays private. */
export const CloudFrontS3OriginAccessControl: PolicyRule = {
  name: 'CloudFrontS3OriginAccessControl',
  resourceTypes: ['aws_cloudfront_distribution'],
  check(distribution) {
    const s3Origins = blocks(distribution.config.origin).filter((o) => isS3RestOrigin(o.domain_name));
    if (s3Origins.length === 0) return Compliance.NOT_APPLICABLE;
    const open = s3Origins.find((o) => !o.origin_access_control_id);
    return open ? nonCompliant(`origin "${open.origin_id}" reads an S3 bucket without origin_access_control_id`) : Compliance.COMPLIANT;
  },
};
