import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { enablePolicyChecks } from '../policy/policy-checks';

/** Where a stack keeps its state in the shared state bucket. */
export interface RemoteStateProps {
  readonly bucket: string;
  readonly region: string;
  /** Object key, such as "environments/dev/terraform.tfstate". */
  readonly key: string;
}

export interface BaseStackProps {
  readonly region: string;
  /** Tags on every taggable resource, through the provider's default_tags. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Remote state. Omitted only for the state bootstrap stack, which cannot keep its state
   * in the bucket it is about to create.
   *
   * @default - local state
   */
  readonly remoteState?: RemoteStateProps;
}

/**
 * A stack with the AWS provider, default tags, the policy rule pack and, unless told
 * otherwise, S3 remote state.
 */
export class BaseStack extends TerraformStack {
  public readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: BaseStackProps) {
    super(scope, id);
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      defaultTags: [{ tags: { ...props.tags } }],
    });
    if (props.remoteState) {
      new S3Backend(this, {
        bucket: props.remoteState.bucket,
        key: props.remoteState.key,
        region: props.remoteState.region,
        encrypt: true,
      });
      // S3 native locking (Terraform 1.10+) replaces the DynamoDB lock table; CDKTF 0.21's
      // S3Backend does not know the option yet.
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    }
    // Every project stack is checked against the rule pack at synth; errors stop the synth.
    enablePolicyChecks(this);
  }
}
