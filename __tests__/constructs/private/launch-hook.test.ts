import { Construct } from 'constructs';
import { WebStackError } from '../../../core/errors';
import { InstanceRole } from '../../../constructs/instance-role';
import {
  checkLaunchHookTimeout,
  grantCompleteLaunchHook,
  launchHook,
  launchHookCapacityTimeout,
} from '../../../constructs/private/launch-hook';
import { onlyResourceOf, synthStack } from '../../support/synth';

describe('checkLaunchHookTimeout', () => {
  const scope = () => {
    let built: Construct | undefined;
    synthStack((stack) => {
      built = new Construct(stack, 'web');
    });
    return built as Construct;
  };

  test('accepts whole seconds from 30 to 7200', () => {
    const web = scope();
    for (const seconds of [30, 900, 7200]) expect(() => checkLaunchHookTimeout(web, seconds)).not.toThrow();
  });

  test.each([29, 7201, 90.5, Number.NaN])('refuses %p, naming the prop and the range', (seconds) => {
    const web = scope();
    expect(() => checkLaunchHookTimeout(web, seconds)).toThrow(WebStackError);
    expect(() => checkLaunchHookTimeout(web, seconds)).toThrow(/launchHookTimeoutSeconds .*: use whole seconds from 30 to 7200/);
  });
});

describe('grantCompleteLaunchHook', () => {
  test('lets the grantee complete the hooks of its own group only, named before the group exists', () => {
    const json = synthStack((stack) => {
      const role = new InstanceRole(stack, 'role', { name: 'web-dev-web' });
      grantCompleteLaunchHook(stack, role, 'web-dev-web');
    });
    const policy = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(policy.name).toBe('web-dev-web-complete-launch-hook');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'CompleteOwnLaunchHook',
        Effect: 'Allow',
        Action: 'autoscaling:CompleteLifecycleAction',
        Resource: 'arn:*:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/web-dev-web',
      },
    ]);
  });
});

describe('launchHook', () => {
  test('holds launching instances and abandons those that do not answer in time', () => {
    expect(launchHook('launch', 600)).toEqual({
      name: 'launch',
      lifecycleTransition: 'autoscaling:EC2_INSTANCE_LAUNCHING',
      defaultResult: 'ABANDON',
      heartbeatTimeout: 600,
    });
  });
});

describe('launchHookCapacityTimeout', () => {
  test('outlasts the hook: its timeout rounded up to minutes, plus five', () => {
    expect(launchHookCapacityTimeout(900)).toBe('20m');
    expect(launchHookCapacityTimeout(61)).toBe('7m');
    expect(launchHookCapacityTimeout(30)).toBe('6m');
  });
});
