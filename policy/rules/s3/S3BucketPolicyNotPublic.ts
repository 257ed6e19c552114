import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { statementsOf } from '../iam/policy-statements';

/** No bucket policy statement allows anything to everyone (`Principal: "*"`) without a condition. */
export const S3BucketPolicyNotPublic: PolicyRule = {
  name: 'S3BucketPolicyNotPublic',
  resourceTypes: ['aws_s3_bucket_policy'],
  check(policy, context) {
    const statements = statementsOf(policy.config.policy, `${policy.address}.policy`, context);
    const open = statements.find((s) => s.effect === 'Allow' && s.principals === '*' && s.conditions.length === 0);
    return open ? nonCompliant(`Allow ${open.actions.join(', ')} to Principal "*"`) : Compliance.COMPLIANT;
  },
};
