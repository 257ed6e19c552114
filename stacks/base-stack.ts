import { Construct } from 'constructs';
import { CloudBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { enablePolicyChecks } from '../policy/policy-checks';
import { MINIMUM_TERRAFORM_VERSION } from '../policy/rules/terraform/TerraformRequiredVersion';

/** The `required_version` of every stack: S3 native locking (`use_lockfile`) needs Terraform 1.10. */
export const TERRAFORM_REQUIRED_VERSION = `>= ${MINIMUM_TERRAFORM_VERSION}`;

/** Where a stack keeps its state in the shared state bucket. */
export interface S3RemoteStateProps {
  readonly kind?: 's3';
  readonly bucket: string;
  readonly region: string;
  /** Object key, such as "environments/dev/terraform.tfstate". */
  readonly key: string;
}

/**
 * HCP Terraform (remote execution): the stack's state, plans and applies live in one
 * workspace of an organization, through CDKTF's `CloudBackend`.
 */
export interface HcpTerraformRemoteStateProps {
  readonly kind: 'hcp-terraform';
  readonly organization: string;
  /** The workspace of this stack, one per stack. */
  readonly workspace: string;
  /**
   * HCP Terraform or Terraform Enterprise host.
   *
   * @default 'app.terraform.io'
   */
  readonly hostname?: string;
}

export type RemoteStateProps = S3RemoteStateProps | HcpTerraformRemoteStateProps;

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
  /**
   * The AWS account the stack deploys into. Every AWS provider of the stack then refuses
   * credentials of any other account (`allowed_account_ids`), before it changes anything.
   *
   * @default - no account check
   */
  readonly accountId?: string;
  /**
   * The project's prefix of account-wide names; the policy pack checks every IAM, CloudTrail,
   * log group, SNS and bucket name against it (WS-NAME-1).
   *
   * @default - names are not checked
   */
  readonly namePrefix?: string;
}

/**
 * A stack with the AWS provider, default tags, the policy rule pack and, unless told
 * otherwise, S3 remote state.
 */
export class BaseStack extends TerraformStack {
  public readonly provider: AwsProvider;
  /** The account every provider is pinned to, if one was given. */
  public readonly accountId?: string;
  private readonly tags: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: BaseStackProps) {
    super(scope, id);
    this.accountId = props.accountId;
    this.tags = { ...props.tags };
    this.provider = this.addAwsProvider('aws', props.region);
    // Next to the pinned provider versions: the oldest Terraform that honours the S3 lock file.
    this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
    if (props.remoteState?.kind === 'hcp-terraform') {
      new CloudBackend(this, {
        hostname: props.remoteState.hostname,
        organization: props.remoteState.organization,
        workspaces: new NamedCloudWorkspace(props.remoteState.workspace),
      });
    } else if (props.remoteState) {
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
    enablePolicyChecks(this, { accountId: props.accountId, namePrefix: props.namePrefix });
  }

  /**
   * An AWS provider with the stack's default tags and account pin; with `alias`, an extra
   * provider for resources that must live in another region (CloudFront certificates).
   */
  public addAwsProvider(id: string, region: string, alias?: string): AwsProvider {
    return new AwsProvider(this, id, {
      region,
      alias,
      defaultTags: [{ tags: { ...this.tags } }],
      allowedAccountIds: this.accountId ? [this.accountId] : undefined,
    });
  }
}
