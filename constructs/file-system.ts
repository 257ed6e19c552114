import { Construct } from 'constructs';
import { EfsBackupPolicy } from '@cdktf/provider-aws/lib/efs-backup-policy';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Connections } from './connections';
import { FileSystemAttributes, GrantMountOptions, grantFileSystemMount, IFileSystem, ImportedFileSystem } from './file-system-interface';
import type { IGrantable } from './grant';
import { showValue, WebStackError } from '../core/errors';
import { INetwork } from './network-interface';
import { Port } from './port';
import { ISecurityGroup, SecurityGroup } from './security-group';

/** The ages after which EFS may move a file to Infrequent Access. */
export const TRANSITION_TO_IA_VALUES = [
  'AFTER_1_DAY',
  'AFTER_7_DAYS',
  'AFTER_14_DAYS',
  'AFTER_30_DAYS',
  'AFTER_60_DAYS',
  'AFTER_90_DAYS',
] as const;
export type TransitionToIa = (typeof TRANSITION_TO_IA_VALUES)[number];

export interface FileSystemProps {
  /** Name tag and creation token of the file system, prefix of its security group. */
  readonly name: string;
  /** The network the file system serves; one mount target goes in each zone. */
  readonly network: INetwork;
  /**
   * Subnet IDs keyed by availability zone, when not all of the network's private subnets.
   *
   * @default - the network's private subnets
   */
  readonly subnetIds?: Readonly<Record<string, string>>;
  /**
   * An existing security group for the mount targets, instead of a new one, such as
   * `SecurityGroup.fromSecurityGroupId(this, 'efs-sg', 'sg-0123456789abcdef0')`.
   *
   * @default - a new group with no rules; open it with `connections`
   */
  readonly securityGroup?: ISecurityGroup;
  /**
   * When files not read for a while move to Infrequent Access, which costs a fraction of
   * Standard storage but charges per read.
   *
   * @default 'AFTER_30_DAYS'
   */
  readonly transitionToIa?: TransitionToIa;
  /**
   * Daily backups with AWS Backup's default EFS plan.
   *
   * @default true
   */
  readonly enableBackups?: boolean;
  /**
   * Throughput mode. `bursting` costs nothing beyond storage and suits a small site;
   * `elastic` scales with load and charges per GiB transferred.
   *
   * @default 'bursting'
   */
  readonly throughputMode?: 'bursting' | 'elastic';
  /**
   * Description of the new security group, shown in the console. A change replaces the group.
   *
   * @default FileSystem.DEFAULT_SECURITY_GROUP_DESCRIPTION
   */
  readonly securityGroupDescription?: string;
}

/**
 * An encrypted EFS file system with a mount target in every private subnet, keyed by zone,
 * a backup policy and a lifecycle policy to Infrequent Access. Its security group admits no
 * one until `fileSystem.connections.allowDefaultPortFrom(web, …)`.
 *
 * @example
 * const files = new FileSystem(this, 'file-system', { name: 'web-dev', network });
 * files.connections.allowDefaultPortFrom(web, 'NFS from the web servers');
 * files.grantMount(web);
 */
export class FileSystem extends Construct implements IFileSystem {
  /**
   * A file system that exists already, by ID, ARN and the security group of its mount targets.
   * It creates nothing and reads nothing from AWS; `connections` and `grantMount` work as on a
   * file system this library creates.
   */
  public static fromFileSystemAttributes(scope: Construct, id: string, attributes: FileSystemAttributes): IFileSystem {
    return new ImportedFileSystem(scope, id, attributes, FileSystem.DEFAULT_PORT);
  }

  public static readonly DEFAULT_PORT = 2049;
  public static readonly DEFAULT_SECURITY_GROUP_DESCRIPTION = 'File system: NFS from its clients only';
  public static readonly DEFAULT_TRANSITION_TO_IA: TransitionToIa = 'AFTER_30_DAYS';

  public readonly connections: Connections;
  public readonly securityGroup: ISecurityGroup;
  public readonly fileSystem: EfsFileSystem;
  /** The file system's ID, such as "fs-0123456789abcdef0". */
  public readonly fileSystemId: string;
  /** The file system's ARN. */
  public readonly fileSystemArn: string;
  /** Mount targets by availability zone. */
  public readonly mountTargets: Readonly<Record<string, EfsMountTarget>>;
  private readonly resourceName: string;

  constructor(scope: Construct, id: string, props: FileSystemProps) {
    super(scope, id);
    this.resourceName = props.name;
    const transitionToIa = props.transitionToIa ?? FileSystem.DEFAULT_TRANSITION_TO_IA;
    if (!TRANSITION_TO_IA_VALUES.includes(transitionToIa)) {
      throw new WebStackError(
        `transitionToIa ${showValue(transitionToIa)} is not allowed; use one of ${TRANSITION_TO_IA_VALUES.join(', ')}`,
        this,
      );
    }
    const subnetIds = props.subnetIds ?? props.network.privateSubnetIds;
    const zones = Object.keys(subnetIds).sort();
    if (zones.length === 0) {
      throw new WebStackError(
        'subnetIds is empty; give the private subnets keyed by availability zone, one mount target goes in each',
        this,
      );
    }

    this.securityGroup =
      props.securityGroup ??
      new SecurityGroup(this, 'security-group', {
        vpcId: props.network.vpcId,
        name: `${props.name}-efs`,
        description: props.securityGroupDescription ?? FileSystem.DEFAULT_SECURITY_GROUP_DESCRIPTION,
      });
    this.connections = new Connections({ securityGroup: this.securityGroup, defaultPort: Port.tcp(FileSystem.DEFAULT_PORT) });

    this.fileSystem = new EfsFileSystem(this, 'Resource', {
      creationToken: props.name,
      encrypted: true,
      performanceMode: 'generalPurpose',
      throughputMode: props.throughputMode ?? 'bursting',
      lifecyclePolicy: [{ transitionToIa }, { transitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
      tags: { Name: props.name },
    });
    this.fileSystemId = this.fileSystem.id;
    this.fileSystemArn = this.fileSystem.arn;

    new EfsBackupPolicy(this, 'backup-policy', {
      fileSystemId: this.fileSystem.id,
      backupPolicy: { status: props.enableBackups === false ? 'DISABLED' : 'ENABLED' },
    });

    const mountTargets: Record<string, EfsMountTarget> = {};
    for (const zone of zones) {
      mountTargets[zone] = new EfsMountTarget(this, `mount-target-${zone}`, {
        fileSystemId: this.fileSystem.id,
        subnetId: subnetIds[zone],
        securityGroups: [this.securityGroup.securityGroupId],
      });
    }
    this.mountTargets = mountTargets;
  }

  /** Lets `grantee` mount the file system (and write, unless `readOnly`); see `IFileSystem.grantMount`. */
  public grantMount(grantee: IGrantable, options?: GrantMountOptions): IamRolePolicy {
    return grantFileSystemMount(this, this.resourceName, this.fileSystemArn, grantee, options);
  }
}
