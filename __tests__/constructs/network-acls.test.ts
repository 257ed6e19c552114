import { NetworkAcls, privateTierRules, publicTierRules } from '../../constructs/network-acls';
import { resourcesOf, synthStack } from '../support/synth';

const VPC = '10.0.0.0/16';

describe('NetworkAcls', () => {
  test('the public tier lets web traffic and the listed SSH networks in, and replies out', () => {
    const rules = publicTierRules(VPC, ['198.51.100.0/24']);
    const inbound = rules.filter((rule) => !rule.egress).map((rule) => [rule.cidrBlock, rule.fromPort, rule.toPort]);
    expect(inbound).toEqual(
      expect.arrayContaining([
        ['0.0.0.0/0', 80, 80],
        ['0.0.0.0/0', 443, 443],
        ['198.51.100.0/24', 22, 22],
      ]),
    );
    expect(inbound.filter(([, from]) => from === 22)).toEqual([['198.51.100.0/24', 22, 22]]);
    expect(rules.some((rule) => rule.egress && rule.fromPort === 1024 && rule.toPort === 65535)).toBe(true);
  });

  test('the private tier takes nothing from the internet but replies, and reaches out on HTTP(S) only', () => {
    const rules = privateTierRules(VPC);
    const fromInternet = rules.filter((rule) => !rule.egress && rule.cidrBlock === '0.0.0.0/0');
    expect(fromInternet.map((rule) => [rule.fromPort, rule.toPort])).toEqual([[1024, 65535]]);
    const toInternet = rules.filter((rule) => rule.egress && rule.cidrBlock === '0.0.0.0/0');
    expect(toInternet.map((rule) => rule.fromPort).sort()).toEqual([443, 80]);
  });

  test('rule numbers are unique per direction in each tier', () => {
    for (const rules of [publicTierRules(VPC, ['198.51.100.0/24', '203.0.113.0/24']), privateTierRules(VPC)]) {
      for (const egress of [true, false]) {
        const numbers = rules.filter((rule) => rule.egress === egress).map((rule) => rule.ruleNumber);
        expect(new Set(numbers).size).toBe(numbers.length);
      }
    }
  });

  test('one ACL per tier on its subnets, one allow rule resource per entry', () => {
    const json = synthStack(
      (stack) =>
        new NetworkAcls(stack, 'acl', {
          vpcId: 'vpc-1',
          vpcCidr: VPC,
          publicSubnetIds: ['subnet-pa', 'subnet-pb'],
          privateSubnetIds: ['subnet-qa', 'subnet-qb'],
          sshCidrs: [],
          namePrefix: 'web-dev',
        }),
    );
    const acls = resourcesOf(json, 'aws_network_acl');
    expect(acls.map((acl) => [acl.tags.Name, acl.subnet_ids]).sort()).toEqual([
      ['web-dev-private', ['subnet-qa', 'subnet-qb']],
      ['web-dev-public', ['subnet-pa', 'subnet-pb']],
    ]);
    const rules = resourcesOf(json, 'aws_network_acl_rule');
    expect(rules).toHaveLength(publicTierRules(VPC, []).length + privateTierRules(VPC).length);
    expect(rules.every((rule) => rule.rule_action === 'allow')).toBe(true);
  });
});
