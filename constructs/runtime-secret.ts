import { Construct } from 'constructs';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { grant, IGrantable } from './grant';

export interface RuntimeSecretProps {
  /** Base of the secret's name; AWS appends a unique suffix (see `name_prefix` below). */
  readonly name: string;
  /** What the value is and who writes it, shown in the console. */
  readonly description: string;
  /**
   * Days a deleted secret can still be restored (0 deletes at once, else 7 to 30).
   *
   * @default 7
   */
  readonly recoveryWindowInDays?: number;
}

/**
 * A Secrets Manager secret that Terraform creates without a value: whoever is granted write
 * access (an instance at first boot) generates the value and stores it with
 * `aws secretsmanager put-secret-value`. No `aws_secretsmanager_secret_version` exists, so the
 * value is never in the synthesized JSON or in Terraform state.
 *
 * The name is a prefix: a deleted secret keeps its name reserved for the recovery window, and a
 * fixed name would make destroy-and-recreate fail until it ends.
 *
 * @example
 * const secret = new RuntimeSecret(this, 'admin', { name: 'blog-admin', description: 'Written at first boot' });
 * secret.grantRead(web.role);
 * secret.grantWrite(web.role);
 */
export class RuntimeSecret extends Construct {
  public static readonly DEFAULT_RECOVERY_WINDOW_IN_DAYS = 7;

  /** The secret, created without a value: the instances write it at run time. */
  public readonly secret: SecretsmanagerSecret;
  /** The secret's ARN, as `grantRead`/`grantWrite` scope their policies and instances look it up. */
  public readonly secretArn: string;
  /** The full name, with the suffix AWS generated. */
  public readonly secretName: string;
  private readonly baseName: string;

  constructor(scope: Construct, id: string, props: RuntimeSecretProps) {
    super(scope, id);
    this.baseName = props.name;
    this.secret = new SecretsmanagerSecret(this, 'Resource', {
      namePrefix: `${props.name}-`,
      description: props.description,
      recoveryWindowInDays: props.recoveryWindowInDays ?? RuntimeSecret.DEFAULT_RECOVERY_WINDOW_IN_DAYS,
    });
    this.secretArn = this.secret.arn;
    this.secretName = this.secret.name;
  }

  /** Lets `grantee` read the value (`GetSecretValue`). */
  public grantRead(grantee: IGrantable): IamRolePolicy {
    return this.grant(grantee, 'read', ['secretsmanager:GetSecretValue']);
  }

  /** Lets `grantee` store a value (`PutSecretValue`); the secret has none until it does. */
  public grantWrite(grantee: IGrantable): IamRolePolicy {
    return this.grant(grantee, 'write', ['secretsmanager:PutSecretValue']);
  }

  private grant(grantee: IGrantable, access: string, actions: string[]): IamRolePolicy {
    return grant(this, {
      grantee,
      access,
      policyName: `${this.baseName}-${access}`,
      statements: [{ Effect: 'Allow', Action: actions, Resource: this.secretArn }],
    });
  }
}
