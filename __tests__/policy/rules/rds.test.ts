import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { checkStack, openOf } from '../support';

const RDS_RULES = ['WS-RDS-1', 'WS-RDS-2', 'WS-RDS-3', 'WS-RDS-4', 'WS-RDS-5'];
const SAFE = {
  instanceClass: 'db.t4g.micro',
  engine: 'mysql',
  allocatedStorage: 20,
  storageEncrypted: true,
  publiclyAccessible: false,
  backupRetentionPeriod: 7,
  deletionProtection: true,
  username: 'admin',
  manageMasterUserPassword: true,
};

describe('RDS rules', () => {
  test('compliant: encrypted, private, 7 days of backups, protected, managed password (production)', () => {
    const checked = checkStack((stack) => new DbInstance(stack, 'db', SAFE), { production: true });
    for (const id of RDS_RULES) expect(openOf(checked, id)).toEqual([]);
  });

  test('non-compliant: unencrypted, public, no backups, unprotected, literal password (production)', () => {
    const checked = checkStack(
      (stack) =>
        new DbInstance(stack, 'db', {
          ...SAFE,
          storageEncrypted: false,
          publiclyAccessible: true,
          backupRetentionPeriod: 0,
          deletionProtection: false,
          manageMasterUserPassword: undefined,
          password: 'hunter2hunter2',
        }),
      { production: true },
    );
    for (const id of RDS_RULES) expect(openOf(checked, id)).toEqual([`${id} aws_db_instance.db`]);
    expect(checked.open.find((f) => f.ruleId === 'WS-RDS-5')?.message).toMatch(/a literal password is written in the configuration/);
  });

  test('WS-RDS-3: outside production one day of backups is enough, and the RDS default (1) counts; in production 3 is too few', () => {
    const { backupRetentionPeriod: _unused, ...withoutRetention } = SAFE;
    expect(
      openOf(
        checkStack((stack) => new DbInstance(stack, 'db', withoutRetention)),
        'WS-RDS-3',
      ),
    ).toEqual([]);
    expect(
      openOf(
        checkStack((stack) => new DbInstance(stack, 'db', { ...SAFE, backupRetentionPeriod: 3 }), { production: true }),
        'WS-RDS-3',
      ),
    ).toEqual(['WS-RDS-3 aws_db_instance.db']);
  });

  test('WS-RDS-4: deletion protection is not required outside production', () => {
    expect(
      openOf(
        checkStack((stack) => new DbInstance(stack, 'db', { ...SAFE, deletionProtection: false })),
        'WS-RDS-4',
      ),
    ).toEqual([]);
  });

  test('WS-RDS-5: a password from a reference still lands in state; a write-only password complies', () => {
    const referenced = checkStack(
      (stack) => new DbInstance(stack, 'db', { ...SAFE, manageMasterUserPassword: undefined, password: '${random_password.db.result}' }),
    );
    expect(checked(referenced)).toMatch(/stored in the Terraform state/);
    const writeOnly = checkStack(
      (stack) =>
        new DbInstance(stack, 'db', {
          ...SAFE,
          manageMasterUserPassword: undefined,
          passwordWo: '${ephemeral.random_password.db.result}',
          passwordWoVersion: 1,
        }),
    );
    expect(openOf(writeOnly, 'WS-RDS-5')).toEqual([]);
    function checked(result: ReturnType<typeof checkStack>): string | undefined {
      return result.open.find((f) => f.ruleId === 'WS-RDS-5')?.message;
    }
  });

  test('clusters: unencrypted with a master password breaks WS-RDS-1 and WS-RDS-5', () => {
    const checked = checkStack(
      (stack) => new RdsCluster(stack, 'cluster', { engine: 'aurora-mysql', masterUsername: 'admin', masterPassword: 'hunter2hunter2' }),
    );
    expect(openOf(checked, 'WS-RDS-1')).toEqual(['WS-RDS-1 aws_rds_cluster.cluster']);
    expect(openOf(checked, 'WS-RDS-5')).toEqual(['WS-RDS-5 aws_rds_cluster.cluster']);
  });

  test('a value only Terraform knows is reported as an error, not passed', () => {
    const checked = checkStack(
      (stack) => new DbInstance(stack, 'db', { ...SAFE, storageEncrypted: '${var.encrypted}' as unknown as boolean }),
    );
    const finding = checked.open.find((f) => f.ruleId === 'WS-RDS-1');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(/cannot judge/);
  });
});
