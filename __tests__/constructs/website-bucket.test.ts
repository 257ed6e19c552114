import { RoutingRule, WebsiteBucket, WebsiteBucketProps } from '../../constructs/website-bucket';
import { Grantee } from '../../constructs/grant';
import { LifecycleRules } from '../../constructs/lifecycle-rules';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

function synthBucket(props: Partial<WebsiteBucketProps> = {}, after?: (bucket: WebsiteBucket) => void) {
  return synthStack((stack) => {
    const bucket = new WebsiteBucket(stack, 'site', {
      bucketName: 'www.example.com',
      access: 'public-read',
      website: { indexDocument: 'index.html', errorDocument: 'error.html' },
      ...props,
    });
    after?.(bucket);
  });
}

function rulesError(routingRules: RoutingRule[]) {
  return () => synthBucket({ website: { indexDocument: 'index.html', routingRules } });
}

describe('WebsiteBucket', () => {
  test('public-read: versioned, encrypted, ACLs disabled, bucket named as given', () => {
    const json = synthBucket();
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    expect(bucket).toMatchObject({ bucket: 'www.example.com', force_destroy: false });
    const bucketId = ref('aws_s3_bucket', bucket);
    expect(onlyResourceOf(json, 'aws_s3_bucket_versioning')).toMatchObject({
      bucket: bucketId,
      versioning_configuration: { status: 'Enabled' },
    });
    expect(onlyResourceOf(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(onlyResourceOf(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('public-read: only the two public-access blocks a public policy needs are off', () => {
    const block = onlyResourceOf(synthBucket(), 'aws_s3_bucket_public_access_block');
    expect(block).toMatchObject({
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: false,
      restrict_public_buckets: false,
    });
  });

  test('public-read: the policy allows anonymous GetObject on objects only, after the access block', () => {
    const json = synthBucket();
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    const policy = onlyResourceOf(json, 'aws_s3_bucket_policy');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'PublicReadObjects',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `${ref('aws_s3_bucket', bucket, 'arn')}/*`,
      },
    ]);
    expect(policy.depends_on).toEqual([
      `aws_s3_bucket_public_access_block.${onlyResourceOf(json, 'aws_s3_bucket_public_access_block').logicalId}`,
    ]);
  });

  test('website configuration: index and error documents', () => {
    const website = onlyResourceOf(synthBucket(), 'aws_s3_bucket_website_configuration');
    expect(website).toMatchObject({ index_document: { suffix: 'index.html' }, error_document: { key: 'error.html' } });
    expect(website.routing_rule).toBeUndefined();
    expect(website.redirect_all_requests_to).toBeUndefined();
  });

  test('website configuration: routing rules with their codes as strings', () => {
    const json = synthBucket({
      website: {
        indexDocument: 'index.html',
        routingRules: [
          { condition: { keyPrefixEquals: 'docs/' }, redirect: { replaceKeyPrefixWith: 'documents/', httpRedirectCode: 301 } },
        ],
      },
    });
    expect(onlyResourceOf(json, 'aws_s3_bucket_website_configuration').routing_rule).toEqual([
      { condition: { key_prefix_equals: 'docs/' }, redirect: { replace_key_prefix_with: 'documents/', http_redirect_code: '301' } },
    ]);
  });

  test('redirect-all: every request goes to the other host, nothing is public', () => {
    const json = synthBucket({
      bucketName: 'example.com',
      access: 'private',
      website: { redirectAllRequestsTo: { hostName: 'www.example.com', protocol: 'https' } },
    });
    expect(onlyResourceOf(json, 'aws_s3_bucket_website_configuration')).toMatchObject({
      redirect_all_requests_to: { host_name: 'www.example.com', protocol: 'https' },
    });
    expect(onlyResourceOf(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: true,
      restrict_public_buckets: true,
    });
  });

  test('private: all four public-access blocks on, TLS required, no website configuration', () => {
    const json = synthBucket({ access: 'private', website: undefined });
    expect(resourcesOf(json, 'aws_s3_bucket_website_configuration')).toHaveLength(0);
    const statements = JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy).Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  test('allowCloudFrontRead grants GetObject to the one distribution', () => {
    const json = synthBucket({ access: 'private', website: undefined }, (bucket) =>
      bucket.allowCloudFrontRead('arn:aws:cloudfront::123456789012:distribution/E1'),
    );
    const statements = JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy).Statement;
    expect(statements[1]).toEqual({
      Sid: 'AllowCloudFrontRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${ref('aws_s3_bucket', onlyResourceOf(json, 'aws_s3_bucket'), 'arn')}/*`,
      Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/E1' } },
    });
  });

  test('allowCloudFrontRead on a public-read bucket is refused', () => {
    expect(() => synthBucket({}, (bucket) => bucket.allowCloudFrontRead('arn'))).toThrow(
      /allowCloudFrontRead: the bucket is public-read already; use access "private"/,
    );
  });

  test('lifecycle: default rules, after versioning; an empty list creates none', () => {
    const json = synthBucket();
    const lifecycle = onlyResourceOf(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule.map((rule: { id: string }) => rule.id)).toEqual(LifecycleRules.DEFAULT_RULES.map((rule) => rule.id));
    expect(lifecycle.depends_on).toEqual([`aws_s3_bucket_versioning.${onlyResourceOf(json, 'aws_s3_bucket_versioning').logicalId}`]);
    expect(resourcesOf(synthBucket({ lifecycleRules: [] }), 'aws_s3_bucket_lifecycle_configuration')).toHaveLength(0);
  });

  test('rejects an invalid bucket name', () => {
    expect(() => synthBucket({ bucketName: 'www..example.com' })).toThrow(
      /test\/site: bucketName "www\.\.example\.com": has two adjacent dots/,
    );
  });

  test('rejects an index document with a slash or empty', () => {
    expect(() => synthBucket({ website: { indexDocument: 'pages/index.html' } })).toThrow(
      /indexDocument "pages\/index\.html": S3 needs a file name without "\/"/,
    );
    expect(() => synthBucket({ website: { indexDocument: '' } })).toThrow(/indexDocument "": S3 needs a file name/);
  });

  test('rejects an error document with a leading slash', () => {
    expect(() => synthBucket({ website: { indexDocument: 'index.html', errorDocument: '/error.html' } })).toThrow(
      /errorDocument "\/error\.html": give an object key without a leading "\/"/,
    );
  });

  test('rejects a redirect-all host that is not a host name', () => {
    expect(() => synthBucket({ website: { redirectAllRequestsTo: { hostName: 'https://www.example.com' } } })).toThrow(
      /redirectAllRequestsTo\.hostName "https:\/\/www\.example\.com" is a URL/,
    );
  });

  test('routing rules: at most 50', () => {
    const rules = Array.from({ length: 51 }, () => ({ redirect: { hostName: 'www.example.com' } }));
    expect(rulesError(rules)).toThrow(/routingRules: 51 rules; S3 accepts at most 50/);
  });

  test('routing rules: an empty condition is refused', () => {
    expect(rulesError([{ condition: {}, redirect: { hostName: 'www.example.com' } }])).toThrow(
      /routingRules\[0\]\.condition: is empty; set keyPrefixEquals or httpErrorCodeReturnedEquals/,
    );
  });

  test('routing rules: the error code condition is 4xx or 5xx', () => {
    expect(rulesError([{ condition: { httpErrorCodeReturnedEquals: 200 }, redirect: { hostName: 'www.example.com' } }])).toThrow(
      /routingRules\[0\]\.condition\.httpErrorCodeReturnedEquals 200: use an HTTP error code from 400 to 599/,
    );
  });

  test('routing rules: an empty redirect is refused', () => {
    expect(rulesError([{ redirect: {} }])).toThrow(/routingRules\[0\]\.redirect: is empty; set at least one of hostName/);
  });

  test('routing rules: key and key-prefix replacement exclude each other', () => {
    expect(rulesError([{ redirect: { replaceKeyWith: 'a', replaceKeyPrefixWith: 'b' } }])).toThrow(
      /replaceKeyPrefixWith and replaceKeyWith cannot both be set/,
    );
  });

  test('routing rules: the redirect code is 3xx', () => {
    expect(rulesError([{ redirect: { hostName: 'www.example.com', httpRedirectCode: 200 } }])).toThrow(
      /redirect\.httpRedirectCode 200: use a 3xx redirect code/,
    );
  });

  test('routing rules: the redirect host is a host name', () => {
    expect(rulesError([{ redirect: { hostName: 'Example.com' } }])).toThrow(
      /routingRules\[0\]\.redirect\.hostName "Example\.com" has upper-case letters/,
    );
  });

  test("grantRead and grantWrite: a deploy role may list, read, put and delete the site's objects", () => {
    const json = synthStack((stack) => {
      const bucket = new WebsiteBucket(stack, 'site', { bucketName: 'www.example.com', access: 'private' });
      const deployer = Grantee.fromRoleArn('arn:aws:iam::123456789012:role/site-deploy');
      bucket.grantRead(deployer);
      bucket.grantWrite(deployer);
    });
    const arn = ref('aws_s3_bucket', onlyResourceOf(json, 'aws_s3_bucket'), 'arn');
    const policies = resourcesOf(json, 'aws_iam_role_policy').map((policy) => [
      policy.name,
      policy.role,
      JSON.parse(policy.policy).Statement,
    ]);
    expect(policies).toEqual([
      [
        'www.example.com-s3-read',
        'site-deploy',
        [
          { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${arn}/*` },
          { Sid: 'ListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: arn },
        ],
      ],
      [
        'www.example.com-s3-write',
        'site-deploy',
        [
          {
            Sid: 'WriteObjects',
            Effect: 'Allow',
            Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
            Resource: `${arn}/*`,
          },
        ],
      ],
    ]);
  });
});
