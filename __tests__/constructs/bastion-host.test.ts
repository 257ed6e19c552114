import { TEST_NETWORK, testNetwork } from '../support/network';
import { TerraformStack } from 'cdktf';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { BastionHost } from '../../constructs/bastion-host';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';
import { EXISTING_GROUP_ID, existingGroup, rulesOn } from '../support/security-groups';

type BastionProps = Partial<ConstructorParameters<typeof BastionHost>[2]>;

/** Synthesizes a bastion; `props` may be built in the stack, for props that are constructs. */
function synthBastion(props: BastionProps | ((stack: TerraformStack) => BastionProps) = {}) {
  return synthStack((stack) => {
    const extra = typeof props === 'function' ? props(stack) : props;
    new BastionHost(stack, 'bastion', { name: 'test', network: testNetwork(stack), sshCidrs: ['198.51.100.0/24'], ...extra });
  });
}

describe('BastionHost', () => {
  test('defaults: t3.nano from the Amazon Linux 2023 SSM parameter, IMDSv2, encrypted gp3 root, no key pair', () => {
    const json = synthBastion();
    const template = onlyResourceOf(json, 'aws_launch_template');
    expect(template).toMatchObject({
      instance_type: BastionHost.DEFAULT_INSTANCE_TYPE,
      image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      metadata_options: { http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 },
      block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_type: 'gp3' } }],
    });
    expect(template.key_name).toBeUndefined();
    const instance = onlyResourceOf(json, 'aws_instance');
    expect(instance.subnet_id).toBe(TEST_NETWORK.publicSubnetIds['eu-west-1a']);
    expect(instance.launch_template).toEqual({
      id: ref('aws_launch_template', template),
      version: ref('aws_launch_template', template, 'latest_version'),
    });
  });

  test('a Graviton instance type gets the arm64 image; a key pair is passed through', () => {
    const template = onlyResourceOf(synthBastion({ instanceType: 't4g.nano', keyName: 'ops' }), 'aws_launch_template');
    expect(template.image_id).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    expect(template.key_name).toBe('ops');
  });

  test('the Elastic IP is attached to the instance and feeds the SSH command', () => {
    const json = synthBastion();
    const eip = onlyResourceOf(json, 'aws_eip');
    expect(eip.instance).toBe(ref('aws_instance', onlyResourceOf(json, 'aws_instance')));
    let command = '';
    synthStack((stack) => {
      command = new BastionHost(stack, 'bastion', { name: 'test', network: testNetwork(stack), sshCidrs: ['198.51.100.0/24'] }).sshCommand;
    });
    expect(command).toMatch(/^ssh ec2-user@\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test('the instance, its volume and its network interface carry the given tags', () => {
    const tags = { Project: 'web-stack', Environment: 'dev', Team: 'ops' };
    const template = onlyResourceOf(synthBastion({ tags }), 'aws_launch_template');
    const expected = { ...tags, Name: 'test-bastion' };
    expect(template.tag_specifications).toEqual([
      { resource_type: 'instance', tags: expected },
      { resource_type: 'volume', tags: expected },
      { resource_type: 'network-interface', tags: expected },
    ]);
  });

  test('the Elastic IP waits for the internet connectivity it is given, and has no dependency otherwise', () => {
    let gatewayId = '';
    const json = synthStack((stack) => {
      const gateway = new InternetGateway(stack, 'igw', { vpcId: 'vpc-1' });
      gatewayId = gateway.friendlyUniqueId;
      new BastionHost(stack, 'bastion', {
        name: 'test',
        network: testNetwork(stack),
        sshCidrs: ['198.51.100.0/24'],
        internetConnectivityEstablished: [gateway],
      });
    });
    expect(onlyResourceOf(json, 'aws_eip').depends_on).toEqual([`aws_internet_gateway.${gatewayId}`]);
    expect(onlyResourceOf(synthBastion(), 'aws_eip').depends_on).toBeUndefined();
  });

  test('SSH reaches the bastion from each configured CIDR and nothing else', () => {
    const json = synthBastion({ sshCidrs: ['198.51.100.0/24', '192.0.2.10/32'] });
    const bastionGroup = resourceAtPath(json, 'aws_security_group', 'bastion/security-group/Resource');
    const ingress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule').filter(
      (r) => r.security_group_id === ref('aws_security_group', bastionGroup),
    );
    expect(ingress.map((r) => [r.cidr_ipv4, r.from_port, r.to_port, r.ip_protocol])).toEqual([
      ['198.51.100.0/24', 22, 22, 'tcp'],
      ['192.0.2.10/32', 22, 22, 'tcp'],
    ]);
    expect(ingress.every((r) => r.description.startsWith('SSH from '))).toBe(true);
  });

  test('the SSH-access group admits port 22 only from the bastion group, with the matching egress on the bastion', () => {
    const json = synthBastion();
    const bastionGroup = resourceAtPath(json, 'aws_security_group', 'bastion/security-group/Resource');
    const accessGroup = resourceAtPath(json, 'aws_security_group', 'bastion/ssh-access/Resource');
    const accessIngress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule').filter(
      (r) => r.security_group_id === ref('aws_security_group', accessGroup),
    );
    expect(accessIngress).toEqual([
      expect.objectContaining({ referenced_security_group_id: ref('aws_security_group', bastionGroup), from_port: 22, to_port: 22 }),
    ]);
    const bastionEgress = resourcesOf(json, 'aws_vpc_security_group_egress_rule').filter(
      (r) => r.security_group_id === ref('aws_security_group', bastionGroup),
    );
    expect(bastionEgress.map((r) => r.referenced_security_group_id ?? r.cidr_ipv4).sort()).toEqual(
      ['0.0.0.0/0', '0.0.0.0/0', ref('aws_security_group', accessGroup)].sort(),
    );
  });

  test('existing groups given by ID, for the bastion and for SSH access: SSH and outbound rules land on those IDs', () => {
    const accessId = 'sg-0fedcba9876543210';
    const json = synthBastion((stack) => ({
      securityGroup: existingGroup(stack),
      sshAccessSecurityGroup: existingGroup(stack, 'access-sg', accessId),
    }));
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_launch_template').vpc_security_group_ids).toEqual([EXISTING_GROUP_ID]);
    const bastion = rulesOn(json, EXISTING_GROUP_ID);
    expect(bastion.ingress.map((rule) => [rule.cidr_ipv4, rule.to_port])).toEqual([['198.51.100.0/24', 22]]);
    expect(bastion.egress.map((rule) => [rule.cidr_ipv4 ?? rule.referenced_security_group_id, rule.to_port]).sort()).toEqual([
      ['0.0.0.0/0', 443],
      ['0.0.0.0/0', 80],
      [accessId, 22],
    ]);
    expect(rulesOn(json, accessId).ingress).toEqual([
      expect.objectContaining({ referenced_security_group_id: EXISTING_GROUP_ID, to_port: 22, description: 'SSH from the bastion' }),
    ]);
  });

  test('an existing bastion group alone: the SSH-access group is still created and admits that ID', () => {
    const json = synthBastion((stack) => ({ securityGroup: existingGroup(stack) }));
    const access = onlyResourceOf(json, 'aws_security_group');
    expect(access.tags.Name).toBe('test-ssh-from-bastion');
    expect(rulesOn(json, ref('aws_security_group', access)).ingress).toEqual([
      expect.objectContaining({ referenced_security_group_id: EXISTING_GROUP_ID, to_port: 22 }),
    ]);
  });

  test('the instance profile carries the Session Manager policy', () => {
    const json = synthBastion();
    expect(onlyResourceOf(json, 'aws_iam_role_policy_attachment').policy_arn).toBe('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
    expect(JSON.parse(onlyResourceOf(json, 'aws_iam_role').assume_role_policy).Statement[0].Principal).toEqual({
      Service: 'ec2.amazonaws.com',
    });
  });

  test('allowSshFrom opens one more CIDR', () => {
    const json = synthStack((stack) => {
      const bastion = new BastionHost(stack, 'bastion', { name: 't', network: testNetwork(stack), sshCidrs: ['198.51.100.0/24'] });
      bastion.allowSshFrom('203.0.113.5/32');
    });
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => r.cidr_ipv4)).toContain('203.0.113.5/32');
  });

  describe('rejects', () => {
    test('an empty SSH CIDR list', () => {
      expect(() => synthBastion({ sshCidrs: [] })).toThrow(WebStackError);
      expect(() => synthBastion({ sshCidrs: [] })).toThrow(
        /test\/bastion: sshCidrs is empty; list the CIDRs allowed to SSH to the bastion/,
      );
    });
    test('SSH from the whole internet', () => {
      expect(() => synthBastion({ sshCidrs: ['0.0.0.0/0'] })).toThrow(
        /sshCidrs contains "0\.0\.0\.0\/0"; SSH must not be open to the internet/,
      );
    });
    test('a malformed CIDR', () => {
      expect(() => synthBastion({ sshCidrs: ['198.51.100.1/24'] })).toThrow(
        /peer CIDR "198\.51\.100\.1\/24": host bits are set; write the network address 198\.51\.100\.0\/24/,
      );
    });
  });
});
