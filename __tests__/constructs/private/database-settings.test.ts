import { Database, DatabaseSettings, findDatabaseProblems } from '../../../constructs/database';
import { resolveStorage } from '../../../constructs/private/database-settings';

/** The one problem `settings` has, as the construct shows it (`field message`). */
function onlyProblem(settings: DatabaseSettings): string {
  const problems = findDatabaseProblems(settings);
  expect(problems).toHaveLength(1);
  return `${problems[0].field} ${problems[0].message}`;
}

describe('database settings', () => {
  test('no settings, and the defaults written out, have no problems', () => {
    expect(findDatabaseProblems({})).toEqual([]);
    expect(
      findDatabaseProblems({
        name: 'web-dev',
        engineVersion: Database.DEFAULT_ENGINE_VERSION,
        instanceClass: Database.DEFAULT_INSTANCE_CLASS,
        allocatedStorageGiB: Database.DEFAULT_ALLOCATED_STORAGE_GIB,
        maxAllocatedStorageGiB: Database.DEFAULT_MAX_ALLOCATED_STORAGE_GIB,
        backupRetentionDays: Database.DEFAULT_BACKUP_RETENTION_DAYS,
        databaseName: 'wordpress',
        masterUsername: 'wpadmin',
        logRetentionDays: Database.DEFAULT_LOG_RETENTION_DAYS,
        slowQuerySeconds: Database.DEFAULT_SLOW_QUERY_SECONDS,
      }),
    ).toEqual([]);
  });

  test('the storage limit follows the size, at least 10 % above it: 20 gives 100, 95 gives 105, 150 gives 165, an explicit limit stays', () => {
    expect(resolveStorage({}, Database)).toEqual({ allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100 });
    expect(resolveStorage({ allocatedStorageGiB: 95 }, Database)).toEqual({ allocatedStorageGiB: 95, maxAllocatedStorageGiB: 105 });
    expect(resolveStorage({ allocatedStorageGiB: 150 }, Database)).toEqual({ allocatedStorageGiB: 150, maxAllocatedStorageGiB: 165 });
    expect(resolveStorage({ allocatedStorageGiB: 50, maxAllocatedStorageGiB: 60 }, Database)).toEqual({
      allocatedStorageGiB: 50,
      maxAllocatedStorageGiB: 60,
    });
  });

  test("the default follows the rule for any size: every allowed size gets a limit RDS accepts, or 0 past gp3's largest", () => {
    for (let allocatedStorageGiB = 20; allocatedStorageGiB <= 65536; allocatedStorageGiB += 1) {
      const { maxAllocatedStorageGiB } = resolveStorage({ allocatedStorageGiB }, Database);
      expect(findDatabaseProblems({ allocatedStorageGiB })).toEqual([]);
      expect(maxAllocatedStorageGiB === 0 || maxAllocatedStorageGiB * 10 >= allocatedStorageGiB * 11).toBe(true);
    }
    expect(resolveStorage({ allocatedStorageGiB: 65536 }, Database).maxAllocatedStorageGiB).toBe(0);
  });

  test('0 turns storage autoscaling off and is accepted for any size', () => {
    expect(findDatabaseProblems({ allocatedStorageGiB: 500, maxAllocatedStorageGiB: 0 })).toEqual([]);
    expect(resolveStorage({ allocatedStorageGiB: 500, maxAllocatedStorageGiB: 0 }, Database).maxAllocatedStorageGiB).toBe(0);
  });

  test('error: a limit above the size but less than 10 % above it, which RDS refuses at create', () => {
    expect(onlyProblem({ allocatedStorageGiB: 100, maxAllocatedStorageGiB: 109 })).toMatch(
      /^maxAllocatedStorageGiB 109 must be 0 \(storage autoscaling off\) or a whole number from 110 \(10 % above allocatedStorageGiB 100/,
    );
    expect(findDatabaseProblems({ allocatedStorageGiB: 100, maxAllocatedStorageGiB: 110 })).toEqual([]);
  });

  test('error: a log retention CloudWatch does not accept', () => {
    expect(onlyProblem({ logRetentionDays: 10 })).toMatch(
      /^logRetentionDays 10 is not a retention CloudWatch Logs accepts; use one of 0, 1, 3/,
    );
  });

  test('error: a slow query threshold out of range', () => {
    expect(onlyProblem({ slowQuerySeconds: -1 })).toMatch(/^slowQuerySeconds -1 is out of range; use seconds from 0 to 3600/);
  });

  test('error: a name that is not an RDS identifier', () => {
    expect(onlyProblem({ name: 'Web_Dev' })).toMatch(/^name "Web_Dev" is not an RDS identifier/);
  });

  test('error: a malformed engine version', () => {
    expect(onlyProblem({ engineVersion: '8' })).toMatch(/^engineVersion "8" is not a MySQL version/);
  });

  test('error: a malformed instance class', () => {
    expect(onlyProblem({ instanceClass: 't4g.micro' })).toMatch(
      /^instanceClass "t4g.micro" is not an RDS instance class; write it as db.family.size, such as "db.t4g.micro"/,
    );
  });

  test('error: storage below the gp3 minimum', () => {
    expect(onlyProblem({ allocatedStorageGiB: 10 })).toMatch(/^allocatedStorageGiB 10 is out of range/);
  });

  test('error: an autoscaling limit below the initial size', () => {
    expect(onlyProblem({ allocatedStorageGiB: 100, maxAllocatedStorageGiB: 50 })).toMatch(
      /^maxAllocatedStorageGiB 50 must be 0 \(storage autoscaling off\) or a whole number from 110 \(10 % above allocatedStorageGiB 100/,
    );
  });

  test('error: a limit below the default size when only the limit is given', () => {
    expect(onlyProblem({ maxAllocatedStorageGiB: 15 })).toMatch(
      /^maxAllocatedStorageGiB 15 must be 0 \(storage autoscaling off\) or a whole number from 22 \(10 % above allocatedStorageGiB 20/,
    );
  });

  test('error: backup retention out of range', () => {
    expect(onlyProblem({ backupRetentionDays: 0 })).toMatch(/^backupRetentionDays 0 is out of range/);
  });

  test('error: a database name MySQL would refuse', () => {
    expect(onlyProblem({ databaseName: 'my-db' })).toMatch(/^databaseName "my-db": use a letter/);
  });

  test('error: a master user name MySQL would refuse', () => {
    expect(onlyProblem({ masterUsername: '1admin' })).toMatch(/^masterUsername "1admin": use a letter/);
  });

  test('every problem is reported at once', () => {
    expect(findDatabaseProblems({ name: 'Web_Dev', backupRetentionDays: 0, slowQuerySeconds: -1 }).map((p) => p.field)).toEqual([
      'name',
      'backupRetentionDays',
      'slowQuerySeconds',
    ]);
  });
});
