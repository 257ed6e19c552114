import { createHash } from 'crypto';

/**
 * The settings of an `aws_db_instance` whose change replaces it (the provider marks them
 * ForceNew), as the Database construct writes them. Only literals known at synth count.
 */
export interface ReplacingSettings {
  readonly identifier: string;
  readonly engine: string;
  readonly dbName: string;
  readonly username: string;
  readonly storageEncrypted: boolean;
}

/**
 * The identifier of the snapshot RDS takes when it deletes the instance:
 * `<identifier>-final-<8 hex digits>`, the digits a hash of the settings whose change replaces
 * the instance.
 *
 * Why not a fixed `<identifier>-final`: a replacement deletes the old instance under the name its
 * state holds, and the new instance inherits the same name, so the second replacement fails with
 * DBSnapshotAlreadyExists and leaves the stack half applied. The name must change with each new
 * instance, without a diff on every plan (a `timestamp()` would), offline and with the AWS
 * provider alone (`random_id` with keepers, or `time_static`, need providers the offline mirror
 * lacks). A hash of the replacing settings does that: whatever replaces the instance changes the
 * hash, so the new instance's final snapshot gets a new name, while a plan that replaces nothing
 * leaves it as it is. Two cases still repeat a name, and docs/day-2.md says how to handle them:
 * a replacement not caused by the configuration (`terraform apply -replace`, a tainted instance),
 * and settings that return to values an earlier instance had, while that instance's final
 * snapshot is still kept.
 */
export function finalSnapshotIdentifier(settings: ReplacingSettings): string {
  const canonical = JSON.stringify([settings.identifier, settings.engine, settings.dbName, settings.username, settings.storageEncrypted]);
  return `${settings.identifier}-final-${createHash('sha256').update(canonical).digest('hex').slice(0, 8)}`;
}
