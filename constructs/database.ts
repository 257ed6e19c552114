import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { Connections } from './connections';
import { INetwork, subnetIdList } from './network-interface';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DatabaseAttributes, grantDatabaseSecretRead, IDatabase, ImportedDatabase } from './database-interface';
import type { IGrantable } from './grant';
import { Port } from './port';
import { FieldProblem, throwIfProblems } from './private/problems';
import { DatabaseLogging, MYSQL_LOG_EXPORTS } from './private/database-logging';
import { databaseSettingsProblems, resolveStorage } from './private/database-settings';
import { missingNameProblems, subnetZoneProblems } from './private/database-placement';
import { finalSnapshotIdentifier } from './private/final-snapshot';
import { ISecurityGroup, SecurityGroup } from './security-group';

// The checks of the settings live in private/database-settings.ts; these are their public names.
export { DB_INSTANCE_CLASS_PATTERN, MYSQL_VERSION_PATTERN } from './private/database-settings';

export interface DatabaseProps {
  /** RDS identifier of the instance, also the prefix of its subnet group and security group. */
  readonly name: string;
  /** The network the database lives in; its subnet group spans at least two zones (RDS requires two). */
  readonly network: INetwork;
  /**
   * Subnet IDs keyed by availability zone, when not all of the network's private subnets.
   *
   * @default - the network's private subnets
   */
  readonly subnetIds?: Readonly<Record<string, string>>;
  /**
   * Name of an existing DB subnet group, instead of a new one over `subnetIds`.
   *
   * @default - a new subnet group over the private subnets
   */
  readonly subnetGroupName?: string;
  /**
   * An existing security group for the database, instead of a new one, such as
   * `SecurityGroup.fromSecurityGroupId(this, 'db-sg', 'sg-0123456789abcdef0')`.
   *
   * @default - a new group with no rules; open it with `connections`
   */
  readonly securityGroup?: ISecurityGroup;
  /**
   * MySQL engine version. 8.4 is the current long-term-support major; a major version lets
   * RDS pick and upgrade the minor version.
   *
   * @default Database.DEFAULT_ENGINE_VERSION
   */
  readonly engineVersion?: string;
  /**
   * Instance class. Burstable Graviton classes are the cheapest that run MySQL 8.4.
   *
   * @default Database.DEFAULT_INSTANCE_CLASS
   */
  readonly instanceClass?: string;
  /**
   * Initial gp3 storage in GiB, 20 to 65536.
   *
   * @default 20
   */
  readonly allocatedStorageGiB?: number;
  /**
   * Upper limit of storage autoscaling in GiB: 0 turns autoscaling off; any other value must be
   * at least 10 % above `allocatedStorageGiB` (RDS refuses less at create).
   *
   * @default - 100, or 10 % above `allocatedStorageGiB` (rounded up) when that is larger; 0 when that would pass 65536
   */
  readonly maxAllocatedStorageGiB?: number;
  /**
   * Name of the database created in the instance. Required: RDS cannot rename it, so a change
   * replaces the instance and its data.
   */
  readonly databaseName: string;
  /**
   * Master user name. Its password is generated and rotated by RDS in Secrets Manager.
   * Required: a change replaces the instance and its data.
   */
  readonly masterUsername: string;
  /**
   * Description of the new security group, shown in the console. A change replaces the group.
   *
   * @default Database.DEFAULT_SECURITY_GROUP_DESCRIPTION
   */
  readonly securityGroupDescription?: string;
  /**
   * Run a standby in a second zone. Doubles the instance cost; survives a zone failure.
   *
   * @default false
   */
  readonly multiAz?: boolean;
  /**
   * Refuse deletion until turned off.
   *
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Delete without a final snapshot. Only for environments whose data can be thrown away.
   *
   * @default false
   */
  readonly skipFinalSnapshot?: boolean;
  /**
   * Let Terraform refuse any plan that destroys or replaces the instance
   * (`lifecycle.prevent_destroy`), so a mistaken change stops at plan instead of at RDS's
   * deletion protection, after the rest of the stack has been applied. It does not guard a
   * renamed construct ID: see docs/day-2.md.
   *
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Days of automated backups, 1 to 35.
   *
   * @default 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Days the exported error and slow query logs are kept in CloudWatch Logs.
   *
   * @default Database.DEFAULT_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
  /**
   * The CA RDS issues the server certificate with (`ca_cert_identifier`). Clients verify the
   * certificate against a bundle that must hold this CA.
   *
   * @default - RDS's default CA for new instances in the region
   */
  readonly caCertIdentifier?: string;
  /**
   * Statements that run longer than this many seconds are written to the slow query log
   * (MySQL's `long_query_time`), from 0 to 3600.
   *
   * @default Database.DEFAULT_SLOW_QUERY_SECONDS
   */
  readonly slowQuerySeconds?: number;
}

/**
 * RDS for MySQL in a DB subnet group over the private subnets: gp3 storage with autoscaling,
 * encrypted, not publicly accessible, automated backups, error and slow query logs exported to
 * CloudWatch Logs (log groups with a retention), and a master password that RDS
 * generates, stores and rotates in Secrets Manager so it never appears in Terraform.
 * Nothing can reach it until `database.connections.allowDefaultPortFrom(web, …)`.
 *
 * @example
 * const database = new Database(this, 'database', { name: 'shop-dev', network, databaseName: 'shop', masterUsername: 'shopadmin' });
 * database.connections.allowDefaultPortFrom(app, 'MySQL from the app servers');
 * database.grantSecretRead(app);
 */
export class Database extends Construct implements IDatabase {
  /**
   * A database that exists already, given by its endpoint, security group and master secret. It
   * creates nothing and reads nothing from AWS; `connections` and `grantSecretRead` work as on a
   * database this library creates.
   */
  public static fromDatabaseAttributes(scope: Construct, id: string, attributes: DatabaseAttributes): IDatabase {
    return new ImportedDatabase(scope, id, attributes, Database.DEFAULT_PORT);
  }

  public static readonly DEFAULT_ENGINE_VERSION = '8.4';
  public static readonly DEFAULT_INSTANCE_CLASS = 'db.t4g.micro';
  public static readonly DEFAULT_ALLOCATED_STORAGE_GIB = 20;
  public static readonly DEFAULT_MAX_ALLOCATED_STORAGE_GIB = 100;
  public static readonly DEFAULT_SECURITY_GROUP_DESCRIPTION = 'Database: MySQL from its clients only';
  public static readonly DEFAULT_BACKUP_RETENTION_DAYS = 7;
  public static readonly DEFAULT_PORT = 3306;
  /** A month of error and slow query logs: enough to compare with last week, cheap to keep. */
  public static readonly DEFAULT_LOG_RETENTION_DAYS = 30;
  /** Two seconds: slow enough that a page waiting on it is visibly slow. */
  public static readonly DEFAULT_SLOW_QUERY_SECONDS = 2;

  public readonly connections: Connections;
  public readonly securityGroup: ISecurityGroup;
  private readonly resourceName: string;
  /** Name of the DB subnet group the instance is in. */
  public readonly subnetGroupName: string;
  /** The parameter group and the log groups of the exported error and slow query logs. */
  public readonly logging: DatabaseLogging;
  public readonly instance: DbInstance;
  /** The RDS identifier, as CloudWatch's `DBInstanceIdentifier` dimension expects it. */
  public readonly instanceIdentifier: string;
  /** The instance's endpoint, `host:port`. */
  public readonly instanceEndpoint: string;
  /** The host name of the instance's endpoint, without the port. */
  public readonly instanceEndpointAddress: string;
  public readonly databaseName: string;
  /** The port the instance listens on. */
  public readonly port = Database.DEFAULT_PORT;
  /** ARN of the RDS-managed secret holding the master user name and password. */
  public readonly secretArn: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const engineVersion = props.engineVersion ?? Database.DEFAULT_ENGINE_VERSION;
    const instanceClass = props.instanceClass ?? Database.DEFAULT_INSTANCE_CLASS;
    const { allocatedStorageGiB, maxAllocatedStorageGiB } = resolveStorage(props, Database);
    const backupDays = props.backupRetentionDays ?? Database.DEFAULT_BACKUP_RETENTION_DAYS;
    const logRetentionDays = props.logRetentionDays ?? Database.DEFAULT_LOG_RETENTION_DAYS;
    const slowQuerySeconds = props.slowQuerySeconds ?? Database.DEFAULT_SLOW_QUERY_SECONDS;
    this.databaseName = props.databaseName;
    this.resourceName = props.name;
    const subnetIds = props.subnetIds ?? props.network.privateSubnetIds;
    throwIfProblems(this, [...missingNameProblems(props), ...findDatabaseProblems(props), ...subnetZoneProblems(subnetIds)]);

    this.securityGroup =
      props.securityGroup ??
      new SecurityGroup(this, 'security-group', {
        vpcId: props.network.vpcId,
        name: `${props.name}-db`,
        description: props.securityGroupDescription ?? Database.DEFAULT_SECURITY_GROUP_DESCRIPTION,
      });
    this.connections = new Connections({ securityGroup: this.securityGroup, defaultPort: Port.tcp(Database.DEFAULT_PORT) });

    this.subnetGroupName =
      props.subnetGroupName ??
      new DbSubnetGroup(this, 'subnet-group', {
        name: `${props.name}-db`,
        description: `Private subnets of ${props.name}`,
        subnetIds: subnetIdList(subnetIds),
        tags: { Name: `${props.name}-db` },
      }).name;

    this.logging = new DatabaseLogging(this, 'logging', {
      identifier: props.name,
      engineVersion,
      retentionDays: logRetentionDays,
      slowQuerySeconds,
    });

    const skipFinalSnapshot = props.skipFinalSnapshot ?? false;
    this.instance = new DbInstance(this, 'Resource', {
      identifier: props.name,
      engine: 'mysql',
      engineVersion,
      instanceClass,
      dbName: this.databaseName,
      username: props.masterUsername,
      manageMasterUserPassword: true,
      port: Database.DEFAULT_PORT,
      dbSubnetGroupName: this.subnetGroupName,
      parameterGroupName: this.logging.parameterGroup.name,
      enabledCloudwatchLogsExports: [...MYSQL_LOG_EXPORTS],
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      publiclyAccessible: false,
      storageType: 'gp3',
      allocatedStorage: allocatedStorageGiB,
      maxAllocatedStorage: maxAllocatedStorageGiB,
      storageEncrypted: true,
      multiAz: props.multiAz ?? false,
      deletionProtection: props.deletionProtection ?? false,
      backupRetentionPeriod: backupDays,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      skipFinalSnapshot,
      caCertIdentifier: props.caCertIdentifier,
      // Unique per replacement: a fixed name fails the second replacement (private/final-snapshot.ts).
      finalSnapshotIdentifier: skipFinalSnapshot
        ? undefined
        : finalSnapshotIdentifier({
            identifier: props.name,
            engine: 'mysql',
            dbName: this.databaseName,
            username: props.masterUsername,
            storageEncrypted: true,
          }),
      tags: { Name: props.name },
      // RDS creates missing log groups itself, without retention and outside Terraform.
      dependsOn: Object.values(this.logging.logGroups),
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.instanceIdentifier = this.instance.identifier;
    this.instanceEndpoint = this.instance.endpoint;
    this.instanceEndpointAddress = this.instance.address;
    this.secretArn = this.instance.masterUserSecret.get(0).secretArn;
  }

  /** Lets `grantee` read the master user's secret (`GetSecretValue`), such as web servers that connect at boot. */
  public grantSecretRead(grantee: IGrantable): IamRolePolicy {
    return grantDatabaseSecretRead(this, this.resourceName, this.secretArn, grantee);
  }
}

/** The settings `findDatabaseProblems` checks: every prop but where the database goes. */
export type DatabaseSettings = Partial<Omit<DatabaseProps, 'network' | 'subnetIds'>>;

/**
 * Every problem of the database settings, with derived defaults applied the way the construct
 * applies them (the storage limit follows the size). The configuration loader calls it too, so
 * a file and a program get the same answer.
 */
export function findDatabaseProblems(props: DatabaseSettings): FieldProblem[] {
  return databaseSettingsProblems(props, Database);
}
