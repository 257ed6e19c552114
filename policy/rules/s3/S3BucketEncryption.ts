import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks } from '../../values';
import { bucketCompanions } from './bucket-companions';

const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

function declaresEncryption(configuration: Record<string, any>): boolean {
  return blocks(configuration.rule).some((rule) =>
    blocks(rule.apply_server_side_encryption_by_default).some((d) => ALGORITHMS.includes(d.sse_algorithm)),
  );
}

/** The bucket declares default encryption (SSE-S3, SSE-KMS or DSSE-KMS). */
export const S3BucketEncryption: PolicyRule = {
  name: 'S3BucketEncryption',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, context) {
    const separate = bucketCompanions(bucket, 'aws_s3_bucket_server_side_encryption_configuration', context).some((c) =>
      declaresEncryption(c.config),
    );
    const inline = blocks(bucket.config.server_side_encryption_configuration).some(declaresEncryption);
    return separate || inline ? Compliance.COMPLIANT : nonCompliant('no aws_s3_bucket_server_side_encryption_configuration for the bucket');
  },
};
