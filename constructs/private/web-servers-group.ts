import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { subnetIdList } from '../network-interface';
import { launchHook, launchHookCapacityTimeout } from './launch-hook';

/** What the web servers' Auto Scaling group is built from, after defaults and checks. */
export interface WebServersGroupOptions {
  readonly name: string;
  readonly subnetIds: Readonly<Record<string, string>>;
  readonly minSize: number;
  readonly desiredCapacity: number;
  readonly maxSize: number;
  readonly targetGroupArns: readonly string[];
  readonly gracePeriodSeconds: number;
  readonly launchTemplate: LaunchTemplate;
  /** The instance refresh's healthy percentages, lower and upper bound. */
  readonly refresh: { readonly minHealthyPercentage: number; readonly maxHealthyPercentage: number };
  readonly tags: Readonly<Record<string, string>>;
  readonly dependsOn: readonly ITerraformDependable[];
  /** The launch hook to declare on the group itself, so the first instances have it too. */
  readonly launchHook?: { readonly name: string; readonly timeoutSeconds: number };
  readonly minElbCapacity?: number;
}

/** Metrics the group publishes each minute, for dashboards and the in-service alarm. */
export const WEB_SERVERS_GROUP_METRICS = [
  'GroupDesiredCapacity',
  'GroupInServiceInstances',
  'GroupMinSize',
  'GroupMaxSize',
  'GroupTotalInstances',
] as const;

/**
 * The Auto Scaling group (construct id `Resource` under `scope`): ELB health checks, a rolling
 * instance refresh on every launch template change, and a desired capacity that target tracking
 * owns after the first apply.
 */
export function webServersGroup(scope: Construct, options: WebServersGroupOptions): AutoscalingGroup {
  return new AutoscalingGroup(scope, 'Resource', {
    name: options.name,
    vpcZoneIdentifier: subnetIdList(options.subnetIds),
    minSize: options.minSize,
    desiredCapacity: options.desiredCapacity,
    maxSize: options.maxSize,
    targetGroupArns: [...options.targetGroupArns],
    healthCheckType: 'ELB',
    healthCheckGracePeriod: options.gracePeriodSeconds,
    defaultInstanceWarmup: options.gracePeriodSeconds,
    // latest_version changes with every template change, which starts the refresh below.
    launchTemplate: { id: options.launchTemplate.id, version: options.launchTemplate.latestVersion.toString() },
    // Launch before terminate: new instances come into service before old ones leave, so the
    // in-service count never drops below desired (and the in-service alarm stays quiet). No
    // auto rollback: AWS does not support it for templates whose image is an SSM parameter.
    instanceRefresh: {
      strategy: 'Rolling',
      preferences: {
        minHealthyPercentage: options.refresh.minHealthyPercentage,
        maxHealthyPercentage: options.refresh.maxHealthyPercentage,
      },
    },
    enabledMetrics: [...WEB_SERVERS_GROUP_METRICS],
    metricsGranularity: '1Minute',
    // Tags the group (default_tags skip it) and its instances; the template already tags
    // instances, volumes and interfaces, these agree with it.
    tag: Object.entries(options.tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    // Target tracking owns the running count; an apply must not reset it to the configured start.
    lifecycle: { ignoreChanges: ['desired_capacity'] },
    dependsOn: [...options.dependsOn],
    initialLifecycleHook: options.launchHook ? [launchHook(options.launchHook.name, options.launchHook.timeoutSeconds)] : undefined,
    minElbCapacity: options.minElbCapacity,
    waitForCapacityTimeout: options.launchHook ? launchHookCapacityTimeout(options.launchHook.timeoutSeconds) : undefined,
  });
}
