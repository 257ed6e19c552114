import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { StateBucket } from '../constructs/state-bucket';
import { ProjectConfig } from '../config/schema';
import { BaseStack } from './base-stack';
import { STATE_STACK_NAME } from '../config/stack-names';
import { guardRails, resourceTags } from './state-keys';

export { STATE_STACK_NAME };

/**
 * Creates the state bucket every other stack keeps its state in. Its own state stays
 * local (terraform.state.tfstate in the project root): it cannot live in a bucket that
 * does not exist yet. Apply it once per account, before any other stack.
 */
export class StateStack extends BaseStack {
  public readonly stateBucket: StateBucket;

  constructor(scope: Construct, project: ProjectConfig) {
    super(scope, STATE_STACK_NAME, {
      region: project.stateBucket.region,
      tags: resourceTags(project, 'shared'),
      ...guardRails(project),
    });
    this.stateBucket = new StateBucket(this, 'state-bucket', { bucketName: project.stateBucket.name });
    new TerraformOutput(this, 'state_bucket_name', { value: this.stateBucket.bucketName });
  }
}
