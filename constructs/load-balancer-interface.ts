import { Construct, IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { showValue, WebStackError } from '../core/errors';
import { Connections, IConnectable } from './connections';
import { ISecurityGroup } from './security-group';

/**
 * What consumers need from a load balancer: the group that guards it (targets let it in with
 * `connections`), and the names alarms and DNS records use. `LoadBalancer` implements it for one
 * this library creates; `LoadBalancer.fromLoadBalancerAttributes` for one that exists already.
 */
export interface ILoadBalancer extends IConstruct, IConnectable {
  /** The load balancer's ARN. */
  readonly loadBalancerArn: string;
  /** The ARN's suffix ("app/<name>/<id>"), as CloudWatch's `LoadBalancer` dimension expects it. */
  readonly loadBalancerArnSuffix: string;
}

/** A load balancer that exists already, as `LoadBalancer.fromLoadBalancerAttributes` takes it. */
export interface LoadBalancerAttributes {
  /** The load balancer's ARN: arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>. */
  readonly loadBalancerArn: string;
  /**
   * The load balancer's security group, such as
   * `SecurityGroup.fromSecurityGroupId(this, 'alb-sg', 'sg-0123456789abcdef0')`. A target's
   * `connections.allowFrom(alb, …)` adds the matching egress rule to it (unless it was imported
   * with `mutable: false`).
   */
  readonly securityGroup: ISecurityGroup;
}

/** An Application Load Balancer ARN; the suffix CloudWatch uses is the part after "loadbalancer/". */
export const LOAD_BALANCER_ARN_PATTERN =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z]{2}(-[a-z]+)+-\d:\d{12}:loadbalancer\/(app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16})$/;

/** A load balancer given by ARN and security group: no resources of its own. */
export class ImportedLoadBalancer extends Construct implements ILoadBalancer {
  public readonly connections: Connections;
  public readonly loadBalancerArn: string;
  public readonly loadBalancerArnSuffix: string;

  constructor(scope: Construct, id: string, attributes: LoadBalancerAttributes) {
    super(scope, id);
    const match = Token.isUnresolved(attributes.loadBalancerArn) ? null : LOAD_BALANCER_ARN_PATTERN.exec(attributes.loadBalancerArn);
    if (!match) {
      throw new WebStackError(
        `loadBalancerArn ${showValue(attributes.loadBalancerArn)} is not an Application Load Balancer ARN; pass a literal of the form arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/<name>/<16 hex digits>`,
        this,
      );
    }
    this.connections = new Connections({ securityGroup: attributes.securityGroup });
    this.loadBalancerArn = attributes.loadBalancerArn;
    this.loadBalancerArnSuffix = match[2];
  }
}
