import { Construct, IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { showValue, WebStackError } from '../core/errors';
import { Connections, IConnectable } from './connections';
import { grant, IGrantable } from './grant';
import { Port } from './port';
import { ISecurityGroup } from './security-group';

/** How `grantMount` lets a grantee use the file system. */
export interface GrantMountOptions {
  /**
   * Mount without write access (`ClientMount` only).
   *
   * @default false - mount and write (`ClientMount` and `ClientWrite`)
   */
  readonly readOnly?: boolean;
}

/**
 * What consumers need from a file system: its ID to mount, the group that guards its mount
 * targets, and mount permission. `FileSystem` implements it for one this library creates;
 * `FileSystem.fromFileSystemAttributes` for one that exists already.
 */
export interface IFileSystem extends IConstruct, IConnectable {
  /** The file system's ID, such as "fs-0123456789abcdef0". */
  readonly fileSystemId: string;
  /** The file system's ARN. */
  readonly fileSystemArn: string;
  /**
   * Lets `grantee` mount the file system (and write to it, unless `readOnly`). EFS checks these
   * permissions when a client mounts with IAM (`mount -t efs -o iam`) or when a file system
   * policy requires it.
   */
  grantMount(grantee: IGrantable, options?: GrantMountOptions): IamRolePolicy;
}

/** A file system that exists already, as `FileSystem.fromFileSystemAttributes` takes it. */
export interface FileSystemAttributes {
  /** The file system's ID, such as "fs-0123456789abcdef0". */
  readonly fileSystemId: string;
  /** The file system's ARN, which `grantMount` scopes its policy to. */
  readonly fileSystemArn: string;
  /**
   * The security group of its mount targets, such as
   * `SecurityGroup.fromSecurityGroupId(this, 'efs-sg', 'sg-0123456789abcdef0')`. Rules that
   * `connections` adds go on it (unless it was imported with `mutable: false`).
   */
  readonly securityGroup: ISecurityGroup;
  /**
   * Name that prefixes the policies `grantMount` attaches (`<name>-efs-mount`).
   *
   * @default - the construct ID
   */
  readonly name?: string;
}

/** An EFS file system ID: "fs-" and 8 to 17 hexadecimal digits. */
export const FILE_SYSTEM_ID_PATTERN = /^fs-[0-9a-f]{8,17}$/;
/** An EFS file system ARN: arn:<partition>:elasticfilesystem:<region>:<account>:file-system/<id>. */
export const FILE_SYSTEM_ARN_PATTERN = /^arn:aws[a-z-]*:elasticfilesystem:[a-z]{2}(-[a-z]+)+-\d:\d{12}:file-system\/fs-[0-9a-f]{8,17}$/;

/** Lets `grantee` mount `fileSystemArn`; shared by created and imported file systems. */
export function grantFileSystemMount(
  scope: Construct,
  name: string,
  fileSystemArn: string,
  grantee: IGrantable,
  options: GrantMountOptions = {},
): IamRolePolicy {
  const readOnly = options.readOnly ?? false;
  const actions = readOnly ? ['elasticfilesystem:ClientMount'] : ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'];
  return grant(scope, {
    grantee,
    access: readOnly ? 'mount-read' : 'mount',
    policyName: `${name}-efs-${readOnly ? 'mount-read' : 'mount'}`,
    statements: [{ Sid: 'MountFileSystem', Effect: 'Allow', Action: actions, Resource: fileSystemArn }],
  });
}

/** A file system given by ID, ARN and security group: no resources of its own. */
export class ImportedFileSystem extends Construct implements IFileSystem {
  public readonly connections: Connections;
  public readonly fileSystemId: string;
  public readonly fileSystemArn: string;
  private readonly resourceName: string;

  constructor(scope: Construct, id: string, attributes: FileSystemAttributes, defaultPort: number) {
    super(scope, id);
    const literal = (value: string) => !Token.isUnresolved(value);
    if (literal(attributes.fileSystemId) && !FILE_SYSTEM_ID_PATTERN.test(attributes.fileSystemId)) {
      throw new WebStackError(
        `fileSystemId ${showValue(attributes.fileSystemId)} is not an EFS file system ID; use the form fs-0123456789abcdef0`,
        this,
      );
    }
    if (literal(attributes.fileSystemArn) && !FILE_SYSTEM_ARN_PATTERN.test(attributes.fileSystemArn)) {
      throw new WebStackError(
        `fileSystemArn ${showValue(attributes.fileSystemArn)} is not an EFS file system ARN; use the form arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123456789abcdef0`,
        this,
      );
    }
    if (
      literal(attributes.fileSystemId) &&
      literal(attributes.fileSystemArn) &&
      !attributes.fileSystemArn.endsWith(`/${attributes.fileSystemId}`)
    ) {
      throw new WebStackError(
        `fileSystemArn ${showValue(attributes.fileSystemArn)} does not end with fileSystemId ${showValue(attributes.fileSystemId)}; give the ID and ARN of the same file system`,
        this,
      );
    }
    if (attributes.name !== undefined && attributes.name.trim() === '') {
      throw new WebStackError('name is empty; name the file system for its policies, or leave name out to use the construct ID', this);
    }
    this.connections = new Connections({ securityGroup: attributes.securityGroup, defaultPort: Port.tcp(defaultPort) });
    this.fileSystemId = attributes.fileSystemId;
    this.fileSystemArn = attributes.fileSystemArn;
    this.resourceName = attributes.name ?? id;
  }

  public grantMount(grantee: IGrantable, options?: GrantMountOptions): IamRolePolicy {
    return grantFileSystemMount(this, this.resourceName, this.fileSystemArn, grantee, options);
  }
}
