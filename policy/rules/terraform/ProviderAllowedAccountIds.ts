import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { AWS_PROVIDER_TYPE } from '../../stack-view';
import { list, stringValue } from '../../values';

function allowedAccounts(config: Readonly<Record<string, any>>): string[] {
  return list(config.allowed_account_ids).map((id) => stringValue(id, 'allowed_account_ids') as string);
}

/**
 * Every AWS provider configuration pins the account it may touch. The account is the one the
 * checks were given (`accountId`); without one, any account named by another provider of the
 * same stack, so an aliased provider cannot be the one that forgot it.
 */
export const ProviderAllowedAccountIds: PolicyRule = {
  name: 'ProviderAllowedAccountIds',
  resourceTypes: [AWS_PROVIDER_TYPE],
  check(provider, context) {
    const expected = context.accountId
      ? [context.accountId]
      : [...new Set(context.stack.settings.filter((s) => s.type === AWS_PROVIDER_TYPE).flatMap((s) => allowedAccounts(s.config)))];
    if (expected.length === 0) return Compliance.NOT_APPLICABLE;
    const allowed = allowedAccounts(provider.config);
    if (allowed.length === 0) return nonCompliant(`allowed_account_ids is unset, so this provider would apply in any account`);
    const missing = expected.filter((id) => !allowed.includes(id));
    return missing.length === 0
      ? Compliance.COMPLIANT
      : nonCompliant(`allowed_account_ids ${JSON.stringify(allowed)} lacks the configured account ${missing.join(', ')}`);
  },
};
