import * as vm from 'vm';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { redirectFunctionCode, WebsiteDistribution } from '../../constructs/website-distribution';
import { WebsiteBucket } from '../../constructs/website-bucket';
import { ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';

const ZONE = 'Z0123456789ABCDEFGHIJ';

function synthRedirects() {
  return synthStack((stack) => {
    const usEast1 = new AwsProvider(stack, 'us-east-1', { region: 'us-east-1', alias: 'us-east-1' });
    const bucket = new WebsiteBucket(stack, 'bucket', { bucketName: 'web-stack-prod-site', access: 'private' });
    new WebsiteDistribution(stack, 'cdn', {
      domainName: 'www.example.com',
      bucket,
      hostedZoneId: ZONE,
      certificateProvider: usEast1,
      redirectDomains: ['example.com', 'www.example.org'],
      redirectFunctionName: 'web-stack-prod-redirect',
    });
  });
}

/** Runs the function's code as CloudFront would: a top-level handler(event). */
function runRedirect(uri: string, querystring: Record<string, unknown> = {}): any {
  const context = vm.createContext({});
  vm.runInContext(
    `${redirectFunctionCode('www.example.com')}\nthis.result = handler(${JSON.stringify({ request: { uri, querystring } })});`,
    context,
  );
  return context.result;
}

describe('WebsiteDistribution redirect domains', () => {
  test('one certificate covers the site and every redirect domain, each validated by its own record', () => {
    const json = synthRedirects();
    const [certificate] = resourcesOf(json, 'aws_acm_certificate');
    expect(certificate).toMatchObject({ domain_name: 'www.example.com', subject_alternative_names: ['example.com', 'www.example.org'] });
    const validations = resourcesOf(json, 'aws_route53_record').filter((r) => String(r.name).includes('resource_record_name'));
    expect(validations.map((r) => /\["([^"]+)"\]\.resource_record_name/.exec(r.name)![1]).sort()).toEqual([
      'example.com',
      'www.example.com',
      'www.example.org',
    ]);
  });

  test('a second distribution answers the redirect domains with a CloudFront Function on viewer requests, over HTTPS only', () => {
    const json = synthRedirects();
    const redirect = resourceAtPath(json, 'aws_cloudfront_distribution', 'cdn/redirect');
    const fn = resourceAtPath(json, 'aws_cloudfront_function', 'cdn/redirect-function');
    expect(fn).toMatchObject({ name: 'web-stack-prod-redirect', runtime: 'cloudfront-js-2.0', publish: true });
    expect(redirect.aliases).toEqual(['example.com', 'www.example.org']);
    expect(redirect.default_cache_behavior).toMatchObject({
      viewer_protocol_policy: 'redirect-to-https',
      function_association: [{ event_type: 'viewer-request', function_arn: ref('aws_cloudfront_function', fn, 'arn') }],
    });
    const site = resourceAtPath(json, 'aws_cloudfront_distribution', 'cdn/Resource');
    expect(redirect.viewer_certificate).toEqual(site.viewer_certificate);
    expect(redirect.viewer_certificate.minimum_protocol_version).toBe('TLSv1.2_2021');
  });

  test('each redirect domain gets alias A and AAAA records to the redirect distribution', () => {
    const json = synthRedirects();
    const redirect = resourceAtPath(json, 'aws_cloudfront_distribution', 'cdn/redirect');
    for (const domain of ['example.com', 'www.example.org']) {
      const records = resourcesOf(json, 'aws_route53_record').filter((r) => r.name === domain);
      expect(records.map((r) => r.type).sort()).toEqual(['A', 'AAAA']);
      for (const record of records) expect(record.alias.name).toBe(ref('aws_cloudfront_distribution', redirect, 'domain_name'));
    }
  });

  test('the function answers 301 to the same path and query on https://<site>', () => {
    expect(runRedirect('/')).toMatchObject({ statusCode: 301, headers: { location: { value: 'https://www.example.com/' } } });
    expect(
      runRedirect('/blog/post', {
        a: { value: '1' },
        tag: { value: 'x', multiValue: [{ value: 'x' }, { value: 'y' }] },
        flag: { value: '' },
      }).headers.location.value,
    ).toBe('https://www.example.com/blog/post?a=1&tag=x&tag=y&flag');
  });
});
