import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, referencesIn } from '../../values';
import { LISTENER_TYPES, listenerProtocol } from './load-balancers';

/**
 * HTTPS listeners carry a certificate, and once a load balancer has one, its HTTP listeners
 * only redirect to HTTPS.
 */
export const AlbHttpsWhenCertificate: PolicyRule = {
  name: 'AlbHttpsWhenCertificate',
  resourceTypes: LISTENER_TYPES,
  check(listener, context) {
    const protocol = listenerProtocol(listener);
    if (protocol === 'HTTPS') {
      return listener.config.certificate_arn ? Compliance.COMPLIANT : nonCompliant('HTTPS listener without certificate_arn');
    }
    if (protocol !== 'HTTP') return Compliance.NOT_APPLICABLE;
    const lbAddress = referencesIn(listener.config.load_balancer_arn)[0]?.address;
    const siblings = context.stack
      .resources(...LISTENER_TYPES)
      .filter((l) => l !== listener && referencesIn(l.config.load_balancer_arn)[0]?.address === lbAddress);
    const hasCertificate = lbAddress !== undefined && siblings.some((l) => listenerProtocol(l) === 'HTTPS' && l.config.certificate_arn);
    if (!hasCertificate) return Compliance.NOT_APPLICABLE;
    const redirects = blocks(listener.config.default_action).every(
      (action) => action.type === 'redirect' && blocks(action.redirect).some((r) => String(r.protocol).toUpperCase() === 'HTTPS'),
    );
    return redirects
      ? Compliance.COMPLIANT
      : nonCompliant('the load balancer has a certificate but this HTTP listener does not redirect to HTTPS');
  },
};
