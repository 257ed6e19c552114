import { Construct } from 'constructs';
import { BastionHost } from './bastion-host';
import { Database, DatabaseProps } from './database';
import { FileSystem, FileSystemProps } from './file-system';
import { LoadBalancer, LoadBalancerProps } from './load-balancer';
import { Network } from './network';
import { Port } from './port';
import { wordPressUserDataBase64 } from './private/wordpress-user-data';
import { WebServers, WebServersProps } from './web-servers';

type Wired = 'name' | 'vpcId' | 'subnetIds';

export interface WordPressProps {
  /** Name prefix of every resource, such as "web-stack-dev". */
  readonly name: string;
  /** The network: the load balancer goes in its public subnets, everything else in the private ones. */
  readonly network: Network;
  /**
   * The bastion host. When given, the web servers accept SSH from it (and only from it).
   *
   * @default - no SSH to the web servers; use Session Manager
   */
  readonly bastion?: BastionHost;
  /**
   * WordPress release the instances download at boot.
   *
   * @default WordPress.DEFAULT_WORDPRESS_VERSION
   */
  readonly wordpressVersion?: string;
  /**
   * Load balancer settings.
   *
   * @default - HTTP on port 80, no deletion protection, no access logs
   */
  readonly loadBalancer?: Omit<LoadBalancerProps, Wired>;
  /**
   * Web server settings.
   *
   * @default - t3.micro, 2/2/4 instances, 50 % CPU target
   */
  readonly webServers?: Omit<
    WebServersProps,
    Wired | 'userDataBase64' | 'databaseSecretArn' | 'targetGroupArns' | 'additionalSecurityGroups' | 'launchAfter' | 'tags'
  >;
  /**
   * Tags for the web servers' instances, volumes and network interfaces, which the provider's
   * `default_tags` do not reach; pass the tags the stack gives the provider.
   *
   * @default {} - only `Name`
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Database settings.
   *
   * @default - MySQL 8.4 on db.t4g.micro, single-AZ, final snapshot on delete
   */
  readonly database?: Omit<DatabaseProps, Wired>;
  /**
   * Shared file system settings.
   *
   * @default - bursting throughput, Infrequent Access after 30 days, backups on
   */
  readonly fileSystem?: Omit<FileSystemProps, Wired>;
}

function ids(resources: Readonly<Record<string, { id: string }>>): Record<string, string> {
  return Object.fromEntries(Object.entries(resources).map(([zone, resource]) => [zone, resource.id]));
}

/**
 * A highly available WordPress site: an Application Load Balancer in the public subnets,
 * web servers in an Auto Scaling group in the private subnets sharing wp-content on EFS,
 * and RDS for MySQL. Security groups allow exactly the request path: the internet to the
 * load balancer, the load balancer to the web servers on 80, the web servers to MySQL and
 * NFS, and SSH to the web servers only from the bastion.
 *
 * @example
 * const wordpress = new WordPress(this, 'wordpress', { name: 'web-dev', network, bastion });
 * new TerraformOutput(this, 'site_url', { value: wordpress.siteUrl });
 */
export class WordPress extends Construct {
  public static readonly DEFAULT_WORDPRESS_VERSION = 'latest';

  public readonly loadBalancer: LoadBalancer;
  public readonly webServers: WebServers;
  public readonly database: Database;
  public readonly fileSystem: FileSystem;
  /** The site's address: the load balancer's DNS name with the listener's scheme. */
  public readonly siteUrl: string;
  public readonly albDnsName: string;
  /** `host:port` of the database. */
  public readonly dbEndpoint: string;
  public readonly fileSystemId: string;
  public readonly asgName: string;

  constructor(scope: Construct, id: string, props: WordPressProps) {
    super(scope, id);
    const { network } = props;
    const privateSubnetIds = ids(network.privateSubnets);

    this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
      ...props.loadBalancer,
      name: props.name,
      vpcId: network.vpcId,
      subnetIds: ids(network.publicSubnets),
    });
    this.database = new Database(this, 'database', {
      ...props.database,
      name: props.name,
      vpcId: network.vpcId,
      subnetIds: privateSubnetIds,
    });
    this.fileSystem = new FileSystem(this, 'file-system', {
      ...props.fileSystem,
      name: props.name,
      vpcId: network.vpcId,
      subnetIds: privateSubnetIds,
    });

    const userDataBase64 = wordPressUserDataBase64({
      fileSystemId: this.fileSystem.fileSystemId,
      dbHost: this.database.address,
      dbName: this.database.databaseName,
      dbSecretArn: this.database.secretArn,
      wordpressVersion: props.wordpressVersion ?? WordPress.DEFAULT_WORDPRESS_VERSION,
    });
    this.webServers = new WebServers(this, 'web-servers', {
      ...props.webServers,
      name: props.name,
      vpcId: network.vpcId,
      subnetIds: privateSubnetIds,
      userDataBase64,
      tags: props.tags,
      databaseSecretArn: this.database.secretArn,
      targetGroupArns: [this.loadBalancer.targetGroupArn],
      additionalSecurityGroups: props.bastion ? [props.bastion.sshAccessSecurityGroup] : [],
      // Instances mount EFS at boot; without mount targets the mount retries until it gives up.
      launchAfter: Object.values(this.fileSystem.mountTargets),
    });

    this.webServers.connections.allowFrom(this.loadBalancer, Port.tcp(WebServers.PORT), 'HTTP from the load balancer');
    this.database.connections.allowDefaultPortFrom(this.webServers, 'MySQL from the web servers');
    this.fileSystem.connections.allowDefaultPortFrom(this.webServers, 'NFS from the web servers');

    this.siteUrl = this.loadBalancer.url;
    this.albDnsName = this.loadBalancer.dnsName;
    this.dbEndpoint = this.database.endpoint;
    this.fileSystemId = this.fileSystem.fileSystemId;
    this.asgName = this.webServers.asgName;
  }
}
