import { Construct } from 'constructs';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { WebStackError } from '../../core/errors';
import { DnsValidatedCertificate } from '../dns-validated-certificate';
import type { LoadBalancer } from '../load-balancer';

/** A host name in a Route 53 hosted zone, as `WordPressProps.domain` gives it. */
export interface SiteDomain {
  readonly name: string;
  readonly hostedZoneId: string;
}

/**
 * The DNS-validated certificate (construct id `certificate` under `scope`) for the site's domain,
 * or none without a domain. A domain and a certificate of the caller's own are refused together:
 * one of them would be ignored without a word.
 */
export function siteCertificate(
  scope: Construct,
  domain: SiteDomain | undefined,
  certificateArn: string | undefined,
): DnsValidatedCertificate | undefined {
  if (domain && certificateArn !== undefined) {
    throw new WebStackError(
      'domain and loadBalancer.certificateArn: give one; with domain a DNS-validated certificate for it is created, certificateArn brings your own',
      scope,
    );
  }
  return domain
    ? new DnsValidatedCertificate(scope, 'certificate', { domainName: domain.name, hostedZoneId: domain.hostedZoneId })
    : undefined;
}

/** Points the domain at the load balancer (construct id `alias-a` under `scope`). */
export function siteAliasRecord(
  scope: Construct,
  domain: SiteDomain,
  loadBalancer: Pick<LoadBalancer, 'loadBalancerDnsName' | 'loadBalancerCanonicalHostedZoneId'>,
): Route53Record {
  // An A alias only: the load balancer is IPv4 (an AAAA alias to it would answer nothing).
  return new Route53Record(scope, 'alias-a', {
    zoneId: domain.hostedZoneId,
    name: domain.name,
    type: 'A',
    alias: {
      name: loadBalancer.loadBalancerDnsName,
      zoneId: loadBalancer.loadBalancerCanonicalHostedZoneId,
      evaluateTargetHealth: true,
    },
  });
}
