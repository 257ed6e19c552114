import { Compliance, nonCompliant, PolicyRule, SynthesizedResource } from '../../rule';
import { stringValue } from '../../values';

/**
 * Resource types whose names are unique across the account (or, for buckets, the world), with
 * the attributes that hold the name. Two projects, or a project and a hand-made resource, that
 * pick the same name collide here with EntityAlreadyExists at apply.
 */
export const ACCOUNT_WIDE_NAMES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_group: ['name'],
  aws_iam_policy: ['name', 'name_prefix'],
  aws_iam_role: ['name', 'name_prefix'],
  aws_iam_user: ['name'],
  aws_iam_instance_profile: ['name', 'name_prefix'],
  aws_cloudtrail: ['name'],
  aws_cloudwatch_log_group: ['name', 'name_prefix'],
  aws_sns_topic: ['name', 'name_prefix'],
  aws_s3_bucket: ['bucket', 'bucket_prefix'],
};

/** True when `name` is the prefix or starts with `<prefix>-`. */
export function hasPrefix(name: string, prefix: string): boolean {
  return name === prefix || name.startsWith(`${prefix}-`);
}

/** Log group names are paths (`/aws/lambda/<function>`): one segment carries the prefix. */
function logGroupHasPrefix(name: string, prefix: string): boolean {
  return name.split('/').some((segment) => hasPrefix(segment, prefix));
}

/**
 * A bucket served by S3 website hosting must be named exactly after its host name (the
 * website endpoint finds the bucket by the Host header), so it cannot carry a prefix.
 */
function isWebsiteHostingBucket(bucket: SynthesizedResource, stack: { resources(...types: string[]): SynthesizedResource[] }): boolean {
  return stack
    .resources('aws_s3_bucket_website_configuration')
    .some((website) => String(website.config.bucket ?? '').startsWith(`\${${bucket.address}.`));
}

/** Account-wide names start with the project's prefix, so two projects can share an account. */
export const AccountWideNamePrefix: PolicyRule = {
  name: 'AccountWideNamePrefix',
  resourceTypes: Object.keys(ACCOUNT_WIDE_NAMES),
  check(resource, context) {
    const prefix = context.namePrefix;
    if (!prefix) return Compliance.NOT_APPLICABLE;
    if (resource.type === 'aws_s3_bucket' && isWebsiteHostingBucket(resource, context.stack)) return Compliance.NOT_APPLICABLE;
    let named = false;
    for (const attribute of ACCOUNT_WIDE_NAMES[resource.type]) {
      const name = stringValue(resource.config[attribute], attribute);
      if (name === undefined) continue;
      named = true;
      const ok = resource.type === 'aws_cloudwatch_log_group' ? logGroupHasPrefix(name, prefix) : hasPrefix(name, prefix);
      if (!ok) return nonCompliant(`${attribute} "${name}" does not start with "${prefix}-"`);
    }
    // Without a name Terraform generates a unique one ("terraform-2024..."), which cannot collide.
    return named ? Compliance.COMPLIANT : Compliance.NOT_APPLICABLE;
  },
};
