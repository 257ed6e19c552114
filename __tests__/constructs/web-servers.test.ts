import { TerraformOutput } from 'cdktf';
import { WebStackError } from '../../core/errors';
import { CLOUDWATCH_AGENT_SERVER_POLICY, InstanceRole, SSM_MANAGED_INSTANCE_CORE } from '../../constructs/instance-role';
import { RuntimeSecret } from '../../constructs/runtime-secret';
import { SecurityGroup } from '../../constructs/security-group';
import { WebServers, WebServersProps } from '../../constructs/web-servers';
import { TEST_NETWORK, testNetwork } from '../support/network';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';
import { EXISTING_GROUP_ID, existingGroup, rulesOn } from '../support/security-groups';

const BASE: Omit<WebServersProps, 'network'> = {
  name: 'web-dev',
  subnetIds: { 'eu-west-1b': 'subnet-b', 'eu-west-1a': 'subnet-a' },
  userDataBase64: 'IyEvYmluL2Jhc2gK',
  targetGroupArns: ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1'],
};

function synthWeb(props: Partial<WebServersProps> = {}) {
  return synthStack((stack) => new WebServers(stack, 'web', { network: testNetwork(stack), ...BASE, ...props }));
}

function expectPropError(props: Partial<WebServersProps>, message: RegExp) {
  expect(() => synthWeb(props)).toThrow(WebStackError);
  expect(() => synthWeb(props)).toThrow(message);
}

describe('WebServers', () => {
  test('defaults: launch template with the AL2023 SSM image, t3.micro, IMDSv2 hop limit 1, encrypted gp3, no public IP', () => {
    const json = synthWeb();
    const template = onlyResourceOf(json, 'aws_launch_template');
    expect(template).toMatchObject({
      name: 'web-dev-web',
      image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      instance_type: 't3.micro',
      user_data: 'IyEvYmluL2Jhc2gK',
      update_default_version: true,
    });
    expect(template.metadata_options).toMatchObject({ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 });
    expect(template.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_type: 'gp3', volume_size: 8, encrypted: 'true', delete_on_termination: 'true' } },
    ]);
    const group = resourceAtPath(json, 'aws_security_group', 'web/security-group/Resource');
    expect(template.network_interfaces).toEqual([
      {
        device_index: 0,
        associate_public_ip_address: 'false',
        delete_on_termination: 'true',
        security_groups: [ref('aws_security_group', group)],
      },
    ]);
    expect(template.key_name).toBeUndefined();
    expect(template.iam_instance_profile).toEqual({
      arn: ref('aws_iam_instance_profile', onlyResourceOf(json, 'aws_iam_instance_profile'), 'arn'),
    });
  });

  test('defaults: group of 2/2/4 across every private subnet with ELB health checks, registered with the target group', () => {
    const json = synthWeb();
    const asg = onlyResourceOf(json, 'aws_autoscaling_group');
    expect(asg).toMatchObject({
      name: 'web-dev-web',
      min_size: 2,
      desired_capacity: 2,
      max_size: 4,
      health_check_type: 'ELB',
      health_check_grace_period: 300,
    });
    expect(asg.vpc_zone_identifier).toEqual(['subnet-a', 'subnet-b']);
    expect(asg.target_group_arns).toEqual(BASE.targetGroupArns);
    expect(asg.lifecycle).toEqual({ ignore_changes: ['desired_capacity'] });
  });

  test('a launch template change starts a rolling instance refresh', () => {
    const json = synthWeb();
    const asg = onlyResourceOf(json, 'aws_autoscaling_group');
    const template = onlyResourceOf(json, 'aws_launch_template');
    expect(asg.launch_template).toEqual({
      id: ref('aws_launch_template', template),
      version: ref('aws_launch_template', template, 'latest_version'),
    });
    // Launch before terminate: all desired instances stay in service during the refresh.
    expect(asg.instance_refresh).toEqual({
      strategy: 'Rolling',
      preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200 },
    });
  });

  test('instances, volumes and network interfaces carry the given tags; the group propagates them too', () => {
    const tags = { Project: 'web-stack', Environment: 'dev', CostCenter: 'web' };
    const json = synthWeb({ tags });
    const template = onlyResourceOf(json, 'aws_launch_template');
    const expected = { ...tags, Name: 'web-dev-web' };
    expect(template.tag_specifications).toEqual([
      { resource_type: 'instance', tags: expected },
      { resource_type: 'volume', tags: expected },
      { resource_type: 'network-interface', tags: expected },
    ]);
    const asg = onlyResourceOf(json, 'aws_autoscaling_group');
    expect(asg.tag).toEqual(Object.entries(expected).map(([key, value]) => ({ key, value, propagate_at_launch: true })));
  });

  test('without tags, every launched resource is still named', () => {
    const template = onlyResourceOf(synthWeb(), 'aws_launch_template');
    expect(template.tag_specifications.map((spec: { resource_type: string; tags: object }) => [spec.resource_type, spec.tags])).toEqual([
      ['instance', { Name: 'web-dev-web' }],
      ['volume', { Name: 'web-dev-web' }],
      ['network-interface', { Name: 'web-dev-web' }],
    ]);
  });

  test('a target-tracking policy keeps average CPU at 50 %', () => {
    const json = synthWeb();
    const policy = onlyResourceOf(json, 'aws_autoscaling_policy');
    expect(policy).toMatchObject({
      policy_type: 'TargetTrackingScaling',
      autoscaling_group_name: ref('aws_autoscaling_group', onlyResourceOf(json, 'aws_autoscaling_group'), 'name'),
    });
    expect(policy.target_tracking_configuration).toEqual({
      predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' },
      target_value: 50,
    });
  });

  test('the role has Session Manager and the CloudWatch agent, nothing more: resources grant the rest', () => {
    const json = synthWeb();
    const attached = resourcesOf(json, 'aws_iam_role_policy_attachment')
      .map((a) => a.policy_arn)
      .sort();
    expect(attached).toEqual([SSM_MANAGED_INSTANCE_CORE, CLOUDWATCH_AGENT_SERVER_POLICY].sort());
    expect(resourcesOf(json, 'aws_iam_role_policy')).toHaveLength(0);
  });

  test('an existing role and security group are used instead of new ones', () => {
    const json = synthStack((stack) => {
      const role = new InstanceRole(stack, 'own-role', { name: 'own-web' });
      const securityGroup = new SecurityGroup(stack, 'own-sg', {
        vpcId: TEST_NETWORK.vpcId,
        name: 'own-web',
        description: 'Our web group',
      });
      new WebServers(stack, 'web', { network: testNetwork(stack), ...BASE, role, securityGroup });
    });
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(1);
    expect(onlyResourceOf(json, 'aws_launch_template').iam_instance_profile.arn).toBe(
      ref('aws_iam_instance_profile', resourceAtPath(json, 'aws_iam_instance_profile', 'own-role/profile'), 'arn'),
    );
  });

  test('existing groups given by ID: the instances carry them, and the outbound HTTPS rule lands on the main one', () => {
    const json = synthStack((stack) => {
      const securityGroup = existingGroup(stack);
      const extra = existingGroup(stack, 'extra-sg', 'sg-0fedcba9876543210');
      new WebServers(stack, 'web', { network: testNetwork(stack), ...BASE, securityGroup, additionalSecurityGroups: [extra] });
    });
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_launch_template').network_interfaces[0].security_groups).toEqual([
      EXISTING_GROUP_ID,
      'sg-0fedcba9876543210',
    ]);
    expect(rulesOn(json, EXISTING_GROUP_ID).egress).toEqual([
      expect.objectContaining({ cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 443, to_port: 443 }),
    ]);
    expect(rulesOn(json, 'sg-0fedcba9876543210')).toEqual({ ingress: [], egress: [] });
  });

  test("instances go in the network's private subnets when no subnetIds are given", () => {
    const json = synthStack((stack) => {
      const { subnetIds: _subnetIds, ...rest } = BASE;
      new WebServers(stack, 'web', { network: testNetwork(stack), ...rest });
    });
    expect(onlyResourceOf(json, 'aws_autoscaling_group').vpc_zone_identifier).toEqual(Object.values(TEST_NETWORK.privateSubnetIds));
  });

  test('desired capacity follows minSize, and maxSize follows desired capacity', () => {
    const group = (props: Partial<WebServersProps>) => {
      const asg = onlyResourceOf(synthWeb(props), 'aws_autoscaling_group');
      return [asg.min_size, asg.desired_capacity, asg.max_size];
    };
    expect(group({ minSize: 3 })).toEqual([3, 3, 4]);
    expect(group({ minSize: 5 })).toEqual([5, 5, 5]);
  });

  test('the security group allows only HTTPS out until connections add more, and nothing in', () => {
    const json = synthWeb();
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
    const egress = onlyResourceOf(json, 'aws_vpc_security_group_egress_rule');
    expect(egress).toMatchObject({ cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443, ip_protocol: 'tcp' });
    expect(egress.description).toMatch(/HTTPS/);
  });

  test('sizes, CPU target, grace period, volume size and key pair are applied', () => {
    const json = synthWeb({
      minSize: 1,
      desiredCapacity: 3,
      maxSize: 6,
      targetCpuUtilization: 65,
      healthCheckGracePeriodSeconds: 600,
      rootVolumeSizeGiB: 16,
      keyName: 'ops',
    });
    expect(onlyResourceOf(json, 'aws_autoscaling_group')).toMatchObject({
      min_size: 1,
      desired_capacity: 3,
      max_size: 6,
      health_check_grace_period: 600,
    });
    expect(onlyResourceOf(json, 'aws_autoscaling_policy').target_tracking_configuration.target_value).toBe(65);
    const template = onlyResourceOf(json, 'aws_launch_template');
    expect(template.block_device_mappings[0].ebs.volume_size).toBe(16);
    expect(template.key_name).toBe('ops');
  });

  test('a Graviton instance type gets the arm64 image', () => {
    const json = synthWeb({ instanceType: 't4g.small' });
    expect(onlyResourceOf(json, 'aws_launch_template').image_id).toMatch(/al2023-ami-kernel-default-arm64$/);
  });

  test('additional security groups are attached to the instances', () => {
    const json = synthStack((stack) => {
      const ssh = new SecurityGroup(stack, 'ssh', { vpcId: 'vpc-1', name: 'ssh', description: 'SSH from the bastion' });
      new WebServers(stack, 'web', { network: testNetwork(stack), ...BASE, additionalSecurityGroups: [ssh] });
    });
    const groups = onlyResourceOf(json, 'aws_launch_template').network_interfaces[0].security_groups;
    expect(groups).toEqual([
      ref('aws_security_group', resourceAtPath(json, 'aws_security_group', 'web/security-group/Resource')),
      ref('aws_security_group', resourceAtPath(json, 'aws_security_group', 'ssh/Resource')),
    ]);
  });

  test('exposes the group name and ARN for monitoring', () => {
    const json = synthStack((stack) => {
      const web = new WebServers(stack, 'web', { network: testNetwork(stack), ...BASE });
      new TerraformOutput(stack, 'asg', { value: [web.autoScalingGroupName, web.autoScalingGroupArn] });
    });
    const asg = onlyResourceOf(json, 'aws_autoscaling_group');
    expect(json.output.asg.value).toEqual([ref('aws_autoscaling_group', asg, 'name'), ref('aws_autoscaling_group', asg, 'arn')]);
  });

  test('error: a malformed instance type', () => {
    expectPropError({ instanceType: 't3micro' }, /instanceType "t3micro" is not an EC2 instance type/);
  });

  test('error: no subnets', () => {
    expectPropError({ subnetIds: {} }, /subnetIds is empty/);
  });

  test('error: a negative or fractional size', () => {
    expectPropError({ minSize: -1 }, /minSize -1 must be a whole number of instances/);
    expectPropError({ desiredCapacity: 1.5 }, /desiredCapacity 1.5 must be a whole number of instances/);
  });

  test('error: maxSize 0', () => {
    expectPropError({ minSize: 0, desiredCapacity: 0, maxSize: 0 }, /maxSize 0 must be at least 1/);
  });

  test('error: minSize greater than maxSize', () => {
    expectPropError({ minSize: 5, desiredCapacity: 5, maxSize: 3 }, /minSize 5 is greater than maxSize 3/);
  });

  test('error: desiredCapacity outside min and max', () => {
    expectPropError({ minSize: 2, desiredCapacity: 1, maxSize: 4 }, /desiredCapacity 1 is outside minSize 2 to maxSize 4/);
    expectPropError({ minSize: 2, desiredCapacity: 5, maxSize: 4 }, /desiredCapacity 5 is outside minSize 2 to maxSize 4/);
  });

  test('error: a CPU target out of range', () => {
    expectPropError({ targetCpuUtilization: 95 }, /targetCpuUtilization 95 is out of range; use a percentage from 10 to 90/);
  });

  test('error: a grace period out of range', () => {
    expectPropError({ healthCheckGracePeriodSeconds: -5 }, /healthCheckGracePeriodSeconds -5 is out of range/);
  });

  test('error: a root volume smaller than the image', () => {
    expectPropError({ rootVolumeSizeGiB: 4 }, /rootVolumeSizeGiB 4 is out of range; Amazon Linux 2023 needs at least 8/);
  });

  test('attachToTargetGroup adds the target group to those the group registers its instances with', () => {
    const json = synthStack((stack) => {
      const web = new WebServers(stack, 'web', { network: testNetwork(stack), ...BASE });
      web.attachToTargetGroup('arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/2');
    });
    expect(onlyResourceOf(json, 'aws_autoscaling_group').target_group_arns).toEqual([
      ...BASE.targetGroupArns!,
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/2',
    ]);
  });

  test('it is grantable: a grant to the web servers lands on their instance role', () => {
    const json = synthStack((stack) => {
      const web = new WebServers(stack, 'web', { network: testNetwork(stack), ...BASE });
      new RuntimeSecret(stack, 'secret', { name: 'api-key', description: 'read at boot' }).grantRead(web);
    });
    expect(onlyResourceOf(json, 'aws_iam_role_policy').role).toBe(ref('aws_iam_role', onlyResourceOf(json, 'aws_iam_role')));
  });
});
