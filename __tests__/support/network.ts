import { Construct } from 'constructs';
import { Network } from '../../constructs/network';
import { INetwork } from '../../constructs/network-interface';

/** IDs of the existing VPC the construct tests place their resources in. */
export const TEST_NETWORK = {
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidrBlock: '10.0.0.0/16',
  publicSubnetIds: { 'eu-west-1a': 'subnet-0a000000000000001', 'eu-west-1b': 'subnet-0b000000000000001' },
  privateSubnetIds: { 'eu-west-1a': 'subnet-0a000000000000002', 'eu-west-1b': 'subnet-0b000000000000002' },
} as const;

/** An existing VPC given by IDs, for tests of constructs that take an `INetwork`. */
export function testNetwork(scope: Construct, id = 'network'): INetwork {
  return Network.fromAttributes(scope, id, TEST_NETWORK);
}

/** The same VPC as a plain `INetwork` value, for props built outside a stack. */
export const TEST_NETWORK_VALUE: INetwork = {
  ...TEST_NETWORK,
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  publicRouteTableIds: {},
  privateRouteTableIds: {},
};
