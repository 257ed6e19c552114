import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { TerraformStack } from 'cdktf';
import { NatGatewayMode, NatGateways } from '../../constructs/nat-gateways';
import { WebStackError } from '../../core/errors';
import { resourceAtPath, resourcesOf, ref, synthStack } from '../support/synth';

function publicSubnets(stack: TerraformStack): Record<string, Subnet> {
  return Object.fromEntries(
    ['eu-west-1b', 'eu-west-1a', 'eu-west-1c'].map((zone, index) => [
      zone,
      new Subnet(stack, `public-${zone}`, { vpcId: 'vpc-1', availabilityZone: zone, cidrBlock: `10.0.${index}.0/24` }),
    ]),
  );
}

function synthNat(mode: NatGatewayMode, singleGatewayZone?: string) {
  return synthStack(
    (stack) => new NatGateways(stack, 'nat', { mode, publicSubnets: publicSubnets(stack), singleGatewayZone, namePrefix: 'web-dev' }),
  );
}

describe('NatGateways', () => {
  test('single: one gateway and Elastic IP, in the first zone alphabetically', () => {
    const json = synthNat('single');
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(1);
    const gateway = resourceAtPath(json, 'aws_nat_gateway', 'nat/nat-eu-west-1a');
    expect(gateway.subnet_id).toBe(ref('aws_subnet', resourceAtPath(json, 'aws_subnet', 'public-eu-west-1a')));
    expect(gateway.tags).toEqual({ Name: 'web-dev-nat-eu-west-1a' });
  });

  test('single in a chosen zone', () => {
    const json = synthNat('single', 'eu-west-1c');
    expect(resourceAtPath(json, 'aws_nat_gateway', 'nat/nat-eu-west-1c')).toBeDefined();
  });

  test('perAz: one gateway per zone, each named and keyed by its zone', () => {
    const json = synthNat('perAz');
    expect(
      resourcesOf(json, 'aws_nat_gateway')
        .map((gateway) => gateway.tags.Name)
        .sort(),
    ).toEqual(['web-dev-nat-eu-west-1a', 'web-dev-nat-eu-west-1b', 'web-dev-nat-eu-west-1c']);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(3);
  });

  test('none: no gateway and no Elastic IP', () => {
    const json = synthNat('none');
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(0);
  });

  test('error: a single-gateway zone that is not one of the subnets', () => {
    expect(() => synthNat('single', 'eu-west-1z')).toThrow(WebStackError);
    expect(() => synthNat('single', 'eu-west-1z')).toThrow(/singleNatGatewayZone "eu-west-1z" is not one of the network's zones/);
  });
});
