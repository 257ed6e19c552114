import { TerraformOutput } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StaticWebsite, StaticWebsiteProps } from '../../constructs/static-website';
import { packageFile } from '../../core/package-file';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';
import { repeatedChildAttributes } from '../support/attributes';

const ZONE = 'Z0123456789ABCDEFGHIJ';

function synthSite(props: Partial<StaticWebsiteProps> = {}, expose?: (site: StaticWebsite) => void) {
  return synthStack((stack) => {
    const needsProvider = props.hosting === 'cloudfront' && props.certificateArn === undefined && !('certificateProvider' in props);
    const certificateProvider = needsProvider
      ? new AwsProvider(stack, 'us-east-1', { region: 'us-east-1', alias: 'us-east-1' })
      : props.certificateProvider;
    const site = new StaticWebsite(stack, 'site', { domainName: 'www.example.com', ...props, certificateProvider });
    expose?.(site);
  });
}

describe('StaticWebsite', () => {
  test('defaults: S3 website hosting from a public-read bucket named after the domain', () => {
    let site: StaticWebsite | undefined;
    const json = synthSite({}, (s) => (site = s));
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    expect(bucket.bucket).toBe('www.example.com');
    expect(onlyResourceOf(json, 'aws_s3_bucket_website_configuration')).toMatchObject({
      index_document: { suffix: StaticWebsite.DEFAULT_INDEX_DOCUMENT },
      error_document: { key: StaticWebsite.DEFAULT_ERROR_DOCUMENT },
    });
    expect(onlyResourceOf(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_policy: false,
      block_public_acls: true,
    });
    expect(resourcesOf(json, 'aws_cloudfront_distribution')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_route53_record')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_s3_object')).toHaveLength(0);
    expect(site?.hosting).toBe('s3-website');
    expect(site?.url).toBe('http://www.example.com');
    expect(site?.distribution).toBeUndefined();
  });

  test('a bucketName equal to the domain is accepted', () => {
    expect(onlyResourceOf(synthSite({ bucketName: 'www.example.com' }), 'aws_s3_bucket').bucket).toBe('www.example.com');
  });

  test('behind CloudFront the bucket may carry another name, such as one with the project prefix', () => {
    const json = synthSite({ hosting: 'cloudfront', hostedZoneId: ZONE, bucketName: 'web-stack-prod-www-example-com' });
    expect(onlyResourceOf(json, 'aws_s3_bucket').bucket).toBe('web-stack-prod-www-example-com');
  });

  test('with a hosted zone, a CNAME points the domain at the website endpoint', () => {
    const json = synthSite({ hostedZoneId: ZONE });
    const website = onlyResourceOf(json, 'aws_s3_bucket_website_configuration');
    expect(onlyResourceOf(json, 'aws_route53_record')).toMatchObject({
      zone_id: ZONE,
      name: 'www.example.com',
      type: 'CNAME',
      ttl: StaticWebsite.DEFAULT_RECORD_TTL,
      records: [ref('aws_s3_bucket_website_configuration', website, 'website_endpoint')],
    });
  });

  test('redirect domains get a redirect-all bucket of their name and an alias record', () => {
    const json = synthSite({ hostedZoneId: ZONE, redirectDomains: ['example.com'] });
    const redirectBucket = resourceAtPath(json, 'aws_s3_bucket', 'site/redirect-example.com/Resource');
    expect(redirectBucket.bucket).toBe('example.com');
    const redirect = resourceAtPath(json, 'aws_s3_bucket_website_configuration', 'site/redirect-example.com/website');
    expect(redirect.redirect_all_requests_to).toEqual({ host_name: 'www.example.com', protocol: 'http' });
    expect(resourceAtPath(json, 'aws_route53_record', 'site/redirect-example.com-alias')).toMatchObject({
      name: 'example.com',
      type: 'A',
      alias: {
        name: ref('aws_s3_bucket_website_configuration', redirect, 'website_domain'),
        zone_id: ref('aws_s3_bucket', redirectBucket, 'hosted_zone_id'),
      },
    });
    // Nothing is stored in a redirect bucket: only stray multipart uploads are cleaned up.
    expect(resourceAtPath(json, 'aws_s3_bucket_lifecycle_configuration', 'site/redirect-example.com/lifecycle/Resource').rule).toEqual([
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
  });

  test('cloudfront: private bucket, no website endpoint, distribution with OAC, redirect domains answered by CloudFront over https', () => {
    let site: StaticWebsite | undefined;
    const json = synthSite({ hosting: 'cloudfront', hostedZoneId: ZONE, redirectDomains: ['example.com'] }, (s) => {
      site = s;
      new TerraformOutput(s, 'dns-target', { value: s.dnsTarget });
    });
    const block = resourceAtPath(json, 'aws_s3_bucket_public_access_block', 'site/bucket/public-access-block');
    expect(block).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    // No redirect bucket: its website endpoint would be HTTP only.
    expect(resourcesOf(json, 'aws_s3_bucket_website_configuration')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_s3_bucket')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_cloudfront_origin_access_control')).toHaveLength(1);
    expect(resourceAtPath(json, 'aws_cloudfront_distribution', 'site/distribution/Resource')).toMatchObject({
      default_root_object: 'index.html',
      aliases: ['www.example.com'],
    });
    expect(resourceAtPath(json, 'aws_cloudfront_distribution', 'site/distribution/redirect').aliases).toEqual(['example.com']);
    expect(onlyResourceOf(json, 'aws_acm_certificate').subject_alternative_names).toEqual(['example.com']);
    expect(site?.url).toBe('https://www.example.com');
    const distributionDomain = ref(
      'aws_cloudfront_distribution',
      resourceAtPath(json, 'aws_cloudfront_distribution', 'site/distribution/Resource'),
      'domain_name',
    );
    expect(Object.values(json.output).map((output: any) => output.value)).toEqual([distributionDomain]);
    expect(resourcesOf(json, 'aws_route53_record').filter((r) => r.type === 'CNAME')).toHaveLength(0);
  });

  test("the bucket's and the distribution's attributes are reached through them, not repeated on the site", () => {
    // GIVEN a site in each hosting mode
    const sites: StaticWebsite[] = [];
    synthSite({}, (site) => sites.push(site));
    synthSite({ hosting: 'cloudfront', hostedZoneId: ZONE }, (site) => sites.push(site));
    // THEN the only attribute that equals a child's is dnsTarget, which picks one child by mode
    for (const site of sites) {
      expect(repeatedChildAttributes(site)).toEqual(['dnsTarget']);
    }
    expect(sites[0].dnsTarget).toBe(sites[0].websiteBucket.websiteEndpoint);
    expect(sites[1].dnsTarget).toBe(sites[1].distribution?.distributionDomainName);
  });

  test("contentDir uploads the folder into the site's bucket", () => {
    const json = synthSite({ contentDir: packageFile('site') });
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    const objects = resourcesOf(json, 'aws_s3_object');
    expect(objects.map((o) => o.key).sort()).toEqual(['css/site.css', 'error.html', 'images/logo.svg', 'index.html']);
    expect(objects.every((o) => o.bucket === ref('aws_s3_bucket', bucket, 'bucket'))).toBe(true);
  });

  test('rejects a bucketName that differs from the domain, saying why', () => {
    expect(() => synthSite({ bucketName: 'my-site-bucket' })).toThrow(
      /test\/site: bucketName "my-site-bucket" differs from domainName "www\.example\.com": S3 website hosting serves a request from the bucket named exactly like the request's Host header.*set it to "www\.example\.com"/,
    );
  });

  test('rejects a domain that is not a host name', () => {
    expect(() => synthSite({ domainName: 'http://www.example.com' })).toThrow(/domainName "http:\/\/www\.example\.com" is a URL/);
  });

  test('rejects a domain that cannot be a bucket name', () => {
    expect(() => synthSite({ domainName: `${'a'.repeat(60)}.example.com` })).toThrow(
      /domainName "a+\.example\.com" cannot be a bucket name: it is 72 characters long/,
    );
  });

  test('rejects an upper-case domain', () => {
    expect(() => synthSite({ domainName: 'WWW.example.com' })).toThrow(
      /domainName "WWW\.example\.com" has upper-case letters; write the host name in lowercase, such as "www\.example\.com"/,
    );
  });

  test('rejects an IP address as domain', () => {
    expect(() => synthSite({ domainName: '10.0.0.1' })).toThrow(
      /domainName "10\.0\.0\.1" ends in an all-digit label, which makes it an IP address/,
    );
  });

  test('rejects an unknown hosting mode', () => {
    expect(() => synthSite({ hosting: 'ftp' as never })).toThrow(
      /hosting "ftp": use "s3-website" \(HTTP from the bucket\) or "cloudfront" \(HTTPS\)/,
    );
  });

  test('rejects CloudFront-only settings in s3-website mode', () => {
    expect(() => synthSite({ priceClass: 'PriceClass_All' })).toThrow(/priceClass: only applies with hosting "cloudfront"/);
    expect(() => synthSite({ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' })).toThrow(
      /certificateArn: only applies with hosting "cloudfront"/,
    );
  });

  test('rejects routing rules in cloudfront mode', () => {
    expect(() =>
      synthSite({ hosting: 'cloudfront', hostedZoneId: ZONE, routingRules: [{ redirect: { hostName: 'example.org' } }] }),
    ).toThrow(/routingRules: only apply to the S3 website endpoint, which hosting "cloudfront" does not use/);
  });

  test('rejects a malformed hosted zone ID', () => {
    expect(() => synthSite({ hostedZoneId: 'example.com' })).toThrow(/hostedZoneId "example\.com": is not a Route 53 hosted zone ID/);
  });

  test('rejects a negative record TTL', () => {
    expect(() => synthSite({ recordTtl: -1 })).toThrow(/recordTtl -1: use a whole number of seconds, 0 or more/);
  });

  test('rejects bad, looping and repeated redirect domains', () => {
    expect(() => synthSite({ redirectDomains: ['example..com'] })).toThrow(/redirectDomains "example\.\.com" has an empty label/);
    expect(() => synthSite({ redirectDomains: ['www.example.com'] })).toThrow(
      /redirectDomains "www\.example\.com": is the site's own domain; a redirect to itself would loop/,
    );
    expect(() => synthSite({ redirectDomains: ['example.com', 'example.com'] })).toThrow(/redirectDomains "example\.com": is listed twice/);
  });
});
