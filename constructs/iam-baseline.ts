import { Construct } from 'constructs';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { WebStackError } from '../core/errors';
import { policyDocument, PolicyStatement } from './policy-document';
import { suppress } from '../core/suppressions';

/** The groups the baseline creates, by role. */
export const BASELINE_GROUPS = ['admin', 'operators'] as const;
export type BaselineGroup = (typeof BASELINE_GROUPS)[number];

/** The AWS managed policy that allows everything. */
export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** IAM user names: up to 64 letters, digits and `+=,.@_-`. */
const USER_NAME = /^[\w+=,.@-]{1,64}$/;

export interface BaselineUserProps {
  /** Groups the user joins. */
  readonly groups: readonly BaselineGroup[];
}

export interface IamBaselineProps {
  /** The account ID, written into resource ARNs of the operator policy. */
  readonly accountId: string;
  /**
   * Prefix of the group, policy and user names, so the baseline cannot clash with IAM
   * entities made by hand or by another project (`web-stack-` gives `web-stack-admin`).
   *
   * @default - no prefix: groups are called `admin` and `operators`
   */
  readonly namePrefix?: string;
  /**
   * Users to create, keyed by user name (the IAM name is `namePrefix` + the key). Terraform creates neither passwords nor access keys:
   * an administrator sets the console password, and the user then enrols an MFA device.
   *
   * @default {}
   */
  readonly users?: Readonly<Record<string, BaselineUserProps>>;
  /**
   * Whether operators, like admins, may do nothing but set up MFA until they sign in with it.
   *
   * @default true
   */
  readonly requireMfaForOperators?: boolean;
  /**
   * Value of the `Environment` tag whose instances operators may not stop.
   *
   * @default IamBaseline.DEFAULT_PROTECTED_ENVIRONMENT
   */
  readonly protectedEnvironment?: string;
  /**
   * Minimum console password length (CIS asks for 14 or more).
   *
   * @default IamBaseline.DEFAULT_MINIMUM_PASSWORD_LENGTH
   */
  readonly minimumPasswordLength?: number;
  /**
   * Days before a console password must be changed.
   *
   * @default IamBaseline.DEFAULT_MAX_PASSWORD_AGE_DAYS
   */
  readonly maxPasswordAgeDays?: number;
}

/**
 * Denies everything except managing one's own password and MFA device until the session was
 * signed in with MFA (the statements of AWS's "BlockMostAccessUnlessSignedInWithMFA" example).
 * Written here rather than with `PolicyStatement` because the deny needs `NotAction`.
 */
export function denyWithoutMfaPolicy(): string {
  // `$${...}` reaches AWS as the IAM policy variable `${aws:username}`; unescaped, Terraform
  // would try to interpolate it.
  const self = 'arn:aws:iam::*:user/$${aws:username}';
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowViewAccountInfo',
        Effect: 'Allow',
        Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'],
        Resource: '*',
      },
      { Sid: 'AllowManageOwnPasswords', Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:GetUser'], Resource: self },
      { Sid: 'AllowManageOwnVirtualMFADevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice'], Resource: 'arn:aws:iam::*:mfa/*' },
      {
        Sid: 'AllowManageOwnUserMFA',
        Effect: 'Allow',
        Action: ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
        Resource: self,
      },
      {
        Sid: 'DenyAllExceptListedIfNoMFA',
        Effect: 'Deny',
        NotAction: [
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:GetUser',
          'iam:ChangePassword',
          'iam:ListMFADevices',
          'iam:ListVirtualMFADevices',
          'iam:ResyncMFADevice',
          'iam:GetAccountPasswordPolicy',
          'sts:GetSessionToken',
        ],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  });
}

/**
 * The book's operator policy: everything on EC2 except terminating instances, and no stopping
 * of production instances. Changing or removing an instance's `Environment` tag is denied on
 * production instances too, or an operator could untag one and then stop it.
 */
export function operatorStatements(accountId: string, protectedEnvironment: string): PolicyStatement[] {
  const instances = `arn:aws:ec2:*:${accountId}:instance/*`;
  const isProtected = { 'aws:ResourceTag/Environment': protectedEnvironment };
  return [
    { Sid: 'AllowEc2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
    { Sid: 'DenyTerminate', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' },
    {
      Sid: 'DenyStopProtected',
      Effect: 'Deny',
      Action: 'ec2:StopInstances',
      Resource: instances,
      Condition: { StringEquals: isProtected },
    },
    {
      Sid: 'DenyRetagProtected',
      Effect: 'Deny',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Resource: instances,
      Condition: { StringEquals: isProtected, 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'Environment' } },
    },
  ];
}

/**
 * The account's IAM set-up: an `admin` group (AdministratorAccess, MFA required), an
 * `operators` group (EC2 without termination), users placed in them, and a strong password
 * policy. One per account: the password policy is an account-wide singleton.
 *
 * @example
 * new IamBaseline(stack, 'iam', { accountId: '123456789012', users: { alice: { groups: ['admin'] } } });
 */
export class IamBaseline extends Construct {
  public static readonly DEFAULT_PROTECTED_ENVIRONMENT = 'prod';
  public static readonly DEFAULT_MINIMUM_PASSWORD_LENGTH = 14;
  public static readonly DEFAULT_MAX_PASSWORD_AGE_DAYS = 90;

  /** The groups by role. */
  public readonly groups: Readonly<Record<BaselineGroup, IamGroup>>;
  /** The policy that blocks sessions without MFA. */
  public readonly denyWithoutMfa: IamPolicy;
  /** The operators' EC2 policy. */
  public readonly operatorPolicy: IamPolicy;
  /** The users by name. */
  public readonly users: Readonly<Record<string, IamUser>>;

  constructor(scope: Construct, id: string, props: IamBaselineProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) {
      throw new WebStackError(`accountId "${props.accountId}": an AWS account ID is exactly 12 digits`, this);
    }
    const minimumLength = props.minimumPasswordLength ?? IamBaseline.DEFAULT_MINIMUM_PASSWORD_LENGTH;
    if (!Number.isInteger(minimumLength) || minimumLength < 14 || minimumLength > 128) {
      throw new WebStackError(
        `minimumPasswordLength ${minimumLength}: use 14 to 128 characters (IAM allows up to 128; CIS asks for 14 or more)`,
        this,
      );
    }
    const maxAge = props.maxPasswordAgeDays ?? IamBaseline.DEFAULT_MAX_PASSWORD_AGE_DAYS;
    if (!Number.isInteger(maxAge) || maxAge < 1 || maxAge > 1095) {
      throw new WebStackError(`maxPasswordAgeDays ${maxAge}: IAM allows whole days from 1 to 1095`, this);
    }
    const users = props.users ?? {};
    for (const [userName, user] of Object.entries(users)) {
      if (!USER_NAME.test(userName)) {
        throw new WebStackError(`users "${userName}": IAM user names are 1-64 letters, digits and +=,.@_-`, this);
      }
      const unknown = user.groups.filter((group) => !BASELINE_GROUPS.includes(group));
      if (user.groups.length === 0 || unknown.length > 0) {
        throw new WebStackError(
          `users.${userName}.groups ${JSON.stringify(user.groups)}: list one or more of ${BASELINE_GROUPS.join(', ')}`,
          this,
        );
      }
    }
    const prefix = props.namePrefix ?? '';

    const admin = new IamGroup(this, 'admin', { name: `${prefix}admin` });
    const operators = new IamGroup(this, 'operators', { name: `${prefix}operators` });
    this.groups = { admin, operators };

    this.denyWithoutMfa = new IamPolicy(this, 'deny-without-mfa', {
      name: `${prefix}deny-without-mfa`,
      description: 'Denies everything but setting up MFA until the user signs in with MFA',
      policy: denyWithoutMfaPolicy(),
    });
    this.operatorPolicy = new IamPolicy(this, 'operator-policy', {
      name: `${prefix}operator-ec2`,
      description: 'EC2 without terminating instances or stopping production ones',
      policy: policyDocument(operatorStatements(props.accountId, props.protectedEnvironment ?? IamBaseline.DEFAULT_PROTECTED_ENVIRONMENT)),
    });

    const administratorAccess = new IamGroupPolicyAttachment(this, 'admin-administrator-access', {
      group: admin.name,
      policyArn: ADMINISTRATOR_ACCESS,
    });
    suppress(
      administratorAccess,
      'WS-IAM-2',
      "The admin group is the account administrators by design (the book's IAM set-up); deny-without-mfa on the same group blocks it all until the user signs in with MFA",
    );
    new IamGroupPolicyAttachment(this, 'admin-deny-without-mfa', { group: admin.name, policyArn: this.denyWithoutMfa.arn });
    new IamGroupPolicyAttachment(this, 'operators-operator-ec2', { group: operators.name, policyArn: this.operatorPolicy.arn });
    if (props.requireMfaForOperators ?? true) {
      new IamGroupPolicyAttachment(this, 'operators-deny-without-mfa', { group: operators.name, policyArn: this.denyWithoutMfa.arn });
    }

    const created: Record<string, IamUser> = {};
    for (const [userName, user] of Object.entries(users)) {
      created[userName] = new IamUser(this, `user-${userName}`, { name: `${prefix}${userName}` });
      new IamUserGroupMembership(this, `user-${userName}-groups`, {
        user: created[userName].name,
        groups: user.groups.map((group) => this.groups[group].name),
      });
    }
    this.users = created;

    new IamAccountPasswordPolicy(this, 'password-policy', {
      minimumPasswordLength: minimumLength,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
      passwordReusePrevention: 24,
      maxPasswordAge: maxAge,
      hardExpiry: false,
    });
  }
}
