import { Construct } from 'constructs';
import { dependable, ITerraformDependable } from 'cdktf';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Connections } from './connections';
import { IGrantable, IGrantPrincipal } from './grant';
import { CLOUDWATCH_AGENT_SERVER_POLICY, InstanceRole, SSM_MANAGED_INSTANCE_CORE } from './instance-role';
import { checkLaunchHookTimeout, grantCompleteLaunchHook } from './private/launch-hook';
import { Peer } from './peer';
import { INetwork } from './network-interface';
import { Port } from './port';
import { FieldProblem, throwIfProblems } from './private/problems';
import { resolveGroupSizeWith, webServersSettingsProblems } from './private/web-servers-settings';
import { webServersGroup } from './private/web-servers-group';
import { webServersLaunchTemplate } from './private/web-servers-launch-template';
import { ISecurityGroup, SecurityGroup } from './security-group';
import type { ILoadBalancerTarget } from './target-group';

export interface WebServersProps {
  /** Name prefix of the group, its launch template, role and security group. */
  readonly name: string;
  /** The network the instances run in. */
  readonly network: INetwork;
  /**
   * Subnet IDs keyed by availability zone; instances spread over all of them.
   *
   * @default - the network's private subnets
   */
  readonly subnetIds?: Readonly<Record<string, string>>;
  /**
   * Base64-encoded user data, such as `wordPressUserDataBase64(…)`. Changing it makes a new
   * launch template version, which starts an instance refresh.
   */
  readonly userDataBase64: string;
  /**
   * An existing instance role. Grants (`database.grantSecretRead(web)`) add to it.
   *
   * @default - a new role with Session Manager and CloudWatch agent access
   */
  readonly role?: InstanceRole;
  /**
   * An existing security group for the instances, instead of a new one, such as
   * `SecurityGroup.fromSecurityGroupId(this, 'web-sg', 'sg-0123456789abcdef0')`. The outbound
   * HTTPS rule the instances need is added to it, unless it was imported with `mutable: false`.
   *
   * @default - a new group that allows outbound HTTPS only
   */
  readonly securityGroup?: ISecurityGroup;
  /**
   * Target groups the instances register with; `loadBalancer.addTarget(web, …)` adds one later.
   *
   * @default []
   */
  readonly targetGroupArns?: readonly string[];
  /**
   * Instance type. Graviton types (t4g, m7g…) get the arm64 image automatically.
   *
   * @default WebServers.DEFAULT_INSTANCE_TYPE
   */
  readonly instanceType?: string;
  /**
   * Fewest instances. Two keep the site up while one instance is replaced or a zone fails.
   *
   * @default 2
   */
  readonly minSize?: number;
  /**
   * Instances to start with; target tracking moves it between `minSize` and `maxSize`.
   *
   * @default - 2, or `minSize` when that is larger
   */
  readonly desiredCapacity?: number;
  /**
   * Most instances scaling may add; it caps the cost of a traffic spike.
   *
   * @default - 4, or `desiredCapacity` when that is larger
   */
  readonly maxSize?: number;
  /**
   * Average CPU utilization, in percent, the scaling policy keeps the group at (10 to 90).
   *
   * @default 50
   */
  readonly targetCpuUtilization?: number;
  /**
   * Seconds after launch before load balancer health checks can fail an instance. The boot
   * script installs packages and WordPress first.
   *
   * @default 300
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Size of the encrypted gp3 root volume in GiB.
   *
   * @default 8
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * Name of an existing EC2 key pair, for SSH through the bastion.
   *
   * @default - no key pair; use Session Manager
   */
  readonly keyName?: string;
  /**
   * More security groups for the instances, such as the bastion's `sshAccessSecurityGroup`.
   *
   * @default []
   */
  readonly additionalSecurityGroups?: readonly ISecurityGroup[];
  /**
   * Tags for the instances, their volumes and network interfaces, and the group itself. The
   * provider's `default_tags` reach none of them, so pass the tags the stack gives the provider.
   * `Name` is always set to the group's name.
   *
   * @default {} - only `Name`
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Resources the instances need at boot, such as EFS mount targets; the group is created
   * after them so the first instances do not boot into a half-built network.
   *
   * @default []
   */
  readonly launchAfter?: readonly ITerraformDependable[];
  /**
   * Hold each new instance out of service until its user data says it is ready: the group
   * declares a launch lifecycle hook (`WebServers.LAUNCH_HOOK_NAME`, on the group itself, so the
   * first instances have it too), the role may complete it, and the user data must call
   * `aws autoscaling complete-lifecycle-action` with CONTINUE, or ABANDON on failure. An instance
   * that never answers is abandoned after `launchHookTimeoutSeconds`.
   *
   * @default false
   */
  readonly enableLaunchHook?: boolean;
  /**
   * Seconds a launching instance may take to complete the launch hook before it is abandoned.
   *
   * @default WebServers.DEFAULT_LAUNCH_HOOK_TIMEOUT_SECONDS
   */
  readonly launchHookTimeoutSeconds?: number;
}

/**
 * Web servers in an Auto Scaling group from a launch template: Amazon Linux 2023 from its SSM
 * parameter, IMDSv2 only, encrypted gp3 root volume, no public address, spread over the
 * private subnets, ELB health checks, CPU target tracking, and a launch-before-terminate
 * instance refresh whenever the launch template changes. The role allows Session Manager and the
 * CloudWatch agent; resources grant it more (`database.grantSecretRead(web)`). The security group allows outbound HTTPS only; other paths are
 * opened through `connections`.
 *
 * @example
 * const web = new WebServers(this, 'web-servers', { name: 'web-dev', network, userDataBase64 });
 * alb.addTarget(web, { port: WebServers.PORT, description: 'HTTP from the load balancer' });
 * database.grantSecretRead(web);
 */
export class WebServers extends Construct implements ILoadBalancerTarget, IGrantable {
  public static readonly DEFAULT_INSTANCE_TYPE = 't3.micro';
  public static readonly DEFAULT_MIN_SIZE = 2;
  public static readonly DEFAULT_DESIRED_CAPACITY = 2;
  public static readonly DEFAULT_MAX_SIZE = 4;
  public static readonly DEFAULT_TARGET_CPU_UTILIZATION = 50;
  public static readonly DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS = 300;
  public static readonly DEFAULT_ROOT_VOLUME_SIZE_GIB = 8;
  /** An instance refresh keeps every desired instance in service while it replaces them. */
  public static readonly REFRESH_MIN_HEALTHY_PERCENTAGE = 100;
  /** ... by launching up to as many new instances as are desired before terminating old ones. */
  public static readonly REFRESH_MAX_HEALTHY_PERCENTAGE = 200;
  /** The port the instances serve on. */
  public static readonly PORT = 80;
  /** Name of the launch lifecycle hook, with `enableLaunchHook`. */
  public static readonly LAUNCH_HOOK_NAME = 'launch';
  /** Fifteen minutes: packages, WordPress and the first install take a few. */
  public static readonly DEFAULT_LAUNCH_HOOK_TIMEOUT_SECONDS = 900;

  /**
   * The group's name for a `name` prop. User data that must name its group (to complete the
   * launch hook) renders this string: a reference to the group would close a cycle, as the
   * group waits for the launch template that carries the user data.
   */
  public static groupName(name: string): string {
    return `${name}-web`;
  }

  public readonly connections: Connections;
  public readonly securityGroup: ISecurityGroup;
  public readonly role: InstanceRole;
  public readonly launchTemplate: LaunchTemplate;
  public readonly autoScalingGroup: AutoscalingGroup;
  /** The instances' role, for `grant*` methods: `secret.grantRead(web)`. */
  public readonly grantPrincipal: IGrantPrincipal;
  private readonly targetGroupArns: string[];
  /** The group's name, as CloudWatch's `AutoScalingGroupName` dimension expects it. */
  public readonly autoScalingGroupName: string;
  /** The group's ARN. */
  public readonly autoScalingGroupArn: string;
  public readonly scalingPolicy: AutoscalingPolicy;
  /** The group's minimum size, after defaults. */
  public readonly minSize: number;
  /** The group's starting size, after defaults (it follows `minSize` when that is larger). */
  public readonly desiredCapacity: number;
  /** The group's maximum size, after defaults (it follows `desiredCapacity` when that is larger). */
  public readonly maxSize: number;
  /** Whether new instances wait in the launch hook until their user data completes it. */
  public readonly launchHookEnabled: boolean;

  constructor(scope: Construct, id: string, props: WebServersProps) {
    super(scope, id);
    const instanceType = props.instanceType ?? WebServers.DEFAULT_INSTANCE_TYPE;
    const { minSize, desiredCapacity, maxSize } = resolveGroupSize(props);
    this.minSize = minSize;
    this.desiredCapacity = desiredCapacity;
    this.maxSize = maxSize;
    const subnetIds = props.subnetIds ?? props.network.privateSubnetIds;
    const targetCpu = props.targetCpuUtilization ?? WebServers.DEFAULT_TARGET_CPU_UTILIZATION;
    const gracePeriod = props.healthCheckGracePeriodSeconds ?? WebServers.DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS;
    const rootVolumeSize = props.rootVolumeSizeGiB ?? WebServers.DEFAULT_ROOT_VOLUME_SIZE_GIB;
    throwIfProblems(this, [
      ...findWebServersProblems(props),
      ...(Object.keys(subnetIds).length === 0
        ? [{ field: 'subnetIds', message: 'is empty; give the private subnets keyed by availability zone' }]
        : []),
    ]);

    this.securityGroup =
      props.securityGroup ??
      new SecurityGroup(this, 'security-group', {
        vpcId: props.network.vpcId,
        name: `${props.name}-web`,
        description: 'Web servers: HTTP from the load balancer only',
      });
    this.connections = new Connections({ securityGroup: this.securityGroup, defaultPort: Port.tcp(WebServers.PORT) });
    // Packages, WordPress downloads, Secrets Manager, Session Manager and CloudWatch, via NAT.
    this.securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS to packages, WordPress.org and AWS APIs');

    this.role =
      props.role ??
      new InstanceRole(this, 'role', {
        name: `${props.name}-web`,
        managedPolicyArns: [SSM_MANAGED_INSTANCE_CORE, CLOUDWATCH_AGENT_SERVER_POLICY],
      });

    this.grantPrincipal = this.role.grantPrincipal;

    const launchTags = { ...props.tags, Name: `${props.name}-web` };
    const securityGroupIds = [this.securityGroup, ...(props.additionalSecurityGroups ?? [])].map((group) => group.securityGroupId);
    this.launchTemplate = webServersLaunchTemplate(this, {
      name: `${props.name}-web`,
      instanceType,
      instanceProfileArn: this.role.instanceProfile.arn,
      securityGroupIds,
      rootVolumeSizeGiB: rootVolumeSize,
      userDataBase64: props.userDataBase64,
      tags: launchTags,
      keyName: props.keyName,
    });

    const launchHookTimeout = props.launchHookTimeoutSeconds ?? WebServers.DEFAULT_LAUNCH_HOOK_TIMEOUT_SECONDS;
    checkLaunchHookTimeout(this, launchHookTimeout);
    const groupName = WebServers.groupName(props.name);
    const launchHookPolicy = props.enableLaunchHook ? grantCompleteLaunchHook(this, this, groupName) : undefined;

    this.targetGroupArns = [...(props.targetGroupArns ?? [])];
    this.autoScalingGroup = webServersGroup(this, {
      name: groupName,
      subnetIds,
      minSize,
      desiredCapacity,
      maxSize,
      targetGroupArns: this.targetGroupArns,
      gracePeriodSeconds: gracePeriod,
      launchTemplate: this.launchTemplate,
      refresh: {
        minHealthyPercentage: WebServers.REFRESH_MIN_HEALTHY_PERCENTAGE,
        maxHealthyPercentage: WebServers.REFRESH_MAX_HEALTHY_PERCENTAGE,
      },
      tags: launchTags,
      dependsOn: [...(props.launchAfter ?? []), ...(launchHookPolicy ? [launchHookPolicy] : [])],
      launchHook: props.enableLaunchHook ? { name: WebServers.LAUNCH_HOOK_NAME, timeoutSeconds: launchHookTimeout } : undefined,
      minElbCapacity: this.minElbCapacity(),
    });
    this.autoScalingGroupName = this.autoScalingGroup.name;
    this.launchHookEnabled = props.enableLaunchHook ?? false;
    this.autoScalingGroupArn = this.autoScalingGroup.arn;

    this.scalingPolicy = new AutoscalingPolicy(this, 'cpu-target-tracking', {
      name: `${props.name}-web-cpu`,
      autoscalingGroupName: this.autoScalingGroup.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
        targetValue: targetCpu,
      },
    });
  }

  /**
   * Creates the group only after `resources`, such as the grants that let instances read their
   * secrets at boot: a grant made after the constructor is otherwise free to arrive after the
   * first instances.
   */
  public addLaunchDependency(...resources: ITerraformDependable[]): void {
    this.autoScalingGroup.dependsOn = [...(this.autoScalingGroup.dependsOn ?? []), ...resources.map((resource) => dependable(resource))];
  }

  /** Registers every instance the group launches with the target group (`LoadBalancer.addTarget` calls it). */
  public attachToTargetGroup(targetGroupArn: string): void {
    this.targetGroupArns.push(targetGroupArn);
    this.autoScalingGroup.targetGroupArns = [...this.targetGroupArns];
    const minElbCapacity = this.minElbCapacity();
    if (minElbCapacity !== undefined) this.autoScalingGroup.minElbCapacity = minElbCapacity;
  }

  // Created only when its first instances are in service (at least minSize healthy in the
  // target groups), so what watches the site can start after it without a false alarm.
  private minElbCapacity(): number | undefined {
    return this.minSize > 0 && this.targetGroupArns.length > 0 ? this.minSize : undefined;
  }
}

/** The settings `findWebServersProblems` checks: every prop but where the instances go and what they run. */
export type WebServersSettings = Partial<Omit<WebServersProps, 'network' | 'subnetIds' | 'userDataBase64' | 'role' | 'securityGroup'>>;

/** Group sizes after defaults: desired follows min, max follows desired. */
export function resolveGroupSize(props: WebServersSettings): { minSize: number; desiredCapacity: number; maxSize: number } {
  return resolveGroupSizeWith(props, WebServers);
}

/**
 * Every problem of the web server settings, with derived defaults applied the way the
 * construct applies them. The configuration loader calls it too, so `{ minSize: 3 }` means
 * 3/3/4 in a file and in a program alike.
 */
export function findWebServersProblems(props: WebServersSettings): FieldProblem[] {
  return webServersSettingsProblems(props, WebServers);
}
