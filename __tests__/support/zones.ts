import type { NetworkProps } from '../../constructs/network';

/** The two zones most tests build a network over: a public and a private /24 each, in eu-west-1. */
export const TWO_ZONES: NetworkProps['availabilityZones'] = {
  'eu-west-1a': { publicCidr: '10.0.0.0/24', privateCidr: '10.0.10.0/24' },
  'eu-west-1b': { publicCidr: '10.0.1.0/24', privateCidr: '10.0.11.0/24' },
};
