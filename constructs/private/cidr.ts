import * as ipaddr from 'ipaddr.js';

/** An IPv4 CIDR block parsed into numbers, for containment and overlap checks. */
export interface Ipv4Block {
  readonly cidr: string;
  readonly first: number;
  readonly last: number;
  readonly prefixLength: number;
}

// ipaddr.js also accepts the legacy short forms ("10.0/16", "167772160/8"), which AWS does not.
function isFourPartCidr(cidr: string): boolean {
  const [address, prefix, ...rest] = cidr.split('/');
  return (
    rest.length === 0 &&
    prefix !== undefined &&
    /^\d{1,2}$/.test(prefix) &&
    ipaddr.IPv4.isValidFourPartDecimal(address) &&
    ipaddr.IPv4.isValidCIDR(cidr)
  );
}

function toNumber(address: ipaddr.IPv4): number {
  return address.octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

/**
 * Parses "a.b.c.d/n". Returns undefined for anything that is not a canonical IPv4 CIDR
 * block: host bits must be zero, because AWS rejects "10.0.0.1/16" for VPCs and subnets.
 */
export function parseIpv4Cidr(cidr: string): Ipv4Block | undefined {
  if (!isFourPartCidr(cidr)) {
    return undefined;
  }
  const [address, prefixLength] = ipaddr.IPv4.parseCIDR(cidr);
  const network = ipaddr.IPv4.networkAddressFromCIDR(cidr);
  if (network.toString() !== address.toString()) {
    return undefined;
  }
  const size = 2 ** (32 - prefixLength);
  const first = toNumber(network);
  return { cidr, first, last: first + size - 1, prefixLength };
}

/** The network address a CIDR with host bits set should have been written as. */
export function canonicalCidr(cidr: string): string | undefined {
  if (!isFourPartCidr(cidr)) {
    return undefined;
  }
  const [, prefixLength] = ipaddr.IPv4.parseCIDR(cidr);
  return `${ipaddr.IPv4.networkAddressFromCIDR(cidr).toString()}/${prefixLength}`;
}

export function blockContains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

export function blocksOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Why a string is not a usable IPv4 CIDR block, or undefined when it is one. */
export function describeCidrProblem(cidr: string): string | undefined {
  if (parseIpv4Cidr(cidr)) {
    return undefined;
  }
  const canonical = canonicalCidr(cidr);
  if (canonical) {
    return `host bits are set; write the network address ${canonical}`;
  }
  return 'not an IPv4 CIDR block; write it as a.b.c.d/n, for example 10.0.0.0/16';
}
