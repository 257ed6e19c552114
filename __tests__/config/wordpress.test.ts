import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { config } from '../../config/environments';
import { loadConfig, parseConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';
import { wordpressSchema } from '../../config/wordpress';
import { Database } from '../../constructs/database';
import { WebServers } from '../../constructs/web-servers';
import { WebStackError } from '../../core/errors';
import { buildApp } from '../../main';

/** The shipped configuration with dev's `wordpress` key replaced. */
function devWordPress(wordpress: unknown): ConfigInput {
  const draft = structuredClone(config) as any;
  draft.environments.dev.wordpress = wordpress;
  return draft;
}

function expectError(wordpress: unknown, message: RegExp): void {
  expect(() => parseConfig(devWordPress(wordpress))).toThrow(WebStackError);
  expect(() => parseConfig(devWordPress(wordpress))).toThrow(message);
}

describe('wordpress configuration', () => {
  test('an empty or missing block is valid; web server and database defaults are left to the constructs', () => {
    const expected = {
      loadBalancer: { deletionProtection: false },
      webServers: {},
      database: {},
      fileSystem: { transitionToIa: 'AFTER_30_DAYS', enableBackups: true, preventDestroy: false },
    };
    expect(wordpressSchema.parse({})).toEqual(expected);
    expect(wordpressSchema.parse(undefined)).toEqual(expected);
    const draft = structuredClone(config) as any;
    delete draft.environments.dev.wordpress;
    expect(parseConfig(draft).environments.dev.wordpress).toEqual(expected);
  });

  test('the shipped prod is Multi-AZ, deletion-protected, kept from destroy and larger than dev', () => {
    const parsed = parseConfig(config);
    const dev = parsed.environments.dev.wordpress;
    const prod = parsed.environments.prod.wordpress;
    expect(prod.database).toMatchObject({ multiAz: true, deletionProtection: true, preventDestroy: true });
    expect(prod.fileSystem.preventDestroy).toBe(true);
    expect([dev.database.preventDestroy ?? false, dev.fileSystem.preventDestroy]).toEqual([false, false]);
    expect(prod.database.skipFinalSnapshot ?? false).toBe(false);
    expect(prod.loadBalancer.deletionProtection).toBe(true);
    expect(dev.database).toMatchObject({ skipFinalSnapshot: true });
    expect([dev.database.multiAz ?? false, dev.database.deletionProtection ?? false]).toEqual([false, false]);
    expect(dev.loadBalancer.deletionProtection).toBe(false);
    expect(prod.webServers.maxSize).toBeGreaterThan(dev.webServers.maxSize ?? WebServers.DEFAULT_MAX_SIZE);
    expect(prod.database.allocatedStorageGiB).toBeGreaterThan(dev.database.allocatedStorageGiB ?? Database.DEFAULT_ALLOCATED_STORAGE_GIB);
    expect(prod.database.instanceClass).not.toBe(dev.database.instanceClass);
  });

  test('error: minSize greater than maxSize names the field', () => {
    expectError(
      { webServers: { minSize: 5, desiredCapacity: 5, maxSize: 3 } },
      /environments\.dev\.wordpress\.webServers\.minSize: 5 is greater than maxSize 3/,
    );
  });

  test('error: desiredCapacity outside min and max names the field', () => {
    expectError(
      { webServers: { minSize: 2, desiredCapacity: 8, maxSize: 4 } },
      /environments\.dev\.wordpress\.webServers\.desiredCapacity: 8 is outside minSize 2 to maxSize 4/,
    );
  });

  test('error: a fractional or negative size', () => {
    expectError({ webServers: { minSize: 1.5 } }, /webServers\.minSize: 1\.5 must be a whole number of instances/);
    expectError({ webServers: { minSize: -1 } }, /webServers\.minSize: -1 must be a whole number of instances, 0 or more/);
  });

  test('error: a malformed instance type', () => {
    expectError(
      { webServers: { instanceType: 'large' } },
      /environments\.dev\.wordpress\.webServers\.instanceType: "large" is not an EC2 instance type/,
    );
  });

  test('error: a CPU target out of range', () => {
    expectError(
      { webServers: { targetCpuUtilization: 5 } },
      /webServers\.targetCpuUtilization: 5 is out of range; use a percentage from 10 to 90/,
    );
  });

  test('error: a malformed DB instance class', () => {
    expectError(
      { database: { instanceClass: 't4g.micro' } },
      /environments\.dev\.wordpress\.database\.instanceClass: "t4g.micro" is not an RDS instance class; write it as db.family.size, such as "db.t4g.micro"/,
    );
    expectError({ database: { instanceClass: 'db.t4g' } }, /database\.instanceClass: "db.t4g" is not an RDS instance class/);
  });

  test('error: a malformed MySQL version', () => {
    expectError({ database: { engineVersion: 'latest' } }, /database\.engineVersion: "latest" is not a MySQL version/);
  });

  test('error: storage limit below the initial size', () => {
    expectError(
      { database: { allocatedStorageGiB: 100, maxAllocatedStorageGiB: 50 } },
      /database\.maxAllocatedStorageGiB: 50 must be 0 \(storage autoscaling off\) or a whole number from 110 \(10 % above allocatedStorageGiB 100, as RDS requires\) to 65536/,
    );
  });

  test('error: storage below the gp3 minimum and backups out of range', () => {
    expectError(
      { database: { allocatedStorageGiB: 5 } },
      /database\.allocatedStorageGiB: 5 is out of range; gp3 takes whole GiB from 20 to 65536/,
    );
    expectError(
      { database: { backupRetentionDays: 40 } },
      /database\.backupRetentionDays: 40 is out of range; keep automated backups for 1 to 35 days/,
    );
  });

  test('error: a certificate ARN that is not an ACM ARN', () => {
    expectError(
      { loadBalancer: { certificateArn: 'arn:aws:iam::123456789012:server-certificate/web' } },
      /environments\.dev\.wordpress\.loadBalancer\.certificateArn: "arn:aws:iam::123456789012:server-certificate\/web" is not an ACM certificate ARN/,
    );
  });

  test('error: enableXmlRpc that is not a boolean names the field', () => {
    expectError({ enableXmlRpc: 'yes' }, /environments\.dev\.wordpress\.enableXmlRpc/);
  });

  test('error: an empty access logs bucket', () => {
    expectError({ loadBalancer: { accessLogsBucket: '' } }, /loadBalancer\.accessLogsBucket: is empty/);
  });

  test('site settings are passed on as written: the WordPress construct checks them', () => {
    // GIVEN values the construct refuses WHEN the configuration is parsed THEN they pass unchanged
    const parsed = wordpressSchema.parse({ version: 'latest', sha1: 'x', siteTitle: 'Blog', adminEmail: 'nobody' });
    expect(parsed).toMatchObject({ version: 'latest', sha1: 'x', siteTitle: 'Blog', adminEmail: 'nobody' });
    // AND synthesizing the app refuses "latest", naming the field and the fix
    const draft = devWordPress({ version: 'latest' });
    expect(() => buildApp(loadConfig(draft, ['dev']), fs.mkdtempSync(path.join(os.tmpdir(), 'wp-config-')))).toThrow(
      /dev\/wordpress: wordpressVersion "latest" is not accepted: .* pin a release such as "7\.1\.0"/,
    );
  });

  test('error: an unknown Infrequent Access transition', () => {
    expectError({ fileSystem: { transitionToIa: 'AFTER_2_DAYS' } }, /fileSystem\.transitionToIa: must be one of AFTER_1_DAY/);
  });

  test('error: an unknown key is refused rather than ignored', () => {
    expectError({ webServers: { minsize: 1 } }, /wordpress\.webServers: Unrecognized key: "minsize"/);
  });

  test('every problem is reported at once', () => {
    const run = () => parseConfig(devWordPress({ webServers: { instanceType: 'x' }, database: { instanceClass: 'y' } }));
    expect(run).toThrow(/webServers\.instanceType[\s\S]*database\.instanceClass/);
  });
});

describe('bad wordpress configuration stops the app before anything is written', () => {
  test('no stack directory is created', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wordpress-bad-config-'));
    const run = () => buildApp(loadConfig(devWordPress({ webServers: { minSize: 3, desiredCapacity: 3, maxSize: 2 } })), outdir).synth();
    expect(run).toThrow(/webServers\.minSize/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});
