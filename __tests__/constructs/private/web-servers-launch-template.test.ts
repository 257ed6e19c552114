import { webServersLaunchTemplate, WebServersLaunchTemplateOptions } from '../../../constructs/private/web-servers-launch-template';
import { onlyResourceOf, synthStack } from '../../support/synth';

const OPTIONS: WebServersLaunchTemplateOptions = {
  name: 'web-dev-web',
  instanceType: 't3.micro',
  instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/web-dev-web',
  securityGroupIds: ['sg-main', 'sg-extra'],
  rootVolumeSizeGiB: 12,
  userDataBase64: 'IyEvYmluL2Jhc2gK',
  tags: { Project: 'shop', Name: 'web-dev-web' },
};

function synthTemplate(options: Partial<WebServersLaunchTemplateOptions> = {}) {
  return onlyResourceOf(
    synthStack((stack) => {
      webServersLaunchTemplate(stack, { ...OPTIONS, ...options });
    }),
    'aws_launch_template',
  );
}

describe('webServersLaunchTemplate', () => {
  test('IMDSv2 only with hop limit 1, an encrypted gp3 root volume, no public address', () => {
    const template = synthTemplate();
    expect(template.metadata_options).toEqual({
      http_tokens: 'required',
      http_endpoint: 'enabled',
      http_put_response_hop_limit: 1,
      instance_metadata_tags: 'disabled',
    });
    expect(template.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_type: 'gp3', volume_size: 12, encrypted: 'true', delete_on_termination: 'true' } },
    ]);
    expect(template.network_interfaces).toEqual([
      { device_index: 0, associate_public_ip_address: 'false', delete_on_termination: 'true', security_groups: ['sg-main', 'sg-extra'] },
    ]);
  });

  test('carries the name, profile, user data and tags, and becomes the default version', () => {
    const template = synthTemplate({ keyName: 'ops' });
    expect(template.name).toBe('web-dev-web');
    expect(template.iam_instance_profile).toEqual({ arn: OPTIONS.instanceProfileArn });
    expect(template.user_data).toBe(OPTIONS.userDataBase64);
    expect(template.update_default_version).toBe(true);
    expect(template.key_name).toBe('ops');
    expect(template.tag_specifications.map((spec: { resource_type: string }) => spec.resource_type)).toEqual([
      'instance',
      'volume',
      'network-interface',
    ]);
    for (const spec of template.tag_specifications) expect(spec.tags).toEqual(OPTIONS.tags);
  });

  test("the image follows the instance type's architecture", () => {
    expect(synthTemplate({ instanceType: 't4g.small' }).image_id).toContain('arm64');
    expect(synthTemplate({ instanceType: 't3.small' }).image_id).toContain('x86_64');
  });
});
