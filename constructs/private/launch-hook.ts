import { Construct } from 'constructs';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AutoscalingGroupInitialLifecycleHook } from '@cdktf/provider-aws/lib/autoscaling-group';
import { WebStackError } from '../../core/errors';
import { grant, IGrantable } from '../grant';

/** The launch hook's timeout bounds, in seconds. */
export const LAUNCH_HOOK_TIMEOUT_MIN_SECONDS = 30;
export const LAUNCH_HOOK_TIMEOUT_MAX_SECONDS = 7200;

/** Throws, naming `launchHookTimeoutSeconds`, unless `seconds` is whole and within the bounds. */
export function checkLaunchHookTimeout(scope: Construct, seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < LAUNCH_HOOK_TIMEOUT_MIN_SECONDS || seconds > LAUNCH_HOOK_TIMEOUT_MAX_SECONDS) {
    throw new WebStackError(
      `launchHookTimeoutSeconds ${seconds}: use whole seconds from ${LAUNCH_HOOK_TIMEOUT_MIN_SECONDS} to ${LAUNCH_HOOK_TIMEOUT_MAX_SECONDS}`,
      scope,
    );
  }
}

/**
 * Lets `grantee` complete the launch hook of the group named `groupName`. By name, not by the
 * group's ARN (which holds an ID known only once the group exists): the policy must be in place
 * before the group launches its first instance.
 */
export function grantCompleteLaunchHook(scope: Construct, grantee: IGrantable, groupName: string): IamRolePolicy {
  return grant(scope, {
    grantee,
    access: 'complete-launch-hook',
    policyName: `${groupName}-complete-launch-hook`,
    statements: [
      {
        Sid: 'CompleteOwnLaunchHook',
        Effect: 'Allow',
        Action: 'autoscaling:CompleteLifecycleAction',
        Resource: `arn:*:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/${groupName}`,
      },
    ],
  });
}

/**
 * The group's launch hook: a new instance is abandoned unless its user data completes the hook
 * within `timeoutSeconds`.
 */
export function launchHook(hookName: string, timeoutSeconds: number): AutoscalingGroupInitialLifecycleHook {
  return {
    name: hookName,
    lifecycleTransition: 'autoscaling:EC2_INSTANCE_LAUNCHING',
    defaultResult: 'ABANDON',
    heartbeatTimeout: timeoutSeconds,
  };
}

/**
 * How long Terraform waits for the group's first instances with a launch hook: longer than an
 * instance may sit in the hook (its timeout rounded up to minutes), with five minutes to spare.
 */
export function launchHookCapacityTimeout(timeoutSeconds: number): string {
  return `${Math.ceil(timeoutSeconds / 60) + 5}m`;
}
