import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { CloudtrailTrail } from '../constructs/cloudtrail-trail';
import { IamBaseline } from '../constructs/iam-baseline';
import { OwnerTagging } from '../constructs/owner-tagging';
import { AccountConfig } from '../config/account';
import { ProjectConfig } from '../config/schema';
import { BaseStack } from './base-stack';
import { ACCOUNT_STACK_NAME } from '../config/stack-names';
import { accountStateKey, guardRails, resourceTags } from './state-keys';

export { ACCOUNT_STACK_NAME };

/**
 * What an AWS account needs once, whatever runs in it: the IAM groups, users and password
 * policy, a multi-region CloudTrail trail, and the function that tags new instances with
 * their owner. Its state lives in the state bucket under its own key, so apply the `state`
 * stack first.
 */
export class AccountStack extends BaseStack {
  public readonly iam: IamBaseline;
  public readonly trail: CloudtrailTrail;
  public readonly ownerTagging?: OwnerTagging;

  constructor(scope: Construct, project: ProjectConfig, account: AccountConfig) {
    const region = account.region ?? project.stateBucket.region;
    super(scope, ACCOUNT_STACK_NAME, {
      region,
      tags: resourceTags(project, ACCOUNT_STACK_NAME),
      remoteState: { bucket: project.stateBucket.name, region: project.stateBucket.region, key: accountStateKey() },
      ...guardRails(project),
    });

    this.iam = new IamBaseline(this, 'iam', {
      accountId: account.accountId,
      namePrefix: `${project.name}-`,
      users: account.users,
    });
    this.trail = new CloudtrailTrail(this, 'trail', {
      trailName: account.trail.name ?? `${project.name}-trail`,
      bucketName: account.trail.bucketName ?? `${project.name}-cloudtrail-${account.accountId}`,
      accountId: account.accountId,
      region,
      glacierAfterDays: account.trail.glacierAfterDays,
      expireAfterDays: account.trail.expireAfterDays,
    });
    if (account.ownerTagging.enabled) {
      this.ownerTagging = new OwnerTagging(this, 'owner-tagging', { name: `${project.name}-owner-tagging`, accountId: account.accountId });
      new TerraformOutput(this, 'owner_tagging_function', { value: this.ownerTagging.function.functionName });
    }

    new TerraformOutput(this, 'trail_arn', { value: this.trail.trailArn });
    new TerraformOutput(this, 'trail_bucket', { value: this.trail.bucketName });
    new TerraformOutput(this, 'admin_group', { value: this.iam.groups.admin.name });
    new TerraformOutput(this, 'operators_group', { value: this.iam.groups.operators.name });
  }
}
