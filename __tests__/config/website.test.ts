import { config } from '../../config/environments';
import { parseConfig } from '../../config/load';
import { websiteSchema } from '../../config/website';
import { LifecycleRules } from '../../constructs/lifecycle-rules';
import { StaticWebsite } from '../../constructs/static-website';

/** Every issue of a website block as "field: message". */
function issuesOf(input: Record<string, unknown>): string[] {
  const result = websiteSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('website configuration', () => {
  test('defaults: s3-website hosting, index.html and error.html, default lifecycle rules, no redirects', () => {
    const website = websiteSchema.parse({ domainName: 'www.example.com' });
    expect(website).toEqual({
      domainName: 'www.example.com',
      hosting: StaticWebsite.DEFAULT_HOSTING,
      indexDocument: 'index.html',
      errorDocument: 'error.html',
      redirectDomains: [],
      lifecycleRules: LifecycleRules.DEFAULT_RULES,
      forceDestroy: false,
      preventDestroy: false,
    });
  });

  test("the project's dev and prod websites are valid: dev on the S3 endpoint, prod behind CloudFront", () => {
    const parsed = parseConfig(config);
    expect(parsed.environments.dev.website).toMatchObject({ domainName: 'www.dev.example.com', hosting: 's3-website' });
    expect(parsed.environments.prod.website).toMatchObject({
      domainName: 'www.example.com',
      hosting: 'cloudfront',
      redirectDomains: ['example.com'],
      preventDestroy: true,
    });
    expect(parsed.environments.dev.website?.preventDestroy).toBe(false);
  });

  test('rejects a domain that is not a host name', () => {
    expect(issuesOf({ domainName: 'www.example.com/' })).toEqual([
      'domainName: "www.example.com/" is a URL or has a port or path; give only the host name, such as "www.example.com"',
    ]);
  });

  test('rejects a domain that cannot be a bucket name', () => {
    expect(issuesOf({ domainName: 'sthree-site.example.com' })).toEqual([
      'domainName: "sthree-site.example.com" cannot be a bucket name: it starts with "sthree-", a prefix S3 reserves',
    ]);
  });

  test('rejects a bucketName other than the domain, saying why', () => {
    expect(issuesOf({ domainName: 'www.example.com', bucketName: 'example-site' })).toEqual([
      'bucketName: "example-site" differs from domainName "www.example.com": S3 website hosting only answers for the bucket named like the Host header; remove bucketName or set it to "www.example.com"',
    ]);
  });

  test('rejects an unknown hosting mode', () => {
    expect(issuesOf({ domainName: 'www.example.com', hosting: 'ec2' })).toEqual([
      'hosting: must be "s3-website" (HTTP from the bucket) or "cloudfront" (HTTPS)',
    ]);
  });

  test('rejects a malformed hosted zone ID', () => {
    expect(issuesOf({ domainName: 'www.example.com', hostedZoneId: 'zone-1' })).toEqual([
      'hostedZoneId: is not a Route 53 hosted zone ID; those look like "Z0123456789ABCDEFGHIJ"',
    ]);
  });

  test('cloudfront needs a hosted zone or an existing certificate', () => {
    expect(issuesOf({ domainName: 'www.example.com', hosting: 'cloudfront' })).toEqual([
      'hostedZoneId: is required with hosting "cloudfront" to validate the certificate through DNS; set it, or give an issued us-east-1 certificateArn',
    ]);
  });

  test('rejects CloudFront-only settings with s3-website hosting', () => {
    expect(issuesOf({ domainName: 'www.example.com', priceClass: 'PriceClass_All' })).toEqual([
      'priceClass: only applies with hosting "cloudfront"; remove it or set hosting to "cloudfront"',
    ]);
  });

  test('rejects a redirect of the site to itself', () => {
    expect(issuesOf({ domainName: 'www.example.com', redirectDomains: ['www.example.com'] })).toEqual([
      'redirectDomains: lists the site\'s own domain "www.example.com"; a redirect to itself would loop',
    ]);
  });

  test('rejects an invalid redirect domain', () => {
    expect(issuesOf({ domainName: 'www.example.com', redirectDomains: ['Example.com'] })).toEqual([
      'redirectDomains.0: "Example.com" has upper-case letters; write the host name in lowercase, such as "example.com"',
    ]);
  });

  test("lifecycle rules are checked against S3's constraints", () => {
    expect(
      issuesOf({
        domainName: 'www.example.com',
        lifecycleRules: [{ id: 'old', prefix: 'old/', transitions: [{ storageClass: 'STANDARD_IA', days: 7 }] }],
      }),
    ).toEqual([
      'lifecycleRules: lifecycle rules[0] ("old").transitions[0].days 7: S3 moves objects to STANDARD_IA only after 30 days or more; use days >= 30, or GLACIER_IR, which has no such minimum',
    ]);
  });

  test('rejects an unknown storage class and unknown keys', () => {
    expect(
      issuesOf({ domainName: 'www.example.com', lifecycleRules: [{ id: 'x', transitions: [{ storageClass: 'COLD', days: 1 }] }] }),
    ).toEqual([expect.stringMatching(/^lifecycleRules\.0\.transitions\.0\.storageClass: must be one of STANDARD_IA/)]);
    expect(issuesOf({ domainName: 'www.example.com', cname: 'x' })).toEqual([expect.stringMatching(/cname/)]);
  });
});
