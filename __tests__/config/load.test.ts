import { WebStackError } from '../../core/errors';
import { config } from '../../config/environments';
import { loadConfig, parseConfig, parseEnvironmentList } from '../../config/load';
import { ConfigInput } from '../../config/schema';

/** A deep copy of the project configuration with `edit` applied to it. */
function configWith(edit: (draft: any) => void): ConfigInput {
  const draft = structuredClone(config) as any;
  edit(draft);
  return draft;
}

function expectConfigError(input: ConfigInput, message: RegExp): void {
  expect(() => parseConfig(input)).toThrow(WebStackError);
  expect(() => parseConfig(input)).toThrow(message);
}

describe('configuration', () => {
  test('the shipped configuration is valid and fills in defaults', () => {
    const parsed = parseConfig(config);
    expect(Object.keys(parsed.environments)).toEqual(['dev', 'prod']);
    expect(parsed.environments.dev.bastion.instanceType).toBe('t3.nano');
    expect(parsed.environments.dev.network.natGateways).toBe('single');
    expect(parsed.environments.prod.network.natGateways).toBe('perAz');
    expect(parsed.environments.dev.tags).toEqual({});
  });

  test('dev and prod have non-overlapping VPC blocks', () => {
    const parsed = parseConfig(config);
    expect(parsed.environments.dev.network.cidrBlock).not.toBe(parsed.environments.prod.network.cidrBlock);
  });

  describe('rejects bad input with the field and the fix', () => {
    test.each<[string, (draft: any) => void, RegExp]>([
      [
        'malformed VPC CIDR',
        (d) => (d.environments.dev.network.cidrBlock = '10.0.0.0/40'),
        /environments\.dev\.network\.cidrBlock: "10\.0\.0\.0\/40": not an IPv4 CIDR block; write it as a\.b\.c\.d\/n/,
      ],
      [
        'host bits set',
        (d) => (d.environments.dev.network.cidrBlock = '10.0.5.0/16'),
        /environments\.dev\.network\.cidrBlock: "10\.0\.5\.0\/16": host bits are set; write the network address 10\.0\.0\.0\/16/,
      ],
      [
        'malformed subnet CIDR',
        (d) => (d.environments.dev.network.availabilityZones['eu-west-1a'].privateCidr = 'ten.0.0.0/24'),
        /environments\.dev\.network\.availabilityZones\.eu-west-1a\.privateCidr: "ten\.0\.0\.0\/24": not an IPv4 CIDR block/,
      ],
      [
        'overlapping subnets',
        (d) => (d.environments.dev.network.availabilityZones['eu-west-1b'].privateCidr = '10.0.10.0/23'),
        /environments\.dev\.network\.availabilityZones\.eu-west-1b\.privateCidr: "10\.0\.10\.0\/23" overlaps availabilityZones\.eu-west-1a\.privateCidr "10\.0\.10\.0\/24"; give every subnet its own range/,
      ],
      [
        'subnet outside the VPC',
        (d) => (d.environments.prod.network.availabilityZones['eu-west-1b'].publicCidr = '10.0.1.0/24'),
        /environments\.prod\.network\.availabilityZones\.eu-west-1b\.publicCidr: "10\.0\.1\.0\/24" lies outside the VPC block 10\.1\.0\.0\/16; pick a subnet inside it/,
      ],
      [
        'fewer than two availability zones',
        (d) => delete d.environments.dev.network.availabilityZones['eu-west-1b'],
        /environments\.dev\.network\.availabilityZones: has 1 zone\(s\) \(eu-west-1a\); list at least two/,
      ],
      [
        'zone outside the region',
        (d) => {
          d.environments.dev.network.availabilityZones['us-east-1a'] = d.environments.dev.network.availabilityZones['eu-west-1b'];
          delete d.environments.dev.network.availabilityZones['eu-west-1b'];
        },
        /environments\.dev\.network\.availabilityZones\.us-east-1a: "us-east-1a" is not in region eu-west-1; use zones such as eu-west-1a/,
      ],
      [
        'empty SSH CIDR list with the bastion on',
        (d) => (d.environments.dev.bastion.sshCidrs = []),
        /environments\.dev\.bastion\.sshCidrs: is empty while the bastion is enabled; list the CIDRs allowed to SSH in .* or set bastion\.enabled to false/,
      ],
      [
        'SSH open to the world',
        (d) => (d.environments.dev.bastion.sshCidrs = ['0.0.0.0/0']),
        /environments\.dev\.bastion\.sshCidrs\.0: "0\.0\.0\.0\/0" opens SSH to the whole internet/,
      ],
      [
        'malformed SSH CIDR',
        (d) => (d.environments.dev.bastion.sshCidrs = ['203.0.113.7']),
        /environments\.dev\.bastion\.sshCidrs\.0: "203\.0\.113\.7": not an IPv4 CIDR block/,
      ],
      [
        'unknown NAT mode',
        (d) => (d.environments.dev.network.natGateways = 'double'),
        /environments\.dev\.network\.natGateways: must be "single", "perAz" or "none"/,
      ],
      [
        'no NAT gateway while WordPress runs in the environment',
        (d) => (d.environments.prod.network.natGateways = 'none'),
        /environments\.prod\.network\.natGateways: "none" leaves the WordPress web servers in the private subnets without internet access, .*use "single" \(one NAT gateway, the cheapest\) or "perAz"/,
      ],
      [
        'NAT zone not in the network',
        (d) => (d.environments.dev.network.singleNatGatewayZone = 'eu-west-1c'),
        /environments\.dev\.network\.singleNatGatewayZone: "eu-west-1c" is not one of availabilityZones/,
      ],
      [
        'malformed region',
        (d) => (d.environments.dev.region = 'Ireland'),
        /environments\.dev\.region: "Ireland" is not an AWS region; use the form eu-west-1/,
      ],
      [
        'malformed instance type',
        (d) => (d.environments.dev.bastion.instanceType = 'tiny'),
        /environments\.dev\.bastion\.instanceType: "tiny" is not an EC2 instance type; write it as family\.size/,
      ],
      [
        'bad state bucket name',
        (d) => (d.project.stateBucket.name = 'My_State'),
        /project\.stateBucket\.name: "My_State" has upper-case letters/,
      ],
      ['bad project name', (d) => (d.project.name = 'Web Stack'), /project\.name: must be 3-22 lowercase letters/],
      [
        'environment named like a project-wide stack',
        (d) => (d.environments.state = d.environments.dev),
        /environments\.state: "state" is the name of a project-wide stack; call the environment something else/,
      ],
      [
        'malformed environment name',
        (d) => (d.environments['Dev-1'] = d.environments.dev),
        /environments\.Dev-1: environment names are 2-12 lowercase letters and digits/,
      ],
      ['misspelt field', (d) => (d.environments.dev.network.cidr = '10.0.0.0/16'), /environments\.dev\.network: Unrecognized key: "cidr"/],
    ])('%s', (_name, edit, message) => expectConfigError(configWith(edit), message));
  });

  test('reports every problem at once', () => {
    const input = configWith((d) => {
      d.environments.dev.network.cidrBlock = 'x';
      d.environments.prod.bastion.sshCidrs = [];
    });
    expect(() => parseConfig(input)).toThrow(/environments\.dev\.network\.cidrBlock[\s\S]*environments\.prod\.bastion\.sshCidrs/);
  });

  test('an empty SSH list is fine when the bastion is off', () => {
    const input = configWith((d) => (d.environments.dev.bastion = { enabled: false }));
    expect(parseConfig(input).environments.dev.bastion.enabled).toBe(false);
  });
});

describe('choosing environments', () => {
  test('all environments by default, in configuration order', () => {
    expect(Object.keys(loadConfig(config).environments)).toEqual(['dev', 'prod']);
  });

  test('a comma-separated list picks some', () => {
    expect(parseEnvironmentList(' prod , ')).toEqual(['prod']);
    expect(parseEnvironmentList('')).toBeUndefined();
    expect(Object.keys(loadConfig(config, ['prod']).environments)).toEqual(['prod']);
  });

  test('an unknown environment names the variable and the known environments', () => {
    expect(() => loadConfig(config, ['staging'])).toThrow(
      /Unknown environment "staging" in WEB_STACK_ENVIRONMENTS; known environments are dev, prod\. Pick one of these or add the environment to config\/environments\.ts\./,
    );
  });
});
