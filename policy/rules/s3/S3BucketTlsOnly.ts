import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { Statement, statementsOf } from '../iam/policy-statements';
import { bucketCompanions } from './bucket-companions';

function deniesInsecureTransport(statement: Statement): boolean {
  return (
    statement.effect === 'Deny' &&
    statement.principals === '*' &&
    statement.actions.some((a) => a === 's3:*' || a === '*') &&
    statement.conditions.some((c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.includes('false'))
  );
}

/** The bucket policy denies every request made without TLS (`aws:SecureTransport` false). */
export const S3BucketTlsOnly: PolicyRule = {
  name: 'S3BucketTlsOnly',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, context) {
    const policies = bucketCompanions(bucket, 'aws_s3_bucket_policy', context);
    if (policies.length === 0) return nonCompliant('no aws_s3_bucket_policy for the bucket');
    const ok = policies.some((p) => statementsOf(p.config.policy, `${p.address}.policy`, context).some(deniesInsecureTransport));
    return ok ? Compliance.COMPLIANT : nonCompliant('the bucket policy has no Deny statement on aws:SecureTransport "false"');
  },
};
