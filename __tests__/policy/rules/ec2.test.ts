import { TerraformStack } from 'cdktf';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { BastionHost } from '../../../constructs/bastion-host';
import { Network } from '../../../constructs/network';
import { checkStack, openOf } from '../support';

function network(stack: TerraformStack): Network {
  return new Network(stack, 'network', {
    name: 'test',
    availabilityZones: {
      'eu-west-1a': { publicCidr: '10.0.0.0/24', privateCidr: '10.0.10.0/24' },
      'eu-west-1b': { publicCidr: '10.0.1.0/24', privateCidr: '10.0.11.0/24' },
    },
  });
}

const ENCRYPTED_ROOT = [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true', volumeSize: 8 } }];

describe('EC2 rules', () => {
  test('compliant: the bastion host (IMDSv2, encrypted root volume, EIP instead of a public IP)', () => {
    const checked = checkStack((stack) => {
      const net = network(stack);
      new BastionHost(stack, 'bastion', { name: 'test', vpcId: net.vpcId, subnetId: net.publicSubnetIds[0], sshCidrs: ['203.0.113.0/24'] });
    });
    for (const id of ['WS-EC2-1', 'WS-EC2-2', 'WS-EC2-3']) expect(openOf(checked, id)).toEqual([]);
  });

  test('WS-EC2-1: a launch template and an instance without http_tokens "required"', () => {
    const checked = checkStack((stack) => {
      new LaunchTemplate(stack, 'template', { metadataOptions: { httpTokens: 'optional' }, blockDeviceMappings: ENCRYPTED_ROOT });
      new Instance(stack, 'instance', { ami: 'ami-123', instanceType: 't3.micro', rootBlockDevice: { encrypted: true } });
    });
    expect(openOf(checked, 'WS-EC2-1')).toEqual(['WS-EC2-1 aws_launch_template.template', 'WS-EC2-1 aws_instance.instance']);
    expect(checked.open.find((f) => f.resourceAddress === 'aws_instance.instance' && f.ruleId === 'WS-EC2-1')?.message).toMatch(
      /http_tokens is unset \(IMDSv1 allowed\)/,
    );
  });

  test('WS-EC2-1: an instance from a template leaves the check to the template; a disabled endpoint complies', () => {
    const checked = checkStack((stack) => {
      const template = new LaunchTemplate(stack, 'template', {
        metadataOptions: { httpEndpoint: 'disabled' },
        blockDeviceMappings: ENCRYPTED_ROOT,
      });
      new Instance(stack, 'instance', { launchTemplate: { id: template.id } });
    });
    expect(openOf(checked, 'WS-EC2-1')).toEqual([]);
  });

  test('WS-EC2-2: unencrypted template mapping, template without mappings, instance root and volume are findings', () => {
    const checked = checkStack((stack) => {
      new LaunchTemplate(stack, 'plain', {
        metadataOptions: { httpTokens: 'required' },
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'false' } }],
      });
      new LaunchTemplate(stack, 'nomapping', { metadataOptions: { httpTokens: 'required' } });
      new Instance(stack, 'instance', {
        ami: 'ami-123',
        instanceType: 't3.micro',
        metadataOptions: { httpTokens: 'required' },
        rootBlockDevice: { encrypted: false },
      });
      new EbsVolume(stack, 'volume', { availabilityZone: 'eu-west-1a', size: 1 });
      new EbsVolume(stack, 'encrypted', { availabilityZone: 'eu-west-1a', size: 1, encrypted: true });
    });
    expect(openOf(checked, 'WS-EC2-2')).toEqual([
      'WS-EC2-2 aws_launch_template.plain',
      'WS-EC2-2 aws_launch_template.nomapping',
      'WS-EC2-2 aws_instance.instance',
      'WS-EC2-2 aws_ebs_volume.volume',
    ]);
  });

  test('WS-EC2-3: a public IP on an instance in a private subnet is a finding, in a public subnet it is not', () => {
    const checked = checkStack((stack) => {
      const net = network(stack);
      const common = {
        ami: 'ami-123',
        instanceType: 't3.micro',
        associatePublicIpAddress: true,
        metadataOptions: { httpTokens: 'required' },
        rootBlockDevice: { encrypted: true },
      };
      new Instance(stack, 'private', { ...common, subnetId: net.privateSubnets['eu-west-1a'].id });
      new Instance(stack, 'public', { ...common, subnetId: net.publicSubnets['eu-west-1a'].id });
    });
    expect(openOf(checked, 'WS-EC2-3')).toEqual(['WS-EC2-3 aws_instance.private']);
  });

  test('WS-EC2-3: an Auto Scaling group in private subnets whose template asks for a public IP', () => {
    const build = (associate: string) => (stack: TerraformStack) => {
      const net = network(stack);
      const template = new LaunchTemplate(stack, 'template', {
        metadataOptions: { httpTokens: 'required' },
        blockDeviceMappings: ENCRYPTED_ROOT,
        networkInterfaces: [{ associatePublicIpAddress: associate }],
      });
      new AutoscalingGroup(stack, 'fleet', {
        minSize: 1,
        maxSize: 2,
        vpcZoneIdentifier: net.privateSubnetIds,
        launchTemplate: { id: template.id, version: '$Latest' },
      });
    };
    expect(openOf(checkStack(build('true')), 'WS-EC2-3')).toEqual(['WS-EC2-3 aws_autoscaling_group.fleet']);
    expect(openOf(checkStack(build('false')), 'WS-EC2-3')).toEqual([]);
  });
});
