import { blockContains, blocksOverlap, canonicalCidr, describeCidrProblem, parseIpv4Cidr } from '../../../constructs/private/cidr';

describe('IPv4 CIDR helpers', () => {
  test('parses a canonical block into its first and last address', () => {
    expect(parseIpv4Cidr('10.0.1.0/24')).toEqual({ cidr: '10.0.1.0/24', first: 167772416, last: 167772671, prefixLength: 24 });
    expect(parseIpv4Cidr('0.0.0.0/0')).toMatchObject({ first: 0, last: 2 ** 32 - 1 });
  });

  test.each(['10.0.0/16', '10.0.0.0', '10.0.0.0/33', '10.0.0.256/24', '167772160/8', '10.0.0.0/16/1', 'abc', '10.0.0.0/ 16'])(
    'rejects %p',
    (cidr) => {
      expect(parseIpv4Cidr(cidr)).toBeUndefined();
      expect(describeCidrProblem(cidr)).toMatch(/not an IPv4 CIDR block/);
    },
  );

  test('a block with host bits set is refused with the network address to use', () => {
    expect(parseIpv4Cidr('10.0.0.1/16')).toBeUndefined();
    expect(canonicalCidr('10.0.0.1/16')).toBe('10.0.0.0/16');
    expect(describeCidrProblem('10.0.0.1/16')).toBe('host bits are set; write the network address 10.0.0.0/16');
  });

  test('containment and overlap', () => {
    const vpc = parseIpv4Cidr('10.0.0.0/16')!;
    const a = parseIpv4Cidr('10.0.0.0/24')!;
    const b = parseIpv4Cidr('10.0.0.128/25')!;
    const c = parseIpv4Cidr('10.0.1.0/24')!;
    const outside = parseIpv4Cidr('10.1.0.0/24')!;
    expect(blockContains(vpc, a)).toBe(true);
    expect(blockContains(vpc, outside)).toBe(false);
    expect(blocksOverlap(a, b)).toBe(true);
    expect(blocksOverlap(a, c)).toBe(false);
    expect(blocksOverlap(c, a)).toBe(false);
  });
});
