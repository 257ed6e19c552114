import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { WebsiteBucket, WebsiteBucketAccess } from '../../constructs/website-bucket';
import { WebsiteDistribution, WebsiteDistributionProps } from '../../constructs/website-distribution';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

const ZONE = 'Z0123456789ABCDEFGHIJ';
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f5a1b2c-3d4e-5f60-7182-93a4b5c6d7e8';

function synthDistribution(
  props: Partial<Omit<WebsiteDistributionProps, 'bucket'>> & { access?: WebsiteBucketAccess; withProvider?: boolean } = {},
) {
  const { access = 'private', withProvider = true, ...rest } = props;
  return synthStack((stack: TerraformStack) => {
    const usEast1 = withProvider ? new AwsProvider(stack, 'us-east-1', { region: 'us-east-1', alias: 'us-east-1' }) : undefined;
    const bucket = new WebsiteBucket(stack, 'bucket', { bucketName: 'www.example.com', access });
    new WebsiteDistribution(stack, 'cdn', {
      domainName: 'www.example.com',
      bucket,
      hostedZoneId: ZONE,
      certificateProvider: usEast1,
      ...rest,
    });
  });
}

describe('WebsiteDistribution', () => {
  test('reads the private bucket through origin access control, signing every request', () => {
    const json = synthDistribution();
    const oac = onlyResourceOf(json, 'aws_cloudfront_origin_access_control');
    expect(oac).toMatchObject({ origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
    const distribution = onlyResourceOf(json, 'aws_cloudfront_distribution');
    expect(distribution.origin).toEqual([
      {
        origin_id: 's3-bucket',
        domain_name: ref('aws_s3_bucket', onlyResourceOf(json, 'aws_s3_bucket'), 'bucket_regional_domain_name'),
        origin_access_control_id: ref('aws_cloudfront_origin_access_control', oac),
      },
    ]);
  });

  test('redirects HTTP to HTTPS, serves the root object, answers for the domain only', () => {
    const distribution = onlyResourceOf(synthDistribution(), 'aws_cloudfront_distribution');
    expect(distribution).toMatchObject({
      enabled: true,
      aliases: ['www.example.com'],
      default_root_object: WebsiteDistribution.DEFAULT_ROOT_OBJECT,
      price_class: WebsiteDistribution.DEFAULT_PRICE_CLASS,
      default_cache_behavior: {
        viewer_protocol_policy: 'redirect-to-https',
        allowed_methods: ['GET', 'HEAD'],
        cache_policy_id: WebsiteDistribution.CACHING_OPTIMIZED_POLICY_ID,
        compress: true,
      },
      viewer_certificate: { ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' },
    });
  });

  test('the bucket policy lets only this distribution read', () => {
    const json = synthDistribution();
    const statements = JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy).Statement;
    const grant = statements.find((s: { Sid: string }) => s.Sid === 'AllowCloudFrontRead');
    expect(grant.Condition).toEqual({
      StringEquals: { 'AWS:SourceArn': ref('aws_cloudfront_distribution', onlyResourceOf(json, 'aws_cloudfront_distribution'), 'arn') },
    });
  });

  test('a new certificate lives in us-east-1, is validated through Route 53, and the distribution waits for it', () => {
    const json = synthDistribution();
    const certificate = onlyResourceOf(json, 'aws_acm_certificate');
    expect(certificate).toMatchObject({
      domain_name: 'www.example.com',
      validation_method: 'DNS',
      provider: 'aws.us-east-1',
      lifecycle: { create_before_destroy: true },
    });
    // One validation record per name, picked from the certificate's options by that name.
    const record = resourcesOf(json, 'aws_route53_record').find((r) => r.type !== 'A' && r.type !== 'AAAA');
    expect(record?.zone_id).toBe(ZONE);
    expect(record?.name).toContain(`aws_acm_certificate.${certificate.logicalId}.domain_validation_options`);
    expect(record?.name).toMatch(/\["www\.example\.com"\]\.resource_record_name/);
    const validation = onlyResourceOf(json, 'aws_acm_certificate_validation');
    expect(validation).toMatchObject({ provider: 'aws.us-east-1', certificate_arn: ref('aws_acm_certificate', certificate, 'arn') });
    expect(validation.validation_record_fqdns).toEqual([ref('aws_route53_record', record!, 'fqdn')]);
    expect(onlyResourceOf(json, 'aws_cloudfront_distribution').viewer_certificate.acm_certificate_arn).toBe(
      ref('aws_acm_certificate_validation', validation, 'certificate_arn'),
    );
  });

  test('alias A and AAAA records point the domain at the distribution', () => {
    const json = synthDistribution();
    const distribution = onlyResourceOf(json, 'aws_cloudfront_distribution');
    const aliases = resourcesOf(json, 'aws_route53_record').filter((r) => r.alias);
    expect(aliases.map((r) => r.type).sort()).toEqual(['A', 'AAAA']);
    for (const alias of aliases) {
      expect(alias).toMatchObject({
        zone_id: ZONE,
        name: 'www.example.com',
        alias: {
          name: ref('aws_cloudfront_distribution', distribution, 'domain_name'),
          zone_id: ref('aws_cloudfront_distribution', distribution, 'hosted_zone_id'),
        },
      });
    }
  });

  test('missing keys answer with the error document and status 404', () => {
    const distribution = onlyResourceOf(synthDistribution({ errorDocument: 'error.html' }), 'aws_cloudfront_distribution');
    expect(distribution.custom_error_response).toEqual([
      { error_code: 403, response_code: 404, response_page_path: '/error.html', error_caching_min_ttl: 60 },
      { error_code: 404, response_code: 404, response_page_path: '/error.html', error_caching_min_ttl: 60 },
    ]);
  });

  test('an existing certificate is used as is, with no DNS records when there is no zone', () => {
    const json = synthDistribution({ certificateArn: CERTIFICATE, hostedZoneId: undefined, withProvider: false });
    expect(resourcesOf(json, 'aws_acm_certificate')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_route53_record')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_cloudfront_distribution').viewer_certificate.acm_certificate_arn).toBe(CERTIFICATE);
  });

  test('rejects a public-read bucket', () => {
    expect(() => synthDistribution({ access: 'public-read' })).toThrow(
      /test\/cdn: bucket: has access "public-read"; CloudFront reads through origin access control/,
    );
  });

  test('rejects a new certificate without a hosted zone or a us-east-1 provider', () => {
    expect(() => synthDistribution({ hostedZoneId: undefined })).toThrow(
      /certificateArn: is not set, and a new certificate needs both hostedZoneId .* and certificateProvider/,
    );
    expect(() => synthDistribution({ withProvider: false })).toThrow(/certificateArn: is not set/);
  });

  test('rejects a certificate outside us-east-1', () => {
    expect(() => synthDistribution({ certificateArn: CERTIFICATE.replace('us-east-1', 'eu-west-1') })).toThrow(
      /certificateArn "arn:aws:acm:eu-west-1:.*": CloudFront only uses ACM certificates from us-east-1/,
    );
  });

  test('rejects a domain that is not a host name', () => {
    expect(() => synthDistribution({ domainName: 'www.example.com:443' })).toThrow(
      /domainName "www\.example\.com:443" is a URL or has a port or path/,
    );
  });
});
