import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { StateBucket } from '../constructs/state-bucket';
import { ProjectConfig } from '../config/schema';
import { BaseStack } from './base-stack';
import { STATE_STACK_NAME } from '../config/stack-names';
import { guardRails, resourceTags, stateStackStateKey } from './state-keys';

export { STATE_STACK_NAME };

/**
 * Where the state stack keeps its own state. `local` (terraform.state.tfstate in the project
 * root) only for the first apply, while the bucket does not exist yet; `s3` (the default) in
 * the bucket it created, under state/terraform.tfstate. `npm run bootstrap` does the switch.
 */
export type StateBackend = 'local' | 's3';
export const STATE_BACKENDS: readonly StateBackend[] = ['local', 's3'];

/**
 * Creates the state bucket every other stack keeps its state in. Its own state starts local,
 * because it cannot live in a bucket that does not exist yet, and then moves into the bucket:
 * `npm run bootstrap` applies it with `backend: 'local'`, synthesizes it again with `s3` and
 * migrates the state. Apply it once per account, before any other stack.
 */
export class StateStack extends BaseStack {
  public readonly stateBucket: StateBucket;

  constructor(scope: Construct, project: ProjectConfig, backend: StateBackend = 's3') {
    super(scope, STATE_STACK_NAME, {
      region: project.stateBucket.region,
      tags: resourceTags(project, 'shared'),
      remoteState:
        backend === 's3' ? { bucket: project.stateBucket.name, region: project.stateBucket.region, key: stateStackStateKey() } : undefined,
      ...guardRails(project),
    });
    this.stateBucket = new StateBucket(this, 'state-bucket', { bucketName: project.stateBucket.name });
    new TerraformOutput(this, 'state_bucket_name', { value: this.stateBucket.bucketName });
  }
}
