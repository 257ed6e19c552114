import { findNetworkAttributesProblems, ImportedNetwork, NetworkAttributes, subnetIdList } from '../../constructs/network-interface';
import { WebStackError } from '../../core/errors';
import { synthStack } from '../support/synth';

const ATTRIBUTES: NetworkAttributes = {
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidrBlock: '10.20.0.0/16',
  publicSubnetIds: { 'eu-west-1b': 'subnet-0b000000000000001', 'eu-west-1a': 'subnet-0a000000000000001' },
  privateSubnetIds: { 'eu-west-1b': 'subnet-0b000000000000002', 'eu-west-1a': 'subnet-0a000000000000002' },
};

describe('findNetworkAttributesProblems', () => {
  test('IDs of the right kinds in the same two zones have no problem', () => {
    expect(findNetworkAttributesProblems(ATTRIBUTES)).toEqual([]);
    expect(
      findNetworkAttributesProblems({
        ...ATTRIBUTES,
        publicRouteTableIds: { 'eu-west-1a': 'rtb-0a000000000000001' },
        privateRouteTableIds: {},
      }),
    ).toEqual([]);
  });

  test('every problem is listed at once, each naming the field, the value and the form to use', () => {
    const problems = findNetworkAttributesProblems({
      vpcId: 'vpc-xyz',
      vpcCidrBlock: '10.20.0.0',
      publicSubnetIds: { 'eu-west-1a': 'subnet-0a000000000000001' },
      privateSubnetIds: { 'eu-west-1a': 'subnet-0a000000000000002' },
      privateRouteTableIds: { 'eu-west-1a': 'subnet-0a000000000000002' },
    });
    expect(problems).toEqual([
      'vpcId "vpc-xyz" is not a VPC ID; use the form vpc-0123456789abcdef0',
      expect.stringMatching(/^vpcCidrBlock "10\.20\.0\.0": /),
      'privateRouteTableIds.eu-west-1a "subnet-0a000000000000002" is not an ID of that kind; use the form rtb-0123456789abcdef0',
      'privateSubnetIds has 1 zone(s); give subnets in at least two availability zones',
    ]);
  });

  test('public and private subnets in different zones are refused, naming both lists', () => {
    expect(
      findNetworkAttributesProblems({
        ...ATTRIBUTES,
        publicSubnetIds: { 'eu-west-1a': 'subnet-0a000000000000001', 'eu-west-1c': 'subnet-0c000000000000001' },
      }),
    ).toEqual(['publicSubnetIds (eu-west-1a, eu-west-1c) and privateSubnetIds (eu-west-1a, eu-west-1b) must cover the same zones']);
  });
});

describe('ImportedNetwork', () => {
  test('copies the IDs, so changing the attributes object afterwards changes nothing', () => {
    synthStack((stack) => {
      const privateSubnetIds = { ...ATTRIBUTES.privateSubnetIds };
      const network = new ImportedNetwork(stack, 'network', { ...ATTRIBUTES, privateSubnetIds });
      privateSubnetIds['eu-west-1a'] = 'subnet-0f000000000000000';
      expect(network.privateSubnetIds['eu-west-1a']).toBe('subnet-0a000000000000002');
      expect(network.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    });
  });

  test('error: one paragraph with every problem, at the construct path', () => {
    const build = () => synthStack((stack) => new ImportedNetwork(stack, 'network', { ...ATTRIBUTES, vpcId: 'vpc-1', vpcCidrBlock: 'x' }));
    expect(build).toThrow(WebStackError);
    expect(build).toThrow(/^test\/network: invalid network attributes:\n {2}vpcId "vpc-1" is not a VPC ID.*\n {2}vpcCidrBlock "x": /s);
  });
});

describe('subnetIdList', () => {
  test('lists the IDs in zone order, whatever order the map was written in', () => {
    expect(subnetIdList({ 'eu-west-1c': 'subnet-c', 'eu-west-1a': 'subnet-a', 'eu-west-1b': 'subnet-b' })).toEqual([
      'subnet-a',
      'subnet-b',
      'subnet-c',
    ]);
    expect(subnetIdList({})).toEqual([]);
  });
});
