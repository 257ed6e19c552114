// The database's settings apart from its resources: the default that follows another setting,
// and the per-field checks. The construct and the configuration loader both run these (through
// `findDatabaseProblems`), so a file and a program get the same answer. The defaults stay
// `Database.DEFAULT_*`; they are passed in, so this module needs the construct only as a type
// and there is no import cycle.
import { showValue } from '../../core/errors';
import type { Database, DatabaseSettings } from '../database';
import { findLogRetentionProblem } from './log-retention';
import { FieldProblem, wholeNumberProblem } from './problems';

/** "db.t4g.micro", "db.m7g.large", "db.r6g.2xlarge": db, a family, a size. */
export const DB_INSTANCE_CLASS_PATTERN = /^db\.[a-z][a-z0-9-]*\d[a-z0-9-]*\.(micro|small|medium|large|\d*xlarge)$/;
/** A MySQL major ("8.4") or full ("8.4.5") version. */
export const MYSQL_VERSION_PATTERN = /^\d+\.\d+(\.\d+)?$/;
/** RDS identifiers: a letter, then letters, digits and single hyphens, at most 63. */
const IDENTIFIER_PATTERN = /^[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]$/;

/** The defaults the settings fall back to: the `Database` class, for its `DEFAULT_*` constants. */
export type DatabaseDefaults = typeof Database;

/** gp3's largest size, which also caps storage autoscaling. */
const MAX_STORAGE_GIB = 65536;

/**
 * The smallest autoscaling limit RDS accepts for `allocated` GiB: it refuses, at create, a
 * `max_allocated_storage` less than 10 % above the allocated storage.
 */
export function minimumMaxAllocatedStorage(allocated: number): number {
  return Math.ceil((allocated * 11) / 10);
}

/**
 * Storage after defaults. The autoscaling limit defaults to `DEFAULT_MAX_ALLOCATED_STORAGE_GIB`,
 * or 10 % above the initial size when that is larger; 0 (autoscaling off) when even that would
 * pass gp3's largest size.
 */
export function resolveStorage(
  props: DatabaseSettings,
  defaults: DatabaseDefaults,
): { allocatedStorageGiB: number; maxAllocatedStorageGiB: number } {
  const allocatedStorageGiB = props.allocatedStorageGiB ?? defaults.DEFAULT_ALLOCATED_STORAGE_GIB;
  const followed = Math.max(minimumMaxAllocatedStorage(allocatedStorageGiB), defaults.DEFAULT_MAX_ALLOCATED_STORAGE_GIB);
  const maxAllocatedStorageGiB = props.maxAllocatedStorageGiB ?? (followed > MAX_STORAGE_GIB ? 0 : followed);
  return { allocatedStorageGiB, maxAllocatedStorageGiB };
}

/** Every problem of the settings, with `defaults` applied and the storage limit following the size. */
export function databaseSettingsProblems(props: DatabaseSettings, defaults: DatabaseDefaults): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const show = (value: unknown) => showValue(value);
  if (props.name !== undefined && !IDENTIFIER_PATTERN.test(props.name)) {
    problems.push({
      field: 'name',
      message: `${show(props.name)} is not an RDS identifier; use 2-63 lowercase letters, digits and single hyphens, starting with a letter`,
    });
  }
  const engineVersion = props.engineVersion ?? defaults.DEFAULT_ENGINE_VERSION;
  if (!MYSQL_VERSION_PATTERN.test(engineVersion)) {
    problems.push({
      field: 'engineVersion',
      message: `${show(engineVersion)} is not a MySQL version; use a major such as "8.4" or a full version such as "8.4.5"`,
    });
  }
  const instanceClass = props.instanceClass ?? defaults.DEFAULT_INSTANCE_CLASS;
  if (!DB_INSTANCE_CLASS_PATTERN.test(instanceClass)) {
    problems.push({
      field: 'instanceClass',
      message: `${show(instanceClass)} is not an RDS instance class; write it as db.family.size, such as "db.t4g.micro"`,
    });
  }
  const { allocatedStorageGiB: allocated, maxAllocatedStorageGiB: maxAllocated } = resolveStorage(props, defaults);
  problems.push(
    ...wholeNumberProblem('allocatedStorageGiB', allocated, 20, 65536, 'is out of range; gp3 takes whole GiB from 20 to 65536'),
  );
  const lowest = minimumMaxAllocatedStorage(allocated);
  if (maxAllocated !== 0 && (!Number.isInteger(maxAllocated) || maxAllocated < lowest || maxAllocated > MAX_STORAGE_GIB)) {
    problems.push({
      field: 'maxAllocatedStorageGiB',
      message: `${show(maxAllocated)} must be 0 (storage autoscaling off) or a whole number from ${lowest} (10 % above allocatedStorageGiB ${show(allocated)}, as RDS requires) to ${MAX_STORAGE_GIB}`,
    });
  }
  const backupDays = props.backupRetentionDays ?? defaults.DEFAULT_BACKUP_RETENTION_DAYS;
  problems.push(
    ...wholeNumberProblem('backupRetentionDays', backupDays, 1, 35, 'is out of range; keep automated backups for 1 to 35 days'),
  );
  // Required by the construct; a settings object checked on its own may leave them out.
  const { databaseName, masterUsername } = props;
  if (databaseName !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(databaseName)) {
    problems.push({ field: 'databaseName', message: `${show(databaseName)}: use a letter, then up to 63 letters, digits or underscores` });
  }
  if (masterUsername !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(masterUsername)) {
    problems.push({
      field: 'masterUsername',
      message: `${show(masterUsername)}: use a letter, then up to 15 letters, digits or underscores`,
    });
  }
  const retentionProblem = findLogRetentionProblem(props.logRetentionDays ?? defaults.DEFAULT_LOG_RETENTION_DAYS);
  if (retentionProblem) problems.push({ field: 'logRetentionDays', message: retentionProblem });
  const slowQuerySeconds = props.slowQuerySeconds ?? defaults.DEFAULT_SLOW_QUERY_SECONDS;
  if (!(slowQuerySeconds >= 0 && slowQuerySeconds <= 3600)) {
    problems.push({
      field: 'slowQuerySeconds',
      message: `${show(slowQuerySeconds)} is out of range; use seconds from 0 to 3600, such as 2`,
    });
  }
  return problems;
}
