import { STATEFUL_TYPES } from '../../../core/stateful';
import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, booleanValue, numberValue } from '../../values';

/**
 * What AWS itself keeps after a delete, for the types that have a waiting period: a deleted
 * secret can be restored within its recovery window, and a KMS key is only scheduled for
 * deletion (7 to 30 days, never less). Every other stateful type is gone when deleted.
 */
function recoverableAfterDelete(type: string, config: Readonly<Record<string, any>>): boolean {
  if (type === 'aws_kms_key') return true;
  if (type === 'aws_secretsmanager_secret') {
    // Absent means AWS's default of 30 days; 0 deletes at once.
    const window = numberValue(config.recovery_window_in_days, 'recovery_window_in_days');
    return window === undefined || window > 0;
  }
  return false;
}

/**
 * In a production stack, every resource that holds data (core/stateful.ts) has
 * `lifecycle.prevent_destroy`, so Terraform refuses a plan that would destroy or replace it;
 * secrets with a recovery window and KMS keys, which AWS keeps for a while after a delete, pass
 * without it.
 */
export const StatefulResourcePreventDestroyInProduction: PolicyRule = {
  name: 'StatefulResourcePreventDestroyInProduction',
  resourceTypes: [...STATEFUL_TYPES],
  check(resource, context) {
    if (!context.production) return Compliance.NOT_APPLICABLE;
    const prevent = blocks(resource.config.lifecycle).some((l) => booleanValue(l.prevent_destroy, 'lifecycle.prevent_destroy') === true);
    if (prevent || recoverableAfterDelete(resource.type, resource.config)) return Compliance.COMPLIANT;
    return nonCompliant(`${resource.type} holds data and has no lifecycle.prevent_destroy in a production stack`);
  },
};
