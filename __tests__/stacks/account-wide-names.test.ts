import { synthesizeProject, projectConfig } from '../support/project';
import { ACCOUNT_WIDE_NAMES, hasPrefix } from '../../policy/rules/naming/AccountWideNamePrefix';

/** Types whose names are unique in the account (or, for buckets, worldwide). */
const TYPES = Object.keys(ACCOUNT_WIDE_NAMES);

describe('account-wide names', () => {
  const app = synthesizeProject();
  const prefix = projectConfig.project.name;
  const named = app.stacks.flatMap((stack) => {
    const json = app.stackJson(stack);
    return TYPES.flatMap((type) =>
      Object.entries((json.resource?.[type] ?? {}) as Record<string, Record<string, unknown>>).flatMap(([name, body]) =>
        ACCOUNT_WIDE_NAMES[type]
          .filter((attribute) => body[attribute] !== undefined)
          .map((attribute) => ({ stack, address: `${type}.${name}`, attribute, value: String(body[attribute]) })),
      ),
    );
  });

  test('the walk covers every kind the issue lists: IAM groups, policies, roles, the trail, log groups, topics, buckets', () => {
    const types = new Set(named.map((n) => n.address.split('.')[0]));
    for (const type of [
      'aws_iam_group',
      'aws_iam_policy',
      'aws_iam_role',
      'aws_cloudtrail',
      'aws_cloudwatch_log_group',
      'aws_sns_topic',
      'aws_s3_bucket',
    ]) {
      expect(types).toContain(type);
    }
  });

  test('every name and name_prefix of every stack starts with the project prefix, except S3 website-hosting buckets', () => {
    const websiteBuckets = new Set(
      app.stacks.flatMap((stack) =>
        Object.values((app.stackJson(stack).resource?.aws_s3_bucket_website_configuration ?? {}) as Record<string, { bucket: string }>).map(
          (website) => /^\$\{(aws_s3_bucket\.[^.]+)\./.exec(website.bucket)![1],
        ),
      ),
    );
    const offenders = named.filter(({ address, attribute, value }) => {
      if (attribute.startsWith('bucket') && websiteBuckets.has(address)) return false;
      return address.startsWith('aws_cloudwatch_log_group.')
        ? !value.split('/').some((segment) => hasPrefix(segment, prefix))
        : !hasPrefix(value, prefix);
    });
    expect(offenders).toEqual([]);
  });

  test('website-hosting buckets are named exactly after a host name of the configuration', () => {
    const hosts = Object.values(projectConfig.environments).flatMap((e) =>
      e.website ? [e.website.domainName, ...e.website.redirectDomains] : [],
    );
    const bucketNames = named.filter((n) => n.address.startsWith('aws_s3_bucket.') && !hasPrefix(n.value, prefix)).map((n) => n.value);
    for (const bucket of bucketNames) expect(hosts).toContain(bucket);
  });
});
