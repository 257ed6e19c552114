import { ConfigInput } from './schema';

/**
 * The project's environments. Edit this file to deploy into your own account: at least
 * `project.stateBucket.name` (bucket names are global) and each `bastion.sshCidrs`
 * (203.0.113.0/24 is a documentation range that reaches nobody).
 */
export const config: ConfigInput = {
  project: {
    name: 'web-stack',
    stateBucket: { name: 'web-stack-terraform-state-example', region: 'eu-west-1' },
    tags: { Project: 'web-stack' },
  },
  environments: {
    dev: {
      region: 'eu-west-1',
      network: {
        cidrBlock: '10.0.0.0/16',
        availabilityZones: {
          'eu-west-1a': { publicCidr: '10.0.0.0/24', privateCidr: '10.0.10.0/24' },
          'eu-west-1b': { publicCidr: '10.0.1.0/24', privateCidr: '10.0.11.0/24' },
        },
        natGateways: 'single',
      },
      bastion: { enabled: true, sshCidrs: ['203.0.113.0/24'] },
    },
    prod: {
      region: 'eu-west-1',
      network: {
        cidrBlock: '10.1.0.0/16',
        availabilityZones: {
          'eu-west-1a': { publicCidr: '10.1.0.0/24', privateCidr: '10.1.10.0/24' },
          'eu-west-1b': { publicCidr: '10.1.1.0/24', privateCidr: '10.1.11.0/24' },
        },
        natGateways: 'perAz',
      },
      bastion: { enabled: true, sshCidrs: ['203.0.113.0/24'] },
    },
  },
};
