import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { stringValue } from '../../values';
import { LISTENER_TYPES, listenerProtocol } from './load-balancers';

/** The provider's default when ssl_policy is unset; it still accepts TLS 1.0. */
export const LEGACY_DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

/** HTTPS listeners use a security policy that accepts TLS 1.2 or newer only. */
export const AlbTlsPolicy: PolicyRule = {
  name: 'AlbTlsPolicy',
  resourceTypes: LISTENER_TYPES,
  check(listener) {
    if (!['HTTPS', 'TLS'].includes(listenerProtocol(listener))) return Compliance.NOT_APPLICABLE;
    const policy = stringValue(listener.config.ssl_policy, 'ssl_policy') ?? LEGACY_DEFAULT_SSL_POLICY;
    return /TLS13|TLS-1-2|FS-1-2/.test(policy)
      ? Compliance.COMPLIANT
      : nonCompliant(`ssl_policy "${policy}" accepts TLS versions older than 1.2`);
  },
};
