import { TerraformStack } from 'cdktf';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { BastionHost } from '../../../constructs/bastion-host';
import { Network } from '../../../constructs/network';
import { WebServers } from '../../../constructs/web-servers';
import { checkStack, openOf } from '../support';
import { TWO_ZONES } from '../../support/zones';

function network(stack: TerraformStack): Network {
  return new Network(stack, 'network', {
    name: 'test',
    availabilityZones: TWO_ZONES,
  });
}

const ENCRYPTED_ROOT = [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true', volumeSize: 8 } }];

describe('EC2 rules', () => {
  test('compliant: the bastion host (IMDSv2, encrypted root volume, EIP instead of a public IP)', () => {
    const checked = checkStack((stack) => {
      const net = network(stack);
      new BastionHost(stack, 'bastion', { name: 'test', network: net, sshCidrs: ['203.0.113.0/24'] });
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
        vpcZoneIdentifier: Object.values(net.privateSubnetIds),
        launchTemplate: { id: template.id, version: '$Latest' },
      });
    };
    expect(openOf(checkStack(build('true')), 'WS-EC2-3')).toEqual(['WS-EC2-3 aws_autoscaling_group.fleet']);
    expect(openOf(checkStack(build('false')), 'WS-EC2-3')).toEqual([]);
  });
});

describe('WS-TAGS-1: launched instances, volumes and network interfaces are tagged', () => {
  const PROVIDER_TAGS = { Project: 'web-stack', Environment: 'dev' };
  const allThree = (tags: Record<string, string>) =>
    ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags }));

  test('compliant: the bastion and the web servers given the provider tags', () => {
    const checked = checkStack(
      (stack) => {
        const net = network(stack);
        new BastionHost(stack, 'bastion', {
          name: 'test',
          network: net,
          sshCidrs: ['203.0.113.0/24'],
          tags: PROVIDER_TAGS,
        });
        new WebServers(stack, 'web', {
          name: 'test',
          network: net,
          subnetIds: { 'eu-west-1a': 'subnet-a' },
          userDataBase64: 'IyEvYmluL2Jhc2gK',
          tags: PROVIDER_TAGS,
        });
      },
      {},
      PROVIDER_TAGS,
    );
    expect(openOf(checked, 'WS-TAGS-1')).toEqual([]);
  });

  test('a template tagging only the instance Name is a finding naming each gap', () => {
    const checked = checkStack(
      (stack) => {
        new LaunchTemplate(stack, 'template', { tagSpecifications: [{ resourceType: 'instance', tags: { Name: 'web' } }] });
      },
      {},
      PROVIDER_TAGS,
    );
    expect(openOf(checked, 'WS-TAGS-1')).toEqual(['WS-TAGS-1 aws_launch_template.template']);
    expect(checked.open.find((f) => f.ruleId === 'WS-TAGS-1')?.message).toMatch(
      /Found: instance: no Project, Environment; volume: no tags; network-interface: no tags\./,
    );
  });

  test('without provider default tags, any tag on each of the three types complies', () => {
    const checked = checkStack((stack) => {
      new LaunchTemplate(stack, 'named', { tagSpecifications: allThree({ Name: 'web' }) });
      new LaunchTemplate(stack, 'bare', {});
    });
    expect(openOf(checked, 'WS-TAGS-1')).toEqual(['WS-TAGS-1 aws_launch_template.bare']);
  });

  test('an Auto Scaling group is judged with its template: propagated tags cover instances, not volumes or interfaces', () => {
    const checked = checkStack(
      (stack) => {
        const covered = new LaunchTemplate(stack, 'covered', {
          tagSpecifications: [
            { resourceType: 'volume', tags: PROVIDER_TAGS },
            { resourceType: 'network-interface', tags: PROVIDER_TAGS },
          ],
        });
        const partial = new LaunchTemplate(stack, 'partial', { tagSpecifications: [{ resourceType: 'volume', tags: PROVIDER_TAGS }] });
        const propagated = Object.entries(PROVIDER_TAGS).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
        new AutoscalingGroup(stack, 'good', { maxSize: 1, minSize: 1, launchTemplate: { id: covered.id }, tag: propagated });
        new AutoscalingGroup(stack, 'bad', { maxSize: 1, minSize: 1, launchTemplate: { id: partial.id }, tag: propagated });
        new AutoscalingGroup(stack, 'unpropagated', {
          maxSize: 1,
          minSize: 1,
          launchTemplate: { id: covered.id },
          tag: Object.entries(PROVIDER_TAGS).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
        });
      },
      {},
      PROVIDER_TAGS,
    );
    // The templates are used by groups, so the groups carry the findings.
    expect(openOf(checked, 'WS-TAGS-1')).toEqual(['WS-TAGS-1 aws_autoscaling_group.bad', 'WS-TAGS-1 aws_autoscaling_group.unpropagated']);
    const message = (address: string) => checked.open.find((f) => f.resourceAddress === address)?.message;
    expect(message('aws_autoscaling_group.bad')).toMatch(/Found: network-interface: no tags\./);
    expect(message('aws_autoscaling_group.unpropagated')).toMatch(/Found: instance: no tags\./);
  });

  test('a group whose template is not in the stack cannot be judged and is an error', () => {
    const checked = checkStack(
      (stack) => {
        new AutoscalingGroup(stack, 'external', { maxSize: 1, minSize: 1, launchTemplate: { id: 'lt-0123456789abcdef0' } });
      },
      {},
      PROVIDER_TAGS,
    );
    expect(openOf(checked, 'WS-TAGS-1')).toEqual(['WS-TAGS-1 aws_autoscaling_group.external']);
    expect(checked.open.find((f) => f.ruleId === 'WS-TAGS-1')?.message).toMatch(/cannot judge .*launch_template is "lt-0123456789abcdef0"/);
  });
});
