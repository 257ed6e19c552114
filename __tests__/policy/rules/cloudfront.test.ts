import { TerraformStack } from 'cdktf';
import { CloudfrontDistribution, CloudfrontDistributionConfig } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { checkStack, openOf } from '../support';

function distribution(
  stack: TerraformStack,
  overrides: Partial<CloudfrontDistributionConfig> = {},
  originAccessControl = true,
): CloudfrontDistribution {
  const bucket = new S3Bucket(stack, 'site', { bucket: 'www.example.com' });
  return new CloudfrontDistribution(stack, 'cdn', {
    enabled: true,
    origin: [
      { domainName: bucket.bucketRegionalDomainName, originId: 's3', originAccessControlId: originAccessControl ? 'oac-1' : undefined },
    ],
    defaultCacheBehavior: {
      targetOriginId: 's3',
      allowedMethods: ['GET', 'HEAD'],
      cachedMethods: ['GET', 'HEAD'],
      viewerProtocolPolicy: 'redirect-to-https',
    },
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: {
      acmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x',
      sslSupportMethod: 'sni-only',
      minimumProtocolVersion: 'TLSv1.2_2021',
    },
    ...overrides,
  });
}

describe('CloudFront rules', () => {
  test('compliant: HTTPS redirect, TLS 1.2, S3 origin through origin access control', () => {
    const checked = checkStack((stack) => distribution(stack));
    for (const id of ['WS-CF-1', 'WS-CF-2', 'WS-CF-3']) expect(openOf(checked, id)).toEqual([]);
  });

  test('WS-CF-1: an ordered behavior that allows plain HTTP', () => {
    const checked = checkStack((stack) =>
      distribution(stack, {
        orderedCacheBehavior: [
          {
            pathPattern: '/img/*',
            targetOriginId: 's3',
            allowedMethods: ['GET', 'HEAD'],
            cachedMethods: ['GET', 'HEAD'],
            viewerProtocolPolicy: 'allow-all',
          },
        ],
      }),
    );
    expect(openOf(checked, 'WS-CF-1')).toEqual(['WS-CF-1 aws_cloudfront_distribution.cdn']);
    expect(checked.open.find((f) => f.ruleId === 'WS-CF-1')?.message).toMatch(/for \/img\/\*/);
  });

  test('WS-CF-2: TLSv1 with a custom certificate is a finding; the default certificate is not judged', () => {
    const old = checkStack((stack) =>
      distribution(stack, {
        viewerCertificate: {
          acmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
          sslSupportMethod: 'sni-only',
          minimumProtocolVersion: 'TLSv1',
        },
      }),
    );
    expect(openOf(old, 'WS-CF-2')).toEqual(['WS-CF-2 aws_cloudfront_distribution.cdn']);
    const defaultCertificate = checkStack((stack) => distribution(stack, { viewerCertificate: { cloudfrontDefaultCertificate: true } }));
    expect(openOf(defaultCertificate, 'WS-CF-2')).toEqual([]);
  });

  test('WS-CF-3: an S3 origin without origin access control', () => {
    const checked = checkStack((stack) => distribution(stack, {}, false));
    expect(openOf(checked, 'WS-CF-3')).toEqual(['WS-CF-3 aws_cloudfront_distribution.cdn']);
  });
});
