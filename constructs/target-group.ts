import { IConnectable } from './connections';

/** How the load balancer decides a target is healthy. */
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
   * Seconds to wait for an answer, 2 to 120; less than the interval.
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
   * HTTP codes that count as healthy, as a list ("200,302") or a range ("200-399"). An app that
   * redirects its health check path (to a login page, to its canonical host) lists the redirect.
   *
   * @default '200'
   */
  readonly matcher?: string;
}

/** One target group: the port its targets listen on, its health check and how it drains. */
export interface TargetGroupOptions {
  /** The port (HTTP) the targets listen on; the targets' security group is opened on it. */
  readonly port: number;
  /**
   * Name of the target group, at most 32 characters.
   *
   * @default - the load balancer's name, a hyphen and the target group's ID
   */
  readonly name?: string;
  /**
   * Health check of the target group.
   *
   * @default LoadBalancer.DEFAULT_HEALTH_CHECK - `/` answering 200
   */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Seconds a deregistering target keeps serving its open requests, 0 to 3600. Shorter than
   * the ELB default of 300 so instance refreshes do not wait five minutes per instance.
   *
   * @default LoadBalancer.DEFAULT_DEREGISTRATION_DELAY_SECONDS
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Pin each browser to one target with a load balancer cookie; only for apps that keep
   * session state on the instance.
   *
   * @default false
   */
  readonly stickiness?: boolean;
}

/**
 * What `LoadBalancer.addTarget` takes: something with a security group (the load balancer is let
 * in on the target group's port) that registers itself with a target group, such as
 * `WebServers`, whose Auto Scaling group registers every instance it launches.
 */
export interface ILoadBalancerTarget extends IConnectable {
  /** Registers the target (or every instance it launches) with the target group. */
  attachToTargetGroup(targetGroupArn: string): void;
}

/** The health check `TargetGroupOptions.healthCheck` starts from. */
export const DEFAULT_TARGET_HEALTH_CHECK: Readonly<Required<HealthCheckOptions>> = {
  path: '/',
  intervalSeconds: 15,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  matcher: '200',
};
/** Thirty seconds: long enough for a page to finish, short enough for a quick instance refresh. */
export const DEFAULT_DEREGISTRATION_DELAY_SECONDS = 30;
