import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, booleanValue } from '../../values';
import { bucketCompanions } from './bucket-companions';

/** The bucket has at least one enabled lifecycle rule. */
export const S3BucketLifecycle: PolicyRule = {
  name: 'S3BucketLifecycle',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, context) {
    const separate = bucketCompanions(bucket, 'aws_s3_bucket_lifecycle_configuration', context).some((c) =>
      blocks(c.config.rule).some((r) => r.status === 'Enabled'),
    );
    const inline = blocks(bucket.config.lifecycle_rule).some((r) => booleanValue(r.enabled, 'lifecycle_rule.enabled') === true);
    return separate || inline ? Compliance.COMPLIANT : nonCompliant('no aws_s3_bucket_lifecycle_configuration with an enabled rule');
  },
};
