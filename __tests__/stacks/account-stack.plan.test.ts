import { configuredResources, countByType, plannedResources, referencedResource, TerraformPlan } from '../../harness/plan-json';
import { SynthesizedApp } from '../../harness/synth';
import { ACCOUNT_STACK_NAME } from '../../stacks/account-stack';
import { accountStateKey } from '../../stacks/state-keys';
import { accountUsersFixture } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

const loaded = accountUsersFixture.config;
const account = loaded.project.account!;

function policyOf(plan: TerraformPlan, type: string, predicate: (values: Record<string, any>) => boolean = () => true): any {
  const found = plannedResources(plan, type).filter((resource) => predicate(resource.values));
  expect(found).toHaveLength(1);
  return JSON.parse(found[0].values.policy);
}

describe('account stack, planned offline', () => {
  let app: SynthesizedApp;
  let plan: TerraformPlan;

  beforeAll(async () => {
    app = fixtureApp(accountUsersFixture);
    plan = await fixturePlan(accountUsersFixture, ACCOUNT_STACK_NAME);
  });

  test('keeps its state in the state bucket under its own key, with S3 locking', () => {
    expect(app.stackJson(ACCOUNT_STACK_NAME).terraform.backend.s3).toMatchObject({
      bucket: loaded.project.stateBucket.name,
      key: accountStateKey(),
      encrypt: true,
      use_lockfile: true,
    });
    expect(accountStateKey()).toBe('account/terraform.tfstate');
  });

  test('plans every resource of the baseline, and nothing is changed or destroyed', () => {
    expect(countByType(plan)).toEqual({
      aws_iam_group: 2,
      aws_iam_policy: 2,
      aws_iam_group_policy_attachment: 4,
      aws_iam_user: 2,
      aws_iam_user_group_membership: 2,
      aws_iam_account_password_policy: 1,
      aws_cloudtrail: 1,
      aws_s3_bucket: 1,
      aws_s3_bucket_versioning: 1,
      aws_s3_bucket_server_side_encryption_configuration: 1,
      aws_s3_bucket_ownership_controls: 1,
      aws_s3_bucket_public_access_block: 1,
      aws_s3_bucket_policy: 1,
      aws_s3_bucket_lifecycle_configuration: 1,
      aws_cloudwatch_log_group: 1,
      aws_iam_role: 1,
      aws_iam_role_policy: 1,
      aws_lambda_function: 1,
      aws_cloudwatch_event_rule: 1,
      aws_cloudwatch_event_target: 1,
      aws_lambda_permission: 1,
    });
    for (const change of plan.resource_changes ?? []) {
      expect(change.change.actions).toEqual(['create']);
    }
  });

  test('the operator policy document denies instance termination', () => {
    const policy = policyOf(plan, 'aws_iam_policy', (values) => values.name === 'web-stack-operator-ec2');
    expect(policy.Statement).toContainEqual({ Sid: 'AllowEc2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
    expect(policy.Statement).toContainEqual({ Sid: 'DenyTerminate', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' });
    const stop = policy.Statement.find((s: any) => s.Action === 'ec2:StopInstances');
    expect(stop).toMatchObject({ Effect: 'Deny', Condition: { StringEquals: { 'aws:ResourceTag/Environment': 'prod' } } });
  });

  test('the MFA policy reaches AWS with the ${aws:username} policy variable intact', () => {
    const policy = policyOf(plan, 'aws_iam_policy', (values) => values.name === 'web-stack-deny-without-mfa');
    const resources = policy.Statement.flatMap((s: any) => [s.Resource].flat());
    expect(resources).toContain('arn:aws:iam::*:user/${aws:username}');
  });

  test('users are created with the project prefix, without console passwords or keys, and join their groups', () => {
    expect(
      plannedResources(plan, 'aws_iam_user')
        .map((u) => u.values.name)
        .sort(),
    ).toEqual(['web-stack-alice', 'web-stack-bob']);
    const memberships = plannedResources(plan, 'aws_iam_user_group_membership')
      .map((m) => `${m.values.user}:${m.values.groups.join(',')}`)
      .sort();
    expect(memberships).toEqual(['web-stack-alice:web-stack-admin', 'web-stack-bob:web-stack-operators']);
  });

  test('the password policy asks for 14 characters of all four kinds', () => {
    expect(plannedResources(plan, 'aws_iam_account_password_policy')[0].values).toMatchObject({
      minimum_password_length: 14,
      require_lowercase_characters: true,
      require_uppercase_characters: true,
      require_numbers: true,
      require_symbols: true,
    });
  });

  test('the trail is multi-region with log file validation, into the trail bucket', () => {
    const trail = plannedResources(plan, 'aws_cloudtrail')[0];
    expect(trail.values).toMatchObject({
      name: 'web-stack-trail',
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      include_global_service_events: true,
    });
    const bucket = referencedResource(plan, configuredResources(plan, 'aws_cloudtrail')[0], 's3_bucket_name');
    expect(bucket.values.bucket).toBe(`web-stack-cloudtrail-${account.accountId}`);
  });

  test('the trail bucket policy lets only CloudTrail write, for this trail, with owner control', () => {
    const policy = policyOf(plan, 'aws_s3_bucket_policy');
    const trailArn = `arn:aws:cloudtrail:${loaded.project.stateBucket.region}:${account.accountId}:trail/web-stack-trail`;
    const writes = policy.Statement.filter(
      (s: any) => s.Effect === 'Allow' && [s.Action].flat().some((a: string) => /^s3:(Put|\*)/.test(a)),
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    });
    for (const statement of policy.Statement.filter((s: any) => s.Effect === 'Allow')) {
      expect(statement.Principal).toEqual({ Service: 'cloudtrail.amazonaws.com' });
      expect(statement.Condition.StringEquals['aws:SourceArn']).toBe(trailArn);
    }
    expect(policy.Statement.find((s: any) => s.Sid === 'DenyInsecureTransport')).toMatchObject({ Effect: 'Deny', Principal: '*' });
  });

  test('the trail bucket is versioned, encrypted, private, and moves logs to Glacier', () => {
    expect(plannedResources(plan, 'aws_s3_bucket_versioning')[0].values.versioning_configuration).toMatchObject([{ status: 'Enabled' }]);
    expect(
      plannedResources(plan, 'aws_s3_bucket_server_side_encryption_configuration')[0].values.rule[0]
        .apply_server_side_encryption_by_default[0].sse_algorithm,
    ).toBe('AES256');
    expect(plannedResources(plan, 'aws_s3_bucket_public_access_block')[0].values).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const rule = plannedResources(plan, 'aws_s3_bucket_lifecycle_configuration')[0].values.rule[0];
    expect(rule.transition).toEqual([expect.objectContaining({ days: account.trail.glacierAfterDays, storage_class: 'GLACIER' })]);
  });

  test('RunInstances events reach the owner-tagging function, whose role may only tag instances', () => {
    const rule = plannedResources(plan, 'aws_cloudwatch_event_rule')[0];
    expect(JSON.parse(rule.values.event_pattern)).toMatchObject({
      source: ['aws.ec2'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventName: ['RunInstances'] },
    });
    const fn = plannedResources(plan, 'aws_lambda_function')[0];
    expect(fn.values).toMatchObject({ function_name: 'web-stack-owner-tagging', runtime: 'nodejs22.x', handler: 'index.handler' });
    const target = configuredResources(plan, 'aws_cloudwatch_event_target')[0];
    expect(referencedResource(plan, target, 'arn').address).toBe(fn.address);
    expect(plannedResources(plan, 'aws_lambda_permission')[0].values).toMatchObject({
      principal: 'events.amazonaws.com',
      action: 'lambda:InvokeFunction',
    });
    // The policy names the log group's ARN, unknown until apply: read it from the synthesized stack.
    expect(plannedResources(plan, 'aws_iam_role_policy')).toHaveLength(1);
    const rolePolicies = Object.values<any>(app.stackJson(ACCOUNT_STACK_NAME).resource.aws_iam_role_policy);
    const statements = JSON.parse(rolePolicies[0].policy).Statement;
    const nonLog = statements.filter((s: any) => s.Sid !== 'WriteOwnLogs');
    expect(nonLog).toEqual([
      { Sid: 'TagInstancesOnly', Effect: 'Allow', Action: 'ec2:CreateTags', Resource: `arn:aws:ec2:*:${account.accountId}:instance/*` },
    ]);
  });
});
