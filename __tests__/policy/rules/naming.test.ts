import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketWebsiteConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-website-configuration';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { checkStack, openOf } from '../support';

const ASSUME = JSON.stringify({ Version: '2012-10-17', Statement: [] });

describe('WS-NAME-1: account-wide names carry the project prefix', () => {
  test('noncompliance: an IAM group, a role name_prefix, a log group and a bucket without it', () => {
    const checked = checkStack(
      (stack) => {
        new IamGroup(stack, 'admin', { name: 'admin' });
        new IamRole(stack, 'role', { namePrefix: 'app-', assumeRolePolicy: ASSUME });
        new CloudwatchLogGroup(stack, 'logs', { name: '/aws/lambda/other-function', retentionInDays: 30 });
        new S3Bucket(stack, 'bucket', { bucket: 'webstack-data' });
      },
      { namePrefix: 'web-stack' },
    );
    expect(openOf(checked, 'WS-NAME-1')).toEqual([
      'WS-NAME-1 aws_iam_group.admin',
      'WS-NAME-1 aws_iam_role.role',
      'WS-NAME-1 aws_cloudwatch_log_group.logs',
      'WS-NAME-1 aws_s3_bucket.bucket',
    ]);
  });

  test('compliance: prefixed names, a log group path segment with the prefix, a website-hosting bucket, generated names', () => {
    const checked = checkStack(
      (stack) => {
        new IamGroup(stack, 'admin', { name: 'web-stack-admin' });
        new IamRole(stack, 'role', { namePrefix: 'web-stack-', assumeRolePolicy: ASSUME });
        new CloudwatchLogGroup(stack, 'logs', { name: '/aws/lambda/web-stack-dev-health-check', retentionInDays: 30 });
        new SnsTopic(stack, 'topic', { name: 'web-stack-dev-alarms' });
        new SnsTopic(stack, 'generated', {});
        const site = new S3Bucket(stack, 'site', { bucket: 'www.example.com' });
        new S3BucketWebsiteConfiguration(stack, 'site-website', { bucket: site.id, indexDocument: { suffix: 'index.html' } });
      },
      { namePrefix: 'web-stack' },
    );
    expect(openOf(checked, 'WS-NAME-1')).toEqual([]);
  });

  test('without a configured prefix names are not judged', () => {
    expect(
      openOf(
        checkStack((stack) => new IamGroup(stack, 'admin', { name: 'admin' })),
        'WS-NAME-1',
      ),
    ).toEqual([]);
  });

  test('a name written as a Terraform expression is an error, not a pass', () => {
    const checked = checkStack((stack) => new IamGroup(stack, 'admin', { name: '${var.group}' }), { namePrefix: 'web-stack' });
    expect(checked.open.filter((f) => f.ruleId === 'WS-NAME-1').map((f) => f.message)).toEqual([expect.stringMatching(/cannot judge/)]);
  });
});
