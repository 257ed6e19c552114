import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { versioningEnabled } from './bucket-companions';

/** The bucket has versioning enabled. */
export const S3BucketVersioning: PolicyRule = {
  name: 'S3BucketVersioning',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, context) {
    return versioningEnabled(bucket, context) ? Compliance.COMPLIANT : nonCompliant('no aws_s3_bucket_versioning with status "Enabled"');
  },
};
