import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { describeAddressChanges, likelyTargets } from '../../harness/address-changes';
import { ProgramAddresses, stackAddresses, movedBlocks } from '../../harness/addresses';
import { Database } from '../../constructs/database';
import { Network } from '../../constructs/network';
import { TWO_ZONES } from '../support/zones';

/** A one-stack program holding a network and a database whose construct ID is `databaseId`. */
function program(databaseId: string, keep?: (database: Database) => void): ProgramAddresses {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'dev');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const site = new Construct(stack, 'wordpress');
  const network = new Network(stack, 'network', {
    name: 'shop',
    cidrBlock: '10.0.0.0/16',
    availabilityZones: TWO_ZONES,
  });
  const database = new Database(site, databaseId, { name: 'shop', network, databaseName: 'shop', masterUsername: 'shopadmin' });
  keep?.(database);
  // Testing.synth validates but strips construct paths; toTerraform keeps them, as the app's output does.
  Testing.synth(stack);
  const json = JSON.parse(JSON.stringify(stack.toTerraform()));
  return { stacks: { dev: stackAddresses(json) }, moved: { dev: movedBlocks(json) } };
}

describe('describeAddressChanges', () => {
  const before = program('database');

  test('nothing changed: no message', () => {
    expect(describeAddressChanges('app', before.stacks, program('database'))).toBeUndefined();
  });

  test('a renamed database: names the RDS instance a deploy would re-create empty, with the moveFromId call and the state mv that keep it', () => {
    // GIVEN the database construct renamed from "database" to "db"
    const after = program('db');
    const oldAddress = Object.keys(before.stacks.dev.stateful).find((a) => a.startsWith('aws_db_instance.'))!;
    const newAddress = Object.keys(after.stacks.dev.stateful).find((a) => a.startsWith('aws_db_instance.'))!;
    expect(oldAddress).toMatch(/^aws_db_instance\.wordpress_database_/);
    expect(newAddress).toMatch(/^aws_db_instance\.wordpress_db_/);

    // WHEN the change is described
    const message = describeAddressChanges('app', before.stacks, after)!;

    // THEN the stateful block names the instance, where it went, and both ways to keep it
    const stateful = message.slice(message.indexOf('Stateful resources whose address disappeared'), message.indexOf('Other resources'));
    expect(stateful).toContain(`${oldAddress} (dev/wordpress/database/Resource)`);
    expect(stateful).toContain(`now likely ${newAddress} (dev/wordpress/db/Resource)`);
    expect(stateful).toContain(`.moveFromId('${oldAddress}');`);
    expect(stateful).toContain(`terraform state mv '${oldAddress}' '${newAddress}'`);
    // Only the database is stateful here; its subnet group and security group are listed as re-created.
    expect(stateful.match(/^ {4}aws_/gm)).toHaveLength(1);
    expect(message).toMatch(/Other resources at a new address .*\n(.*\n)*\s+aws_db_subnet_group\.wordpress_database_subnet-group_/);
    expect(message).toContain('npm run snapshot:addresses');
    expect(message).toContain('CHANGELOG.md');
  });

  test('a rename kept by moveFromId: the instance is listed as kept, not as lost', () => {
    const oldAddress = Object.keys(before.stacks.dev.stateful).find((a) => a.startsWith('aws_db_instance.'))!;
    const after = program('db', (database) => database.instance.moveFromId(oldAddress));
    expect(after.moved.dev).toEqual([{ from: oldAddress, to: expect.stringMatching(/^aws_db_instance\.wordpress_db_/) }]);

    const message = describeAddressChanges('app', before.stacks, after)!;
    expect(message).not.toContain('Stateful resources whose address disappeared');
    expect(message).toContain(`Stateful resources kept by a moved block:\n    ${oldAddress} -> ${after.moved.dev[0].to}`);
  });

  test('a stateful resource with nothing of its type added is called deleted with its data', () => {
    const message = describeAddressChanges(
      'app',
      { dev: { stateful: { 'aws_s3_bucket.site_1': 'dev/site/Resource' }, other: {} } },
      {
        stacks: { dev: { stateful: {}, other: {} } },
        moved: {},
      },
    )!;
    expect(message).toContain('aws_s3_bucket.site_1 (dev/site/Resource)\n      nothing of its type was added: it is deleted with its data');
  });

  test('a stack that disappears names its stateful resources', () => {
    const message = describeAddressChanges('app', before.stacks, { stacks: {}, moved: {} })!;
    expect(message).toMatch(/Stack dev is gone.*\n.*aws_db_instance\.wordpress_database_/);
  });
});

describe('likelyTargets', () => {
  test('prefers the added resource of the same type whose construct path shares the most segments', () => {
    const added = {
      'aws_s3_bucket.a': 'dev/site/bucket/Resource',
      'aws_s3_bucket.b': 'dev/logs/bucket/Resource',
      'aws_db_instance.c': 'dev/site/bucket/Resource',
    };
    expect(likelyTargets('aws_s3_bucket.old', 'dev/site/old-bucket/Resource', added)).toEqual(['aws_s3_bucket.a']);
    expect(likelyTargets('aws_s3_bucket.old', 'dev/other/x', added)).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket.b']);
    expect(likelyTargets('aws_efs_file_system.old', 'dev/fs/Resource', added)).toEqual([]);
  });
});
