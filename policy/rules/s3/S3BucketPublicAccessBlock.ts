import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { booleanValue } from '../../values';
import { bucketCompanions } from './bucket-companions';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/** The bucket has an `aws_s3_bucket_public_access_block` with all four settings true. */
export const S3BucketPublicAccessBlock: PolicyRule = {
  name: 'S3BucketPublicAccessBlock',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, context) {
    const blocks = bucketCompanions(bucket, 'aws_s3_bucket_public_access_block', context);
    if (blocks.length === 0) return nonCompliant('no aws_s3_bucket_public_access_block for the bucket');
    const open = SETTINGS.filter((setting) => !blocks.some((b) => booleanValue(b.config[setting], setting) === true));
    return open.length === 0 ? Compliance.COMPLIANT : nonCompliant(`${open.join(', ')} not true`);
  },
};
