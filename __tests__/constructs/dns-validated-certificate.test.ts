import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { DnsValidatedCertificate, DnsValidatedCertificateProps } from '../../constructs/dns-validated-certificate';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';

const ZONE = 'Z0123456789ABCDEFGHIJ';

function synthCertificate(props: Partial<DnsValidatedCertificateProps> = {}) {
  return synthStack(
    (stack) => new DnsValidatedCertificate(stack, 'certificate', { domainName: 'www.example.com', hostedZoneId: ZONE, ...props }),
  );
}

function expectPropError(props: Partial<DnsValidatedCertificateProps>, message: RegExp) {
  expect(() => synthCertificate(props)).toThrow(WebStackError);
  expect(() => synthCertificate(props)).toThrow(message);
}

describe('DnsValidatedCertificate', () => {
  test('a DNS-validated certificate for the name, replaced before it is destroyed', () => {
    const certificate = onlyResourceOf(synthCertificate(), 'aws_acm_certificate');
    expect(certificate).toMatchObject({
      domain_name: 'www.example.com',
      validation_method: 'DNS',
      lifecycle: { create_before_destroy: true },
    });
    expect(certificate.subject_alternative_names).toBeUndefined();
  });

  test('one validation record per name, keyed by the name, in the hosted zone; the validation waits for all of them', () => {
    // GIVEN a certificate with an alternative name
    const json = synthCertificate({ subjectAlternativeNames: ['example.com'] });
    // THEN each name has its own record, reading its option by name (not by list index)
    const www = resourceAtPath(json, 'aws_route53_record', 'certificate/validation-www.example.com');
    const apex = resourceAtPath(json, 'aws_route53_record', 'certificate/validation-example.com');
    for (const [record, name] of [
      [www, 'www.example.com'],
      [apex, 'example.com'],
    ] as const) {
      expect(record).toMatchObject({ zone_id: ZONE, ttl: 300, allow_overwrite: true });
      expect(record.name).toContain(`"${name}"`);
      expect(record.name).toContain('resource_record_name');
    }
    expect(onlyResourceOf(json, 'aws_acm_certificate').subject_alternative_names).toEqual(['example.com']);
    expect(onlyResourceOf(json, 'aws_acm_certificate_validation').validation_record_fqdns).toEqual([
      ref('aws_route53_record', www, 'fqdn'),
      ref('aws_route53_record', apex, 'fqdn'),
    ]);
  });

  test("certificateArn is the validation's, so users wait until the certificate is issued", () => {
    const json = synthStack((stack) => {
      const certificate = new DnsValidatedCertificate(stack, 'certificate', { domainName: 'www.example.com', hostedZoneId: ZONE });
      new TerraformOutput(stack, 'arn', { value: certificate.certificateArn });
    });
    expect(json.output.arn.value).toBe(
      ref('aws_acm_certificate_validation', onlyResourceOf(json, 'aws_acm_certificate_validation'), 'certificate_arn'),
    );
  });

  test('a provider given (us-east-1 for CloudFront) makes the certificate and its validation there', () => {
    const json = synthStack((stack) => {
      const useast1 = new AwsProvider(stack, 'us-east-1', { region: 'us-east-1', alias: 'us-east-1' });
      new DnsValidatedCertificate(stack, 'certificate', { domainName: 'www.example.com', hostedZoneId: ZONE, provider: useast1 });
    });
    expect(onlyResourceOf(json, 'aws_acm_certificate').provider).toBe('aws.us-east-1');
    expect(onlyResourceOf(json, 'aws_acm_certificate_validation').provider).toBe('aws.us-east-1');
    expect(resourcesOf(json, 'aws_route53_record')[0].provider).toBeUndefined();
  });

  test('error: a name that is not a host name', () => {
    expectPropError({ domainName: 'www..example.com' }, /domain name "www\.\.example\.com"/);
    expectPropError({ subjectAlternativeNames: ['https://example.com'] }, /domain name "https:\/\/example\.com"/);
  });

  test('error: a name listed twice', () => {
    expectPropError(
      { subjectAlternativeNames: ['www.example.com'] },
      /subjectAlternativeNames \["www\.example\.com"\]: list each name once, and not the domainName/,
    );
  });

  test('error: a hosted zone ID that is not one', () => {
    expectPropError({ hostedZoneId: 'example.com' }, /hostedZoneId "example\.com": is not a Route 53 hosted zone ID/);
  });
});
