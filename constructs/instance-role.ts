import { Construct } from 'constructs';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Grantee, IGrantable, IGrantPrincipal } from './grant';
import { assumeRolePolicy, policyDocument, PolicyStatement } from './policy-document';

/** Lets Session Manager reach the instance, so no one needs SSH to get a shell. */
export const SSM_MANAGED_INSTANCE_CORE = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';
/** Lets the CloudWatch agent publish metrics and logs. */
export const CLOUDWATCH_AGENT_SERVER_POLICY = 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy';

export interface InstanceRoleProps {
  /** Role and instance profile name. */
  readonly name: string;
  /**
   * AWS managed policies to attach.
   *
   * @default [SSM_MANAGED_INSTANCE_CORE]
   */
  readonly managedPolicyArns?: readonly string[];
  /**
   * Inline statements for what the instance needs beyond the managed policies.
   *
   * @default []
   */
  readonly statements?: readonly PolicyStatement[];
}

/** An EC2 role and the instance profile that carries it, with Session Manager access by default. */
export class InstanceRole extends Construct implements IGrantable {
  public readonly role: IamRole;
  public readonly instanceProfile: IamInstanceProfile;
  /** The managed policies' attachments: an instance that needs them at boot launches after them. */
  public readonly policyAttachments: readonly IamRolePolicyAttachment[];
  /** The role, for `grant*` methods: `secret.grantRead(instanceRole)`. */
  public readonly grantPrincipal: IGrantPrincipal;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'Resource', {
      name: props.name,
      assumeRolePolicy: assumeRolePolicy('ec2.amazonaws.com'),
    });
    const roleName = this.role.name;
    this.policyAttachments = (props.managedPolicyArns ?? [SSM_MANAGED_INSTANCE_CORE]).map(
      (arn) => new IamRolePolicyAttachment(this, `managed-${arn.split('/').pop()}`, { role: roleName, policyArn: arn }),
    );
    if (props.statements && props.statements.length > 0) {
      new IamRolePolicy(this, 'inline', {
        name: `${props.name}-inline`,
        role: this.role.id,
        policy: policyDocument(props.statements),
      });
    }
    this.grantPrincipal = Grantee.fromIamRole(this.role).grantPrincipal;
    this.instanceProfile = new IamInstanceProfile(this, 'profile', { name: props.name, role: roleName });
  }
}
