import { TerraformStack } from 'cdktf';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { WEB_SERVERS_GROUP_METRICS, webServersGroup, WebServersGroupOptions } from '../../../constructs/private/web-servers-group';
import { onlyResourceOf, ref, synthStack } from '../../support/synth';

type Extra = (stack: TerraformStack) => Partial<WebServersGroupOptions>;

function synthGroup(options: Partial<Omit<WebServersGroupOptions, 'launchTemplate'>> = {}, extra: Extra = () => ({})) {
  const json = synthStack((stack) => {
    const launchTemplate = new LaunchTemplate(stack, 'launch-template', { name: 'web-dev-web' });
    webServersGroup(stack, {
      name: 'web-dev-web',
      subnetIds: { 'eu-west-1b': 'subnet-b', 'eu-west-1a': 'subnet-a' },
      minSize: 2,
      desiredCapacity: 2,
      maxSize: 4,
      targetGroupArns: ['arn:tg'],
      gracePeriodSeconds: 300,
      launchTemplate,
      refresh: { minHealthyPercentage: 100, maxHealthyPercentage: 200 },
      tags: { Project: 'shop', Name: 'web-dev-web' },
      dependsOn: [],
      ...options,
      ...extra(stack),
    });
  });
  return { json, group: onlyResourceOf(json, 'aws_autoscaling_group') };
}

describe('webServersGroup', () => {
  test('follows the latest launch template version and refreshes rolling, launching before terminating', () => {
    const { json, group } = synthGroup();
    const template = onlyResourceOf(json, 'aws_launch_template');
    expect(group.launch_template).toEqual({
      id: ref('aws_launch_template', template),
      version: ref('aws_launch_template', template, 'latest_version'),
    });
    expect(group.instance_refresh).toEqual({
      strategy: 'Rolling',
      preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200 },
    });
  });

  test('spreads over the subnets with ELB health checks and leaves the running count to target tracking', () => {
    const { group } = synthGroup();
    expect([...group.vpc_zone_identifier].sort()).toEqual(['subnet-a', 'subnet-b']);
    expect(group).toMatchObject({
      min_size: 2,
      desired_capacity: 2,
      max_size: 4,
      health_check_type: 'ELB',
      health_check_grace_period: 300,
    });
    expect(group.default_instance_warmup).toBe(300);
    expect(group.target_group_arns).toEqual(['arn:tg']);
    expect(group.lifecycle).toEqual({ ignore_changes: ['desired_capacity'] });
  });

  test('publishes its metrics each minute and propagates every tag to its instances', () => {
    const { group } = synthGroup();
    expect(group.enabled_metrics).toEqual([...WEB_SERVERS_GROUP_METRICS]);
    expect(group.metrics_granularity).toBe('1Minute');
    expect(group.tag).toEqual([
      { key: 'Project', value: 'shop', propagate_at_launch: true },
      { key: 'Name', value: 'web-dev-web', propagate_at_launch: true },
    ]);
  });

  test('without a launch hook, declares none and does not wait beyond the default', () => {
    const { group } = synthGroup();
    expect(group.initial_lifecycle_hook).toBeUndefined();
    expect(group.wait_for_capacity_timeout).toBeUndefined();
    expect(group.min_elb_capacity).toBeUndefined();
  });

  test('with a launch hook, declares it on the group and waits longer than the hook', () => {
    const { group } = synthGroup({ launchHook: { name: 'launch', timeoutSeconds: 900 }, minElbCapacity: 2 });
    expect(group.initial_lifecycle_hook).toEqual([
      { name: 'launch', lifecycle_transition: 'autoscaling:EC2_INSTANCE_LAUNCHING', default_result: 'ABANDON', heartbeat_timeout: 900 },
    ]);
    expect(group.wait_for_capacity_timeout).toBe('20m');
    expect(group.min_elb_capacity).toBe(2);
  });

  test('is created after what it depends on', () => {
    const { json, group } = synthGroup({}, (stack) => ({ dependsOn: [new S3Bucket(stack, 'boot-files', { bucket: 'boot' })] }));
    expect(group.depends_on).toEqual([`aws_s3_bucket.${onlyResourceOf(json, 'aws_s3_bucket').logicalId}`]);
  });
});
