import { Construct } from 'constructs';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { Connections, IConnectable } from './connections';
import { Database } from './database';
import { INetwork, subnetIdList } from './network-interface';
import { functionSourceDir, NodeFunction } from './node-function';
import { Peer } from './peer';
import { Port } from './port';
import { RuntimeSecret } from './runtime-secret';
import { SecurityGroup } from './security-group';

export interface DatabaseSetupProps {
  /** Name prefix of the function, its role and security group. */
  readonly name: string;
  /** The network: the function runs in its private subnets, beside the database. */
  readonly network: INetwork;
  /** The database whose master secret the function uses. */
  readonly database: Database;
  /** The app user's value-less secret; the function stores the generated credentials there. */
  readonly userSecret: RuntimeSecret;
  /**
   * The app user's name.
   *
   * @default DatabaseSetup.DEFAULT_USERNAME
   */
  readonly username?: string;
  /**
   * What the function needs to reach Secrets Manager from the private subnets, such as their
   * default routes through NAT; the invocation waits for them.
   *
   * @default []
   */
  readonly invokeAfter?: readonly ITerraformDependable[];
}

/**
 * Creates an application's database user once the database exists: a Lambda function in the
 * private subnets (functions/database-setup, mysql2 over verified TLS) that only Terraform
 * invokes (`aws_lambda_invocation`). It alone reads RDS's master secret; it generates the user's
 * password, stores it in `userSecret` first, then creates the user with `REQUIRE SSL` and all
 * privileges on the database. Terraform invokes it again when its input changes (another
 * database, secret or name); to apply a password you put into the secret yourself, replace the
 * invocation (`terraform apply -replace=<address of invocation>`).
 *
 * @example
 * const setup = new DatabaseSetup(this, 'database-setup', { name: 'web-dev', network, database, userSecret });
 * web.addLaunchDependency(setup.invocation);
 */
export class DatabaseSetup extends Construct implements IConnectable {
  public static readonly DEFAULT_USERNAME = 'wordpress';

  public readonly function: NodeFunction;
  public readonly connections: Connections;
  /** The invocation; whatever connects as the user must come after it. */
  public readonly invocation: LambdaInvocation;

  constructor(scope: Construct, id: string, props: DatabaseSetupProps) {
    super(scope, id);
    const securityGroup = new SecurityGroup(this, 'security-group', {
      vpcId: props.network.vpcId,
      name: `${props.name}-db-setup`,
      description: 'Database setup function: MySQL to the database, HTTPS to Secrets Manager',
    });
    this.connections = new Connections({ securityGroup });
    securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS to Secrets Manager');
    props.database.connections.allowDefaultPortFrom(this, 'MySQL from the database setup function');

    this.function = new NodeFunction(this, 'function', {
      functionName: `${props.name}-db-setup`,
      sourceDir: functionSourceDir('database-setup'),
      description: "Creates WordPress's database user from the master secret; invoked by Terraform",
      packages: ['mysql2'],
      timeoutSeconds: 60,
      vpc: { subnetIds: subnetIdList(props.network.privateSubnetIds), securityGroupIds: [securityGroup.securityGroupId] },
    });
    // It reads the master secret and the user's (a repeat run keeps the stored password) and
    // writes the user's; the invocation waits for these grants.
    const grants = [
      props.database.grantSecretRead(this.function),
      props.userSecret.grantRead(this.function),
      props.userSecret.grantWrite(this.function),
    ];

    this.invocation = new LambdaInvocation(this, 'invocation', {
      functionName: this.function.functionName,
      input: JSON.stringify({
        masterSecretArn: props.database.secretArn,
        appSecretArn: props.userSecret.secretArn,
        host: props.database.instanceEndpointAddress,
        port: Database.DEFAULT_PORT,
        database: props.database.databaseName,
        username: props.username ?? DatabaseSetup.DEFAULT_USERNAME,
      }),
      // The database must accept connections, and the function must reach it and Secrets Manager:
      // the rules of both security groups (made by `connections`) come first too.
      dependsOn: [
        props.database.instance,
        this.function.function,
        ...grants,
        ...[securityGroup, props.database.securityGroup].flatMap((group) =>
          Construct.isConstruct(group) ? group.node.findAll().filter((child) => child instanceof TerraformResource) : [],
        ),
        ...(props.invokeAfter ?? []),
      ],
    });
  }
}
