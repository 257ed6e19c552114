import { ConfigInput } from './schema';

/** Both environments run in one region, over its first two zones. */
const REGION = 'eu-west-1';

/**
 * The address plan every environment follows: VPC 10.<n>.0.0/16, and in zone i a public subnet
 * 10.<n>.<i>.0/24 and a private one 10.<n>.<10 + i>.0/24. Each environment takes its own n, so
 * no two VPCs overlap and they can be peered later. To plan addresses differently, write
 * `cidrBlock` and `availabilityZones` out instead.
 */
function twoZoneAddressPlan(n: number) {
  const zones = [`${REGION}a`, `${REGION}b`];
  return {
    cidrBlock: `10.${n}.0.0/16`,
    availabilityZones: Object.fromEntries(
      zones.map((zone, i) => [zone, { publicCidr: `10.${n}.${i}.0/24`, privateCidr: `10.${n}.${10 + i}.0/24` }]),
    ),
  };
}

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
      region: REGION,
      network: { ...twoZoneAddressPlan(0), natGateways: 'single' },
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
      region: REGION,
      network: { ...twoZoneAddressPlan(1), natGateways: 'perAz' },
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
          // Deletion protection stops a destroy at apply, after the rest has changed; this stops it at plan.
          preventDestroy: true,
          backupRetentionDays: 14,
        },
        // All uploads live here, and EFS has no deletion protection of its own.
        fileSystem: { preventDestroy: true },
      },
      website: {
        domainName: 'www.example.com',
        hosting: 'cloudfront',
        hostedZoneId: 'Z0000000000000EXAMPLE',
        redirectDomains: ['example.com'],
        contentDir: 'site',
        preventDestroy: true,
      },
    },
  },
};
