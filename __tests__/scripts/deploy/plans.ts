// Plans as `terraform show -json` prints them, holding only what the deploy's confirmation reads.
import { TerraformPlan } from '../../../harness/plan-json';

type Actions = 'create' | 'update' | 'replace' | 'destroy' | 'no-op';

const ACTIONS: Record<Actions, string[]> = {
  create: ['create'],
  update: ['update'],
  replace: ['delete', 'create'],
  destroy: ['delete'],
  'no-op': ['no-op'],
};

/** One resource change: `planned('replace', 'aws_db_instance.database', ['db_name'])`. */
export function planned(action: Actions, address: string, forcing: string[] = []): NonNullable<TerraformPlan['resource_changes']>[number] {
  const [type, name] = address.split('.');
  return {
    address,
    mode: 'managed',
    type,
    name,
    change: { actions: ACTIONS[action], ...(forcing.length > 0 ? { replace_paths: forcing.map((attribute) => [attribute]) } : {}) },
  };
}

/** A plan with these resource changes. */
export function planWith(...changes: ReturnType<typeof planned>[]): Pick<TerraformPlan, 'format_version' | 'resource_changes'> {
  return { format_version: '1.2', resource_changes: changes };
}
