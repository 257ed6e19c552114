import { Peer } from '../../constructs/peer';
import { WebStackError } from '../../core/errors';

describe('Peer', () => {
  test('an IPv4 CIDR peer targets cidr_ipv4 and has an ID safe for construct IDs', () => {
    const peer = Peer.ipv4('203.0.113.0/24');
    expect(peer.toRuleTarget()).toEqual({ cidrIpv4: '203.0.113.0/24' });
    expect(peer.peerId).toBe('cidr-203-0-113-0-24');
    expect(peer.label).toBe('203.0.113.0/24');
  });

  test('anyIpv4 is the whole internet', () => {
    expect(Peer.anyIpv4().toRuleTarget()).toEqual({ cidrIpv4: '0.0.0.0/0' });
  });

  test('error: a malformed CIDR names the value', () => {
    expect(() => Peer.ipv4('203.0.113.0/33')).toThrow(WebStackError);
    expect(() => Peer.ipv4('not-a-cidr')).toThrow(/peer CIDR "not-a-cidr"/);
  });
});
