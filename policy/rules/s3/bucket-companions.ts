import { RuleContext, SynthesizedResource } from '../../rule';
import { blocks, booleanValue, refersTo } from '../../values';

/**
 * The resources of `type` configuring `bucket` (versioning, encryption, policy...): those whose
 * `bucket` attribute refers to it, or names it literally.
 */
export function bucketCompanions(bucket: SynthesizedResource, type: string, context: RuleContext): SynthesizedResource[] {
  const name = bucket.config.bucket;
  return context.stack
    .resources(type)
    .filter((r) => refersTo(r.config.bucket, bucket) || (typeof name === 'string' && r.config.bucket === name));
}

/** True when versioning is enabled, through `aws_s3_bucket_versioning` or the deprecated inline block. */
export function versioningEnabled(bucket: SynthesizedResource, context: RuleContext): boolean {
  const separate = bucketCompanions(bucket, 'aws_s3_bucket_versioning', context).some((v) =>
    blocks(v.config.versioning_configuration).some((c) => c.status === 'Enabled'),
  );
  const inline = blocks(bucket.config.versioning).some((v) => booleanValue(v.enabled, 'versioning.enabled') === true);
  return separate || inline;
}
