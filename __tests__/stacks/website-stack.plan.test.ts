import { createHash } from 'crypto';
import { projectConfig, synthesizeProject } from '../support/project';
import * as fs from 'fs';
import * as path from 'path';
import { configuredResources, PlannedResource, plannedResources, referencesOf, TerraformPlan } from '../../harness/plan-json';
import { packageFile } from '../../core/package-file';
import { CERTIFICATE_REGION, websiteBucketName, websiteStackName } from '../../stacks/website-stack';
import { WEBSITE_ENVIRONMENTS, websiteOf, websitesFixture } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

const loaded = projectConfig;
const ENVIRONMENTS = WEBSITE_ENVIRONMENTS;

/** Transitions come back from the plan as a set; order them by day for comparison. */
function byDays<T extends { days?: number; noncurrent_days?: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.days ?? a.noncurrent_days ?? 0) - (b.days ?? b.noncurrent_days ?? 0));
}

describe('website stacks in the app', () => {
  test('main.ts builds one <env>-website stack per environment with a website, state under its own key', () => {
    const app = synthesizeProject(loaded);
    for (const environment of ENVIRONMENTS) {
      const stack = app.stackJson(websiteStackName(environment));
      expect(stack.terraform.backend.s3).toMatchObject({
        bucket: loaded.project.stateBucket.name,
        key: `environments/${environment}/website.tfstate`,
        encrypt: true,
      });
    }
  });

  test('only the CloudFront environment gets the us-east-1 provider alias', () => {
    const app = fixtureApp(websitesFixture);
    expect(app.stackJson('dev-website').provider.aws).toHaveLength(1);
    expect(app.stackJson('prod-website').provider.aws).toEqual([
      expect.objectContaining({ region: loaded.environments.prod.region }),
      expect.objectContaining({ alias: CERTIFICATE_REGION, region: CERTIFICATE_REGION }),
    ]);
  });
});

describe.each(ENVIRONMENTS)('website stack %s, planned offline', (environment) => {
  const website = websiteOf(environment);
  const bucketName = websiteBucketName(projectConfig.project.name, environment, website);
  let plan: TerraformPlan;
  let mainBucket: PlannedResource | undefined;

  beforeAll(async () => {
    plan = await fixturePlan(websitesFixture, websiteStackName(environment));
    mainBucket = plannedResources(plan, 'aws_s3_bucket').find((bucket) => bucket.values.bucket === bucketName);
  });

  test("the site's bucket is named like its domain (s3-website) or with the project prefix (cloudfront), versioned", () => {
    expect(bucketName).toBe(
      website.hosting === 'cloudfront' ? `web-stack-${environment}-${website.domainName.replace(/\./g, '-')}` : website.domainName,
    );
    expect(mainBucket).toBeDefined();
    const versioning = configuredResources(plan, 'aws_s3_bucket_versioning').filter((v) =>
      referencesOf(v, 'bucket').includes(mainBucket!.address),
    );
    expect(versioning).toHaveLength(1);
    const planned = plannedResources(plan, 'aws_s3_bucket_versioning').find((v) => v.address === versioning[0].address)!;
    expect(planned.values.versioning_configuration).toEqual([expect.objectContaining({ status: 'Enabled' })]);
  });

  test('lifecycle transitions and expirations are exactly as configured', () => {
    expect(website.lifecycleRules.length).toBeGreaterThan(0);
    const lifecycle = configuredResources(plan, 'aws_s3_bucket_lifecycle_configuration').filter((l) =>
      referencesOf(l, 'bucket').includes(mainBucket!.address),
    );
    expect(lifecycle).toHaveLength(1);
    const rules = plannedResources(plan, 'aws_s3_bucket_lifecycle_configuration').find((l) => l.address === lifecycle[0].address)!.values
      .rule;
    expect(rules).toHaveLength(website.lifecycleRules.length);
    website.lifecycleRules.forEach((rule, index) => {
      const planned = rules[index];
      expect(planned.id).toBe(rule.id);
      expect(planned.status).toBe(rule.enabled === false ? 'Disabled' : 'Enabled');
      expect(planned.filter[0].prefix).toBe(rule.prefix ?? '');
      expect(byDays(planned.transition).map((t: any) => [t.days, t.storage_class])).toEqual(
        (rule.transitions ?? []).map((t) => [t.days, t.storageClass]),
      );
      expect(planned.expiration.map((e: any) => e.days)).toEqual(rule.expirationDays === undefined ? [] : [rule.expirationDays]);
      expect(byDays(planned.noncurrent_version_transition).map((t: any) => [t.noncurrent_days, t.storage_class])).toEqual(
        (rule.noncurrentVersionTransitions ?? []).map((t) => [t.days, t.storageClass]),
      );
      expect(planned.noncurrent_version_expiration.map((e: any) => e.noncurrent_days)).toEqual(
        rule.noncurrentVersionExpirationDays === undefined ? [] : [rule.noncurrentVersionExpirationDays],
      );
      expect(planned.abort_incomplete_multipart_upload.map((a: any) => a.days_after_initiation)).toEqual(
        rule.abortIncompleteMultipartUploadDays === undefined ? [] : [rule.abortIncompleteMultipartUploadDays],
      );
    });
  });

  test('uploaded objects carry the content type of their extension and the MD5 of the file', () => {
    const site = packageFile(website.contentDir ?? 'site');
    const objects = plannedResources(plan, 'aws_s3_object');
    const byKey: Record<string, Record<string, any>> = Object.fromEntries(objects.map((object) => [object.values.key, object.values]));
    expect(Object.keys(byKey).sort()).toEqual(['css/site.css', 'error.html', 'images/logo.svg', 'index.html']);
    expect(byKey['index.html'].content_type).toBe('text/html; charset=utf-8');
    expect(byKey['error.html'].content_type).toBe('text/html; charset=utf-8');
    expect(byKey['css/site.css'].content_type).toBe('text/css; charset=utf-8');
    expect(byKey['images/logo.svg'].content_type).toBe('image/svg+xml');
    for (const [key, values] of Object.entries(byKey)) {
      expect(values.etag).toBe(
        createHash('md5')
          .update(fs.readFileSync(path.join(site, key)))
          .digest('hex'),
      );
      expect(values.bucket).toBe(bucketName);
    }
  });

  test('redirect domains: a redirect-all bucket each over HTTP (s3-website), or the HTTPS redirect distribution (cloudfront)', () => {
    const redirects = plannedResources(plan, 'aws_s3_bucket_website_configuration').filter(
      (w) => w.values.redirect_all_requests_to.length > 0,
    );
    const buckets = plannedResources(plan, 'aws_s3_bucket')
      .map((b) => b.values.bucket)
      .sort();
    if (website.hosting === 'cloudfront') {
      expect(redirects).toHaveLength(0);
      expect(buckets).toEqual([bucketName]);
      const distributions = plannedResources(plan, 'aws_cloudfront_distribution').map((d) => d.values.aliases);
      expect(distributions).toContainEqual(website.redirectDomains);
      // The provider plans the certificate's own domain into its alternative names, as ACM reports them.
      const certificate = plannedResources(plan, 'aws_acm_certificate')[0].values;
      expect(certificate.domain_name).toBe(website.domainName);
      expect([...certificate.subject_alternative_names].sort()).toEqual([website.domainName, ...website.redirectDomains].sort());
    } else {
      expect(redirects).toHaveLength(website.redirectDomains.length);
      for (const redirect of redirects) {
        expect(redirect.values.redirect_all_requests_to).toEqual([{ host_name: website.domainName, protocol: 'http' }]);
      }
      expect(buckets).toEqual([bucketName, ...website.redirectDomains].sort());
    }
  });
});

describe('dev website (s3-website), planned offline', () => {
  const website = websiteOf('dev');
  let plan: TerraformPlan;

  beforeAll(async () => {
    plan = await fixturePlan(websitesFixture, 'dev-website');
  });

  test('the website configuration serves the configured index and error documents', () => {
    const [configuration] = plannedResources(plan, 'aws_s3_bucket_website_configuration');
    expect(configuration.values).toMatchObject({
      index_document: [{ suffix: website.indexDocument }],
      error_document: [{ key: website.errorDocument }],
    });
  });

  test('public access: only the two blocks a public-read policy needs are off', () => {
    const [block] = plannedResources(plan, 'aws_s3_bucket_public_access_block');
    expect(block.values).toMatchObject({
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: false,
      restrict_public_buckets: false,
    });
  });

  test("the CNAME record points the domain at the bucket's website endpoint", () => {
    const [record] = plannedResources(plan, 'aws_route53_record');
    expect(record.values).toMatchObject({ type: 'CNAME', name: website.domainName, zone_id: website.hostedZoneId, ttl: 300 });
    const [configured] = configuredResources(plan, 'aws_route53_record');
    const [websiteConfiguration] = configuredResources(plan, 'aws_s3_bucket_website_configuration');
    expect(configured.expressions.records.references).toContain(`${websiteConfiguration.address}.website_endpoint`);
  });

  test('no CloudFront, no certificate', () => {
    expect(plannedResources(plan, 'aws_cloudfront_distribution')).toHaveLength(0);
    expect(plannedResources(plan, 'aws_acm_certificate')).toHaveLength(0);
  });
});

describe('prod website (cloudfront), planned offline', () => {
  const website = websiteOf('prod');
  let plan: TerraformPlan;

  beforeAll(async () => {
    plan = await fixturePlan(websitesFixture, 'prod-website');
  });

  test("the site's bucket is private: all four public-access blocks on, no website endpoint", () => {
    const bucket = plannedResources(plan, 'aws_s3_bucket').find(
      (b) => b.values.bucket === websiteBucketName(projectConfig.project.name, 'prod', website),
    )!;
    const block = configuredResources(plan, 'aws_s3_bucket_public_access_block').find((b) =>
      referencesOf(b, 'bucket').includes(bucket.address),
    )!;
    expect(plannedResources(plan, 'aws_s3_bucket_public_access_block').find((b) => b.address === block.address)!.values).toMatchObject({
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: true,
      restrict_public_buckets: true,
    });
    const websites = configuredResources(plan, 'aws_s3_bucket_website_configuration');
    expect(websites.filter((w) => referencesOf(w, 'bucket').includes(bucket.address))).toHaveLength(0);
  });

  test('CloudFront reads the bucket through a signing origin access control and redirects to HTTPS', () => {
    const [oac] = plannedResources(plan, 'aws_cloudfront_origin_access_control');
    expect(oac.values).toMatchObject({ origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
    const distribution = plannedResources(plan, 'aws_cloudfront_distribution').find((d) => d.values.aliases.includes(website.domainName))!;
    expect(distribution.values).toMatchObject({ aliases: [website.domainName], default_root_object: website.indexDocument, enabled: true });
    expect(distribution.values.default_cache_behavior[0].viewer_protocol_policy).toBe('redirect-to-https');
    const configured = configuredResources(plan, 'aws_cloudfront_distribution').find((d) => d.address === distribution.address)!;
    expect(configured.expressions.origin[0].origin_access_control_id.references).toContain(`${oac.address}.id`);
  });

  test('the certificate is requested in us-east-1 with DNS validation, and alias records point at CloudFront', () => {
    const [certificate] = configuredResources(plan, 'aws_acm_certificate');
    expect((certificate as any).provider_config_key).toBe(`aws.${CERTIFICATE_REGION}`);
    expect(plannedResources(plan, 'aws_acm_certificate')[0].values).toMatchObject({
      domain_name: website.domainName,
      validation_method: 'DNS',
    });
    const aliases = plannedResources(plan, 'aws_route53_record').filter((r) => r.values.name === website.domainName);
    expect(aliases.map((r) => r.values.type).sort()).toEqual(['A', 'AAAA']);
  });
});
