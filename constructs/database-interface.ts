import { Construct, IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { showValue, WebStackError } from '../core/errors';
import { Connections, IConnectable } from './connections';
import { grant, IGrantable } from './grant';
import { Port } from './port';
import { ISecurityGroup } from './security-group';

/**
 * What consumers need from a database: where it answers, the group that guards it, and its
 * master user's secret. `Database` implements it for an instance this library creates;
 * `Database.fromDatabaseAttributes` for one that exists already.
 */
export interface IDatabase extends IConstruct, IConnectable {
  /** The host name of the endpoint, without the port. */
  readonly instanceEndpointAddress: string;
  /** The endpoint, `host:port`. */
  readonly instanceEndpoint: string;
  /** The port the database listens on. */
  readonly port: number;
  /** ARN of the Secrets Manager secret holding the master user name and password. */
  readonly secretArn: string;
  /** Lets `grantee` read the master user's secret (`GetSecretValue`). */
  grantSecretRead(grantee: IGrantable): IamRolePolicy;
}

/** A database that exists already, as `Database.fromDatabaseAttributes` takes it. */
export interface DatabaseAttributes {
  /** Host name of the endpoint, such as "shop.abc123.eu-west-1.rds.amazonaws.com". */
  readonly address: string;
  /**
   * The port it listens on; `connections.allowDefaultPortFrom` opens this one.
   *
   * @default 3306
   */
  readonly port?: number;
  /**
   * The security group attached to the database, such as
   * `SecurityGroup.fromSecurityGroupId(this, 'db-sg', 'sg-0123456789abcdef0')`. Rules that
   * `connections` adds go on it (unless it was imported with `mutable: false`).
   */
  readonly securityGroup: ISecurityGroup;
  /** ARN of the Secrets Manager secret holding the master user's credentials. */
  readonly secretArn: string;
  /**
   * Name that prefixes the policies `grantSecretRead` attaches (`<name>-db-secret-read`).
   *
   * @default - the construct ID
   */
  readonly name?: string;
}

/** A Secrets Manager ARN: arn:<partition>:secretsmanager:<region>:<account>:secret:<name>. */
export const SECRET_ARN_PATTERN = /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[\w/+=.@!-]+$/;

/**
 * Lets `grantee` read `secretArn`, the master user's secret of the database `scope`. Shared by
 * created and imported databases, so both name their policy `<name>-db-secret-read`.
 */
export function grantDatabaseSecretRead(scope: Construct, name: string, secretArn: string, grantee: IGrantable): IamRolePolicy {
  return grant(scope, {
    grantee,
    access: 'secret-read',
    policyName: `${name}-db-secret-read`,
    statements: [{ Sid: 'ReadDatabaseSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArn }],
  });
}

/** A database given by its endpoint, group and secret: no resources of its own. */
export class ImportedDatabase extends Construct implements IDatabase {
  public readonly connections: Connections;
  public readonly instanceEndpointAddress: string;
  public readonly instanceEndpoint: string;
  public readonly port: number;
  public readonly secretArn: string;
  private readonly resourceName: string;

  constructor(scope: Construct, id: string, attributes: DatabaseAttributes, defaultPort: number) {
    super(scope, id);
    const port = attributes.port ?? defaultPort;
    if (attributes.address.trim() === '' || /[:/\s]/.test(attributes.address)) {
      throw new WebStackError(
        `address ${showValue(attributes.address)} is not a host name; give the endpoint's address without scheme or port, such as "shop.abc123.eu-west-1.rds.amazonaws.com"`,
        this,
      );
    }
    if (!Number.isInteger(port) || port < 1150 || port > 65535) {
      throw new WebStackError(
        `port ${showValue(port)} is out of range; RDS for MySQL listens on a port from 1150 to 65535, such as 3306`,
        this,
      );
    }
    if (!Token.isUnresolved(attributes.secretArn) && !SECRET_ARN_PATTERN.test(attributes.secretArn)) {
      throw new WebStackError(
        `secretArn ${showValue(attributes.secretArn)} is not a Secrets Manager ARN; use the form arn:aws:secretsmanager:eu-west-1:123456789012:secret:<name>`,
        this,
      );
    }
    if (attributes.name !== undefined && attributes.name.trim() === '') {
      throw new WebStackError('name is empty; name the database for its policies, or leave name out to use the construct ID', this);
    }
    this.connections = new Connections({ securityGroup: attributes.securityGroup, defaultPort: Port.tcp(port) });
    this.instanceEndpointAddress = attributes.address;
    this.port = port;
    this.instanceEndpoint = `${attributes.address}:${port}`;
    this.secretArn = attributes.secretArn;
    this.resourceName = attributes.name ?? id;
  }

  public grantSecretRead(grantee: IGrantable): IamRolePolicy {
    return grantDatabaseSecretRead(this, this.resourceName, this.secretArn, grantee);
  }
}
