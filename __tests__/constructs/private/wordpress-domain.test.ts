import { Construct } from 'constructs';
import { WebStackError } from '../../../core/errors';
import { siteAliasRecord, siteCertificate } from '../../../constructs/private/wordpress-domain';
import { onlyResourceOf, resourcesOf, synthStack } from '../../support/synth';

const DOMAIN = { name: 'blog.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
const OWN_CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';

describe('siteCertificate', () => {
  test('a domain gets a DNS-validated certificate in its zone', () => {
    const json = synthStack((stack) => {
      siteCertificate(new Construct(stack, 'site'), DOMAIN, undefined);
    });
    expect(onlyResourceOf(json, 'aws_acm_certificate')).toMatchObject({ domain_name: 'blog.example.com', validation_method: 'DNS' });
    expect(resourcesOf(json, 'aws_route53_record').every((record) => record.zone_id === DOMAIN.hostedZoneId)).toBe(true);
  });

  test('without a domain, nothing is created', () => {
    let certificate: unknown = 'unset';
    const json = synthStack((stack) => {
      certificate = siteCertificate(new Construct(stack, 'site'), undefined, OWN_CERTIFICATE);
    });
    expect(certificate).toBeUndefined();
    expect(resourcesOf(json, 'aws_acm_certificate')).toEqual([]);
  });

  test('a domain next to a certificate of its own is refused, naming both', () => {
    const build = () =>
      synthStack((stack) => {
        siteCertificate(new Construct(stack, 'site'), DOMAIN, OWN_CERTIFICATE);
      });
    expect(build).toThrow(WebStackError);
    expect(build).toThrow(/domain and loadBalancer\.certificateArn: give one/);
  });
});

describe('siteAliasRecord', () => {
  test("an A alias in the domain's zone to the load balancer, following its health", () => {
    const json = synthStack((stack) => {
      siteAliasRecord(stack, DOMAIN, {
        loadBalancerDnsName: 'site-123.eu-west-1.elb.amazonaws.com',
        loadBalancerCanonicalHostedZoneId: 'Z32O12XQLNTSW2',
      });
    });
    expect(onlyResourceOf(json, 'aws_route53_record')).toMatchObject({
      zone_id: DOMAIN.hostedZoneId,
      name: 'blog.example.com',
      type: 'A',
      alias: { name: 'site-123.eu-west-1.elb.amazonaws.com', zone_id: 'Z32O12XQLNTSW2', evaluate_target_health: true },
    });
  });
});
