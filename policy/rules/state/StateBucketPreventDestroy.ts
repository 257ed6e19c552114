import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, booleanValue } from '../../values';

/** The bucket holding Terraform state refuses `terraform destroy` (`lifecycle.prevent_destroy`). */
export const StateBucketPreventDestroy: PolicyRule = {
  name: 'StateBucketPreventDestroy',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, context) {
    if (!context.stateBucketNames.has(bucket.config.bucket)) return Compliance.NOT_APPLICABLE;
    const prevent = blocks(bucket.config.lifecycle).some((l) => booleanValue(l.prevent_destroy, 'lifecycle.prevent_destroy') === true);
    return prevent ? Compliance.COMPLIANT : nonCompliant('lifecycle.prevent_destroy is not true on the state bucket');
  },
};
