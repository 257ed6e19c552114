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
    // 123456789012 is the placeholder ID of AWS's documentation; put your own account ID here.
    account: { accountId: '123456789012' },
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
      // Smallest sizes; the database may be thrown away with the environment.
      wordpress: { database: { skipFinalSnapshot: true } },
      beanstalk: { enabled: true },
      // Placeholder address: alarms go nowhere until it is yours and the subscription is confirmed.
      operations: { alarmEmails: ['ops@example.com'] },
      // Placeholder domain and hosted zone ID: put a domain and Route 53 zone of your own here.
      website: {
        domainName: 'www.dev.example.com',
        hosting: 's3-website',
        hostedZoneId: 'Z0000000000000DEVZONE',
        contentDir: 'site',
        forceDestroy: true,
      },
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
      operations: {
        alarmEmails: ['ops@example.com'],
        healthCheck: { schedule: 'rate(5 minutes)' },
        flowLogs: { retentionDays: 90 },
      },
      wordpress: {
        // Placeholder name and hosted zone ID, like the website's: HTTPS through a DNS-validated certificate.
        domain: { name: 'blog.example.com', hostedZoneId: 'Z0000000000000EXAMPLE' },
        loadBalancer: { deletionProtection: true },
        webServers: { instanceType: 't3.small', minSize: 2, desiredCapacity: 2, maxSize: 6 },
        database: {
          instanceClass: 'db.t4g.small',
          allocatedStorageGiB: 50,
          maxAllocatedStorageGiB: 200,
          multiAz: true,
          deletionProtection: true,
          backupRetentionDays: 14,
        },
      },
      website: {
        domainName: 'www.example.com',
        hosting: 'cloudfront',
        hostedZoneId: 'Z0000000000000EXAMPLE',
        redirectDomains: ['example.com'],
        contentDir: 'site',
      },
    },
  },
};
