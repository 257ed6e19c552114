import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { versioningEnabled } from '../s3/bucket-companions';

/** The bucket holding Terraform state keeps old versions, so a bad apply can be rolled back. */
export const StateBucketVersioning: PolicyRule = {
  name: 'StateBucketVersioning',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, context) {
    if (!context.stateBucketNames.has(bucket.config.bucket)) return Compliance.NOT_APPLICABLE;
    return versioningEnabled(bucket, context) ? Compliance.COMPLIANT : nonCompliant('the state bucket has no versioning');
  },
};
