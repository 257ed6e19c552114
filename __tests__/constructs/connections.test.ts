import { Connections, isConnectable } from '../../constructs/connections';
import { WebStackError } from '../../core/errors';
import { Peer } from '../../constructs/peer';
import { Port } from '../../constructs/port';
import { SecurityGroup } from '../../constructs/security-group';
import { ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';

function group(stack: any, id: string, defaultPort?: Port) {
  const securityGroup = new SecurityGroup(stack, id, { vpcId: 'vpc-1', name: id, description: `${id} group` });
  return { connections: new Connections({ securityGroup, defaultPort }) };
}

describe('Connections', () => {
  test('allowDefaultPortFrom adds ingress on the target and the matching egress on the source', () => {
    const json = synthStack((stack) => {
      const web = group(stack, 'web');
      const db = group(stack, 'db', Port.tcp(3306));
      db.connections.allowDefaultPortFrom(web, 'MySQL from the web servers');
    });
    const web = resourceAtPath(json, 'aws_security_group', 'web/Resource');
    const db = resourceAtPath(json, 'aws_security_group', 'db/Resource');
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({
        security_group_id: ref('aws_security_group', db),
        referenced_security_group_id: ref('aws_security_group', web),
        from_port: 3306,
        to_port: 3306,
        ip_protocol: 'tcp',
        description: 'MySQL from the web servers',
      }),
    ]);
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([
      expect.objectContaining({
        security_group_id: ref('aws_security_group', web),
        referenced_security_group_id: ref('aws_security_group', db),
        from_port: 3306,
      }),
    ]);
  });

  test('allowTo mirrors allowFrom; CIDR peers add a rule on our side only', () => {
    const json = synthStack((stack) => {
      const web = group(stack, 'web');
      const efs = group(stack, 'efs', Port.tcp(2049));
      web.connections.allowTo(efs, Port.tcp(2049), 'NFS to the file system');
      web.connections.allowTo(Peer.anyIpv4(), Port.tcp(443), 'HTTPS out');
      web.connections.allowFrom(Peer.ipv4('10.0.0.0/16'), Port.tcpRange(8000, 8080), 'Apps from the VPC');
    });
    const ingress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => [r.description, r.from_port, r.to_port]);
    expect(ingress).toHaveLength(2);
    expect(ingress).toEqual(
      expect.arrayContaining([
        ['NFS to the file system', 2049, 2049],
        ['Apps from the VPC', 8000, 8080],
      ]),
    );
    const egress = resourcesOf(json, 'aws_vpc_security_group_egress_rule').map((r) => r.cidr_ipv4 ?? 'group');
    expect(egress.sort()).toEqual(['0.0.0.0/0', 'group']);
  });

  test('the same rule added twice is created once', () => {
    const json = synthStack((stack) => {
      const web = group(stack, 'web');
      const db = group(stack, 'db', Port.tcp(3306));
      db.connections.allowDefaultPortFrom(web, 'MySQL');
      db.connections.allowDefaultPortFrom(web, 'MySQL');
    });
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(1);
  });

  test('all traffic uses protocol -1 without ports', () => {
    const json = synthStack((stack) =>
      group(stack, 'web').connections.allowTo(Peer.ipv4('10.0.0.0/16'), Port.allTraffic(), 'Anything inside the VPC'),
    );
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')[0]).toMatchObject({ ip_protocol: '-1' });
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')[0].from_port).toBeUndefined();
  });

  test('security groups start with no rules and are replaced before destroyed', () => {
    const json = synthStack((stack) => group(stack, 'web'));
    const sg = resourceAtPath(json, 'aws_security_group', 'web/Resource');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(sg.lifecycle).toEqual({ create_before_destroy: true });
  });

  test('a replacement can coexist with the old group: a name prefix, not a fixed name', () => {
    const json = synthStack((stack) => group(stack, 'web'));
    const sg = resourceAtPath(json, 'aws_security_group', 'web/Resource');
    expect(sg.name).toBeUndefined();
    expect(sg.name_prefix).toBe('web-');
    expect(sg.tags).toEqual({ Name: 'web' });
  });

  describe('rejects', () => {
    test('allowDefaultPortFrom without a default port', () => {
      expect(() => synthStack((stack) => group(stack, 'web').connections.allowDefaultPortFrom(group(stack, 'other'), 'x'))).toThrow(
        /security group "web" declares no default port; call allowFrom\(other, port, description\) instead/,
      );
    });
    test('a rule without a description', () => {
      expect(() => synthStack((stack) => group(stack, 'web').connections.allowFrom(Peer.anyIpv4(), Port.tcp(80), ' '))).toThrow(
        WebStackError,
      );
      expect(() => synthStack((stack) => group(stack, 'web').connections.allowFrom(Peer.anyIpv4(), Port.tcp(80), ''))).toThrow(
        /ingress rule TCP 80 for 0\.0\.0\.0\/0: description is empty/,
      );
    });
    test('a group without a description', () => {
      expect(() => synthStack((stack) => new SecurityGroup(stack, 'sg', { vpcId: 'v', name: 'n', description: '' }))).toThrow(
        /test\/sg: description is empty/,
      );
    });
    test('a port out of range and a malformed peer CIDR', () => {
      expect(() => Port.tcp(70000)).toThrow(/port 70000 is out of range; use an integer from 0 to 65535/);
      expect(() => Peer.ipv4('10.0.0.0')).toThrow(/peer CIDR "10\.0\.0\.0": not an IPv4 CIDR block/);
    });
  });
});

describe('isConnectable', () => {
  test('goes by shape: an object whose connections can allow and whose group can take rules', () => {
    synthStack((stack) => {
      expect(isConnectable(group(stack, 'web'))).toBe(true);
      // A copy from another install of the package: same shape, another class.
      const foreign = { connections: { securityGroup: { addIngressRule: () => undefined }, allowFrom: () => undefined } };
      expect(isConnectable(foreign)).toBe(true);
    });
  });

  test('a peer, a bare group and other values are not connectable', () => {
    synthStack((stack) => {
      const securityGroup = new SecurityGroup(stack, 'db', { vpcId: 'vpc-1', name: 'db', description: 'db group' });
      for (const value of [
        Peer.anyIpv4(),
        securityGroup,
        undefined,
        null,
        {},
        { connections: {} },
        { connections: { allowFrom: () => undefined } },
      ]) {
        expect(isConnectable(value)).toBe(false);
      }
    });
  });
});
