import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Connections, IConnectable } from './connections';
import { DEFAULT_SSL_POLICY, validateLoadBalancerProps } from './private/load-balancer-validation';
import { Peer } from './peer';
import { INetwork, subnetIdList } from './network-interface';
import { Port } from './port';
import { ISecurityGroup, SecurityGroup } from './security-group';

export { ACM_CERTIFICATE_ARN_PATTERN } from './private/load-balancer-validation';

/** How the load balancer decides a web server is healthy. */
export interface HealthCheckOptions {
  /**
   * Path requested on each target.
   *
   * @default '/'
   */
  readonly path?: string;
  /**
   * Seconds between checks, 5 to 300.
   *
   * @default 15
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds to wait for an answer; less than the interval.
   *
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive successes before a target takes traffic, 2 to 10.
   *
   * @default 2
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before a target is taken out, 2 to 10.
   *
   * @default 3
   */
  readonly unhealthyThreshold?: number;
  /**
   * HTTP codes that count as healthy. WordPress answers `/` with 302 before it is installed
   * and with 301 when the host name differs from its site URL, so both count.
   *
   * @default '200,301,302'
   */
  readonly matcher?: string;
}

export interface LoadBalancerProps {
  /** Name of the load balancer (at most 28 characters; the target group appends "-web"). */
  readonly name: string;
  /** The network the load balancer faces the internet from; it needs subnets in at least two zones. */
  readonly network: INetwork;
  /**
   * Subnet IDs keyed by availability zone, when not all of the network's public subnets.
   *
   * @default - the network's public subnets
   */
  readonly subnetIds?: Readonly<Record<string, string>>;
  /**
   * An existing security group for the load balancer, instead of a new one, such as
   * `SecurityGroup.fromSecurityGroupId(this, 'alb-sg', 'sg-0123456789abcdef0')`. The listener
   * rules (80, and 443 with a certificate, from anywhere) are added to it, unless it was
   * imported with `mutable: false`.
   *
   * @default - a new group that allows the listener ports from anywhere
   */
  readonly securityGroup?: ISecurityGroup;
  /**
   * ACM certificate for HTTPS. With it, port 443 serves the site and port 80 redirects to it.
   *
   * @default - HTTP only on port 80
   */
  readonly certificateArn?: string;
  /**
   * TLS policy of the HTTPS listener.
   *
   * @default LoadBalancer.DEFAULT_SSL_POLICY
   */
  readonly sslPolicy?: string;
  /**
   * Refuse `terraform destroy` and console deletion until turned off.
   *
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * S3 bucket receiving access logs. Its bucket policy must let the regional ELB account or
   * the `logdelivery.elasticloadbalancing.amazonaws.com` service write to it.
   *
   * @default - no access logs
   */
  readonly accessLogsBucket?: string;
  /**
   * Key prefix of the access logs in the bucket.
   *
   * @default - the load balancer's name
   */
  readonly accessLogsPrefix?: string;
  /**
   * Health check of the target group.
   *
   * @default - see HealthCheckOptions
   */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Seconds a deregistering target keeps serving its open requests, 0 to 3600. Shorter than
   * the ELB default of 300 so instance refreshes do not wait five minutes per instance.
   *
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Pin each browser to one instance with a load balancer cookie. WordPress keeps no
   * session state on the instance, so this is off.
   *
   * @default false
   */
  readonly stickiness?: boolean;
}

/**
 * An internet-facing Application Load Balancer in the public subnets with one target group
 * on port 80. Its security group allows 80 (and 443 with a certificate) from anywhere;
 * targets open their side with `target.connections.allowFrom(loadBalancer, Port.tcp(80), …)`.
 *
 * @example
 * const alb = new LoadBalancer(this, 'load-balancer', {
 *   name: 'web-dev', network,
 * });
 * web.connections.allowFrom(alb, Port.tcp(80), 'HTTP from the load balancer');
 */
export class LoadBalancer extends Construct implements IConnectable {
  /** A TLS 1.3 policy that still accepts TLS 1.2 clients with forward-secret ciphers. */
  public static readonly DEFAULT_SSL_POLICY = DEFAULT_SSL_POLICY;
  public static readonly DEFAULT_HEALTH_CHECK: Required<HealthCheckOptions> = {
    path: '/',
    intervalSeconds: 15,
    timeoutSeconds: 5,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
    matcher: '200,301,302',
  };
  public static readonly DEFAULT_DEREGISTRATION_DELAY_SECONDS = 30;
  /** The port targets listen on. */
  public static readonly TARGET_PORT = 80;

  public readonly connections: Connections;
  public readonly securityGroup: ISecurityGroup;
  public readonly loadBalancer: Lb;
  /** The load balancer's ARN. */
  public readonly loadBalancerArn: string;
  /** The ARN's suffix ("app/<name>/<id>"), as CloudWatch's `LoadBalancer` dimension expects it. */
  public readonly loadBalancerArnSuffix: string;
  /** The load balancer's public DNS name. */
  public readonly loadBalancerDnsName: string;
  /** Route 53 hosted zone of the DNS name, for alias records. */
  public readonly loadBalancerCanonicalHostedZoneId: string;
  public readonly targetGroup: LbTargetGroup;
  /** The target group's ARN, for `WebServersProps.targetGroupArns`. */
  public readonly targetGroupArn: string;
  /** The target group ARN's suffix, as CloudWatch's `TargetGroup` dimension expects it. */
  public readonly targetGroupArnSuffix: string;
  /** Listeners by role: `http`, and `https` when a certificate is given. */
  public readonly listeners: Readonly<Record<string, LbListener>>;
  /** `https://<dns name>` with a certificate, otherwise `http://<dns name>`. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const healthCheck = { ...LoadBalancer.DEFAULT_HEALTH_CHECK, ...props.healthCheck };
    const deregistrationDelay = props.deregistrationDelaySeconds ?? LoadBalancer.DEFAULT_DEREGISTRATION_DELAY_SECONDS;
    validateLoadBalancerProps(this, props, healthCheck, deregistrationDelay);
    const https = props.certificateArn !== undefined;

    this.securityGroup =
      props.securityGroup ??
      new SecurityGroup(this, 'security-group', {
        vpcId: props.network.vpcId,
        name: `${props.name}-alb`,
        description: https ? 'Load balancer: HTTP and HTTPS from the internet' : 'Load balancer: HTTP from the internet',
      });
    this.connections = new Connections({ securityGroup: this.securityGroup, defaultPort: Port.tcp(https ? 443 : 80) });
    this.connections.allowFrom(
      Peer.anyIpv4(),
      Port.tcp(80),
      https ? 'HTTP from the internet, redirected to HTTPS' : 'HTTP from the internet',
    );
    if (https) {
      this.connections.allowFrom(Peer.anyIpv4(), Port.tcp(443), 'HTTPS from the internet');
    }

    this.loadBalancer = new Lb(this, 'Resource', {
      name: props.name,
      loadBalancerType: 'application',
      internal: false,
      subnets: subnetIdList(props.subnetIds ?? props.network.publicSubnetIds),
      securityGroups: [this.securityGroup.securityGroupId],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? false,
      accessLogs: props.accessLogsBucket
        ? { bucket: props.accessLogsBucket, prefix: props.accessLogsPrefix ?? props.name, enabled: true }
        : undefined,
      tags: { Name: props.name },
    });
    this.loadBalancerArn = this.loadBalancer.arn;
    this.loadBalancerArnSuffix = this.loadBalancer.arnSuffix;
    this.loadBalancerDnsName = this.loadBalancer.dnsName;
    this.loadBalancerCanonicalHostedZoneId = this.loadBalancer.zoneId;

    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      name: `${props.name}-web`,
      vpcId: props.network.vpcId,
      port: LoadBalancer.TARGET_PORT,
      protocol: 'HTTP',
      targetType: 'instance',
      deregistrationDelay: String(deregistrationDelay),
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        port: 'traffic-port',
        path: healthCheck.path,
        interval: healthCheck.intervalSeconds,
        timeout: healthCheck.timeoutSeconds,
        healthyThreshold: healthCheck.healthyThreshold,
        unhealthyThreshold: healthCheck.unhealthyThreshold,
        matcher: healthCheck.matcher,
      },
      stickiness: { type: 'lb_cookie', enabled: props.stickiness ?? false },
      tags: { Name: `${props.name}-web` },
    });
    this.targetGroupArn = this.targetGroup.arn;
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;

    const forward = [{ type: 'forward', targetGroupArn: this.targetGroup.arn }];
    const listeners: Record<string, LbListener> = {};
    if (https) {
      listeners.https = new LbListener(this, 'https', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: props.sslPolicy ?? LoadBalancer.DEFAULT_SSL_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: forward,
      });
    }
    listeners.http = new LbListener(this, 'http', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: https ? [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }] : forward,
    });
    this.listeners = listeners;
    this.url = `${https ? 'https' : 'http'}://${this.loadBalancerDnsName}`;
  }
}
