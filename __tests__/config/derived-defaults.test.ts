// One source of truth: a default that follows another field (desired capacity follows minSize,
// the storage limit follows the size) comes out the same through the configuration file and
// through the construct on its own, because config/ leaves both to the construct.
import { config } from '../../config/environments';
import { loadConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';
import { Database } from '../../constructs/database';
import { WebServers } from '../../constructs/web-servers';
import { synthesizeToTemp } from '../../harness/synth';
import { buildApp } from '../../main';
import { testNetwork } from '../support/network';
import { onlyResourceOf, synthStack } from '../support/synth';

/** The dev stack of the project's configuration with `wordpress` replaced. */
function devStackWith(wordpress: unknown): Record<string, any> {
  const draft = structuredClone(config) as any;
  draft.environments.dev.wordpress = wordpress;
  const loaded = loadConfig(draft as ConfigInput, ['dev']);
  return synthesizeToTemp((outdir) => buildApp(loaded, outdir)).stackJson('dev');
}

describe('derived defaults are the same through config and through the constructs', () => {
  test('webServers: { minSize: 3 } gives 3/3/4 both ways', () => {
    const throughConfig = onlyResourceOf(devStackWith({ webServers: { minSize: 3 } }), 'aws_autoscaling_group');
    const direct = onlyResourceOf(
      synthStack(
        (stack) => new WebServers(stack, 'web', { name: 'web-dev', network: testNetwork(stack), userDataBase64: 'IyEK', minSize: 3 }),
      ),
      'aws_autoscaling_group',
    );
    for (const group of [throughConfig, direct]) {
      expect([group.min_size, group.desired_capacity, group.max_size]).toEqual([3, 3, 4]);
    }
  });

  test('database: { allocatedStorageGiB: 150 } gives 150/165 both ways', () => {
    const throughConfig = onlyResourceOf(devStackWith({ database: { allocatedStorageGiB: 150 } }), 'aws_db_instance');
    const direct = onlyResourceOf(
      synthStack(
        (stack) =>
          new Database(stack, 'db', {
            name: 'web-dev',
            network: testNetwork(stack),
            databaseName: 'wordpress',
            masterUsername: 'wpadmin',
            allocatedStorageGiB: 150,
          }),
      ),
      'aws_db_instance',
    );
    for (const db of [throughConfig, direct]) {
      expect([db.allocated_storage, db.max_allocated_storage]).toEqual([150, 165]);
    }
  });

  test('a per-field problem found by the construct carries the configuration path', () => {
    expect(() => devStackWith({ webServers: { minSize: 5, maxSize: 3 } })).toThrow(
      /environments\.dev\.wordpress\.webServers\.minSize: 5 is greater than maxSize 3/,
    );
    expect(() => devStackWith({ database: { allocatedStorageGiB: 150, maxAllocatedStorageGiB: 100 } })).toThrow(
      /environments\.dev\.wordpress\.database\.maxAllocatedStorageGiB: 100 must be 0 \(storage autoscaling off\) or a whole number from 165 \(10 % above allocatedStorageGiB 150, as RDS requires\) to 65536/,
    );
  });
});
