import { FieldProblem } from './problems';

// The problems only the construct can see, next to the settings `findDatabaseProblems` checks:
// the names RDS fixes at create, and where the instance goes.

/** `databaseName` and `masterUsername` when missing. */
export function missingNameProblems(props: { readonly databaseName?: string; readonly masterUsername?: string }): FieldProblem[] {
  // Required by the types; checked again for JavaScript callers, whom no compiler stops.
  return (['databaseName', 'masterUsername'] as const)
    .filter((field) => props[field] === undefined)
    .map((field) => ({
      field,
      message: 'is required: RDS cannot change it later without replacing the instance, so no default is assumed',
    }));
}

/** `subnetIds` when it spans fewer than the two zones a DB subnet group needs. */
export function subnetZoneProblems(subnetIds: Readonly<Record<string, string>>): FieldProblem[] {
  const zones = Object.keys(subnetIds).length;
  return zones < 2
    ? [{ field: 'subnetIds', message: `has ${zones} zone(s); a DB subnet group needs subnets in at least two availability zones` }]
    : [];
}
