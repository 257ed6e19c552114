import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Network } from '../../../constructs/network';
import { checkStack, openOf } from '../support';
import { TWO_ZONES } from '../../support/zones';

describe('VPC rules', () => {
  test('compliant: a VPC with a flow log and a closed default group; a subnet without automatic public IPs', () => {
    const checked = checkStack((stack) => {
      const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
      new FlowLog(stack, 'flow-log', {
        vpcId: vpc.id,
        trafficType: 'ALL',
        logDestinationType: 's3',
        logDestination: 'arn:aws:s3:::flow-logs-example',
      });
      new DefaultSecurityGroup(stack, 'default', { vpcId: vpc.id });
      new Subnet(stack, 'subnet', { vpcId: vpc.id, cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: false });
    });
    for (const id of ['WS-VPC-1', 'WS-VPC-2', 'WS-VPC-3']) expect(openOf(checked, id)).toEqual([]);
  });

  test('WS-VPC-1 and WS-VPC-2: a bare VPC has no flow log and an unmanaged default group', () => {
    const checked = checkStack((stack) => new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' }));
    expect(openOf(checked, 'WS-VPC-1')).toEqual(['WS-VPC-1 aws_vpc.vpc']);
    expect(openOf(checked, 'WS-VPC-2')).toEqual(['WS-VPC-2 aws_vpc.vpc']);
  });

  test('WS-VPC-2: a managed default group that keeps rules is a finding', () => {
    const checked = checkStack((stack) => {
      const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
      new DefaultSecurityGroup(stack, 'default', {
        vpcId: vpc.id,
        egress: [{ fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0'] }],
      });
    });
    expect(openOf(checked, 'WS-VPC-2')).toEqual(['WS-VPC-2 aws_default_security_group.default']);
  });

  test('WS-VPC-3: map_public_ip_on_launch true is a finding', () => {
    const checked = checkStack(
      (stack) => new Subnet(stack, 'subnet', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: true }),
    );
    expect(openOf(checked, 'WS-VPC-3')).toEqual(['WS-VPC-3 aws_subnet.subnet']);
  });

  test('the Network construct closes the default group and maps no public IPs, but has no flow log of its own', () => {
    const checked = checkStack(
      (stack) =>
        new Network(stack, 'network', {
          name: 'test',
          availabilityZones: TWO_ZONES,
        }),
    );
    expect(openOf(checked, 'WS-VPC-2')).toEqual([]);
    expect(openOf(checked, 'WS-VPC-3')).toEqual([]);
    expect(openOf(checked, 'WS-VPC-1')).toHaveLength(1);
  });
});
