import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { WebStackError } from '../core/errors';
import { Connections } from './connections';
import { ILoadBalancer, ImportedLoadBalancer, LoadBalancerAttributes } from './load-balancer-interface';
import { DEFAULT_SSL_POLICY, validateLoadBalancerProps } from './private/load-balancer-validation';
import { createTargetGroup } from './private/target-group-resource';
import { Peer } from './peer';
import { INetwork, subnetIdList } from './network-interface';
import { Port } from './port';
import { ISecurityGroup, SecurityGroup } from './security-group';
import {
  DEFAULT_DEREGISTRATION_DELAY_SECONDS,
  DEFAULT_TARGET_HEALTH_CHECK,
  HealthCheckOptions,
  ILoadBalancerTarget,
  TargetGroupOptions,
} from './target-group';

export { ACM_CERTIFICATE_ARN_PATTERN } from './private/load-balancer-validation';

export interface LoadBalancerProps {
  /** Name of the load balancer: 1-32 letters, digits and inner hyphens. */
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
   * Target groups by construct ID, each named `<name>-<id>` unless it says otherwise. The first
   * is the listeners' default; more are added with `addTargetGroup` or `addTarget`.
   *
   * @default {} - none: until one is added, the listeners answer 404
   */
  readonly targetGroups?: Readonly<Record<string, TargetGroupOptions>>;
}

/** What `addTarget` adds besides the target group's options. */
export interface AddTargetOptions extends TargetGroupOptions {
  /**
   * Construct ID of the new target group; each target after the first needs its own.
   *
   * @default 'target-group'
   */
  readonly id?: string;
  /**
   * Description of the security group rules that let the load balancer reach the target.
   *
   * @default 'From the load balancer'
   */
  readonly description?: string;
}

/**
 * An internet-facing Application Load Balancer in the public subnets. Its security group allows
 * 80 (and 443 with a certificate) from anywhere. `addTarget` adds a target group, registers the
 * target with it and lets the load balancer through the target's security group; the first
 * target group is where the listener sends requests.
 *
 * @example
 * const alb = new LoadBalancer(this, 'load-balancer', { name: 'shop-dev', network });
 * alb.addTarget(appServers, { port: 8080, healthCheck: { path: '/health' }, description: 'HTTP from the load balancer' });
 */
export class LoadBalancer extends Construct implements ILoadBalancer {
  /**
   * A load balancer that exists already, by ARN and security group, for targets and alarms of
   * this stack: `app.connections.allowFrom(alb, Port.tcp(8080), …)`. It creates nothing and reads
   * nothing from AWS.
   */
  public static fromLoadBalancerAttributes(scope: Construct, id: string, attributes: LoadBalancerAttributes): ILoadBalancer {
    return new ImportedLoadBalancer(scope, id, attributes);
  }

  /** A TLS 1.3 policy that still accepts TLS 1.2 clients with forward-secret ciphers. */
  public static readonly DEFAULT_SSL_POLICY = DEFAULT_SSL_POLICY;
  /** The health check target groups start from: `/` answering 200 every 15 seconds. */
  public static readonly DEFAULT_HEALTH_CHECK: Readonly<Required<HealthCheckOptions>> = DEFAULT_TARGET_HEALTH_CHECK;
  public static readonly DEFAULT_DEREGISTRATION_DELAY_SECONDS = DEFAULT_DEREGISTRATION_DELAY_SECONDS;
  private static readonly RESERVED_IDS: readonly string[] = ['Resource', 'security-group', 'http', 'https'];

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
  /** Listeners by role: `http`, and `https` when a certificate is given. */
  public readonly listeners: Readonly<Record<string, LbListener>>;
  /** `https://<dns name>` with a certificate, otherwise `http://<dns name>`. */
  public readonly url: string;
  private readonly targetGroupMap: Record<string, LbTargetGroup> = {};
  private readonly props: LoadBalancerProps;
  /** The listener that serves requests: HTTPS with a certificate (HTTP then redirects), else HTTP. */
  private readonly servingListener: LbListener;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    validateLoadBalancerProps(this, props);
    this.props = props;
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

    for (const [targetGroupId, options] of Object.entries(props.targetGroups ?? {})) {
      this.checkTargetGroupId(targetGroupId, `targetGroups.${targetGroupId}`);
      this.targetGroupMap[targetGroupId] = createTargetGroup(
        this,
        targetGroupId,
        options,
        this.placement(`targetGroups.${targetGroupId}.`),
      );
    }
    const forward = this.defaultAction();
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
    this.servingListener = listeners.https ?? listeners.http;
    this.url = `${https ? 'https' : 'http'}://${this.loadBalancerDnsName}`;
  }

  /** Target groups by construct ID, in the order they were added. */
  public get targetGroups(): Readonly<Record<string, LbTargetGroup>> {
    return { ...this.targetGroupMap };
  }

  /** The target group the listener forwards to: the first one added. */
  public get defaultTargetGroup(): LbTargetGroup | undefined {
    return Object.values(this.targetGroupMap)[0];
  }

  /**
   * Adds a target group. The first one becomes the listener's default; send traffic to later ones
   * with listener rules (`LbListenerRule` on `listeners`). Register targets with `addTarget`, or
   * pass the group's `arn` to whatever registers them.
   */
  public addTargetGroup(id: string, options: TargetGroupOptions): LbTargetGroup {
    this.checkTargetGroupId(id, 'id');
    const first = this.defaultTargetGroup === undefined;
    const targetGroup = createTargetGroup(this, id, options, this.placement(''));
    this.targetGroupMap[id] = targetGroup;
    if (first) this.servingListener.putDefaultAction(this.defaultAction());
    return targetGroup;
  }

  /**
   * Sends traffic to `target` on `options.port`: adds a target group, registers the target with
   * it, and lets the load balancer reach the target through both security groups
   * (`target.connections.allowFrom(loadBalancer, port, …)`).
   */
  public addTarget(target: ILoadBalancerTarget, options: AddTargetOptions): LbTargetGroup {
    const { id = 'target-group', description = 'From the load balancer', ...targetGroupOptions } = options;
    const targetGroup = this.addTargetGroup(id, targetGroupOptions);
    target.connections.allowFrom(this, Port.tcp(options.port), description);
    target.attachToTargetGroup(targetGroup.arn);
    return targetGroup;
  }

  /** The load balancer's own children keep their IDs; a target group may not take one. */
  private checkTargetGroupId(id: string, field: string): void {
    if (LoadBalancer.RESERVED_IDS.includes(id) || this.node.tryFindChild(id)) {
      throw new WebStackError(
        `${field}: the ID ${JSON.stringify(id)} is taken in this load balancer (by ${LoadBalancer.RESERVED_IDS.join(', ')} or an earlier target group); give each target group an ID of its own`,
        this,
      );
    }
  }

  private placement(field: string) {
    return { loadBalancerName: this.props.name, vpcId: this.props.network.vpcId, field };
  }

  /** Forward to the default target group, or answer 404 while there is none. */
  private defaultAction(): LbListenerDefaultAction[] {
    const targetGroup = this.defaultTargetGroup;
    if (targetGroup) return [{ type: 'forward', targetGroupArn: targetGroup.arn }];
    return [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404', messageBody: 'No target group' } }];
  }
}
