import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import * as fs from 'fs';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { CloudfrontDistribution, CloudfrontDistributionDefaultCacheBehavior } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { WebStackError } from '../core/errors';
import { DnsValidatedCertificate } from './dns-validated-certificate';
import { findHostNameProblem } from './private/domain-name';
import { packageFile } from '../core/package-file';
import { WebsiteBucket } from './website-bucket';

/** CloudFront price classes: which edge locations serve the site. */
export type PriceClass = 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';

export interface WebsiteDistributionProps {
  /** Host name the distribution answers for, such as "www.example.com". */
  readonly domainName: string;
  /** The private bucket the distribution reads from; it is granted read access to it. */
  readonly bucket: WebsiteBucket;
  /**
   * Route 53 hosted zone of the domain: the certificate's DNS validation record and the alias
   * A/AAAA records to the distribution go there.
   *
   * @default - no DNS records; then `certificateArn` is required
   */
  readonly hostedZoneId?: string;
  /**
   * An existing, issued ACM certificate in us-east-1 covering `domainName`.
   *
   * @default - a new DNS-validated certificate, which needs `hostedZoneId` and `certificateProvider`
   */
  readonly certificateArn?: string;
  /**
   * AWS provider for us-east-1: CloudFront only uses certificates from that region.
   *
   * @default - none; required when the certificate is created here
   */
  readonly certificateProvider?: TerraformProvider;
  /**
   * Other host names, such as the apex "example.com", answered over HTTPS with a 301 to
   * `domainName` by a second distribution whose CloudFront Function redirects every request. A
   * new certificate covers them too; a given `certificateArn` must.
   *
   * @default []
   */
  readonly redirectDomains?: readonly string[];
  /**
   * Name of the redirect function, unique in the account.
   *
   * @default - "<domainName with dashes>-redirect"
   */
  readonly redirectFunctionName?: string;
  /**
   * Object returned for requests to "/".
   *
   * @default WebsiteDistribution.DEFAULT_ROOT_OBJECT
   */
  readonly defaultRootObject?: string;
  /**
   * Object returned, with status 404, when the key does not exist (S3 answers 403 for a missing
   * key when the reader may not list the bucket, so both codes are mapped).
   *
   * @default - CloudFront's own error response
   */
  readonly errorDocument?: string;
  /**
   * Edge locations used. PriceClass_100 (North America, Europe, Israel) is the cheapest and
   * adds latency elsewhere.
   *
   * @default WebsiteDistribution.DEFAULT_PRICE_CLASS
   */
  readonly priceClass?: PriceClass;
}

/**
 * HTTPS in front of a private website bucket: a CloudFront distribution reading the bucket
 * through origin access control (SigV4-signed requests, no public bucket), an ACM certificate
 * in us-east-1 validated through a Route 53 record, HTTP redirected to HTTPS, TLS 1.2 or newer,
 * and alias records for the domain.
 *
 * @example
 * const distribution = new WebsiteDistribution(this, 'cdn', {
 *   domainName: 'www.example.com',
 *   bucket,
 *   hostedZoneId: 'Z0123456789ABCDEFGHIJ',
 *   certificateProvider: usEast1,
 * });
 */
export class WebsiteDistribution extends Construct {
  public static readonly DEFAULT_ROOT_OBJECT = 'index.html';
  public static readonly DEFAULT_PRICE_CLASS: PriceClass = 'PriceClass_100';
  /** AWS managed cache policy "Managed-CachingOptimized". */
  public static readonly CACHING_OPTIMIZED_POLICY_ID = '658327ea-f89d-4fab-a63d-7e88639e58f6';

  public readonly distribution: CloudfrontDistribution;
  public readonly originAccessControl: CloudfrontOriginAccessControl;
  public readonly certificate?: AcmCertificate;
  /** ARN of the certificate the distribution uses, after validation when created here. */
  public readonly certificateArn: string;
  /** `dxxxxxxxx.cloudfront.net`, the target of an alias or CNAME record. */
  public readonly distributionDomainName: string;
  public readonly distributionArn: string;
  /** Alias records (A and AAAA) of the domain, when a hosted zone is given. */
  public readonly aliasRecords: readonly Route53Record[];
  /** The distribution answering the redirect domains, when there are any. */
  public readonly redirectDistribution?: CloudfrontDistribution;
  /** The CloudFront Function that answers them with a 301. */
  public readonly redirectFunction?: CloudfrontFunction;

  constructor(scope: Construct, id: string, props: WebsiteDistributionProps) {
    super(scope, id);
    const hostProblem = findHostNameProblem(props.domainName);
    if (hostProblem) {
      throw new WebStackError(`domainName "${props.domainName}" ${hostProblem}`, this);
    }
    if (props.bucket.access !== 'private') {
      throw new WebStackError(
        'bucket: has access "public-read"; CloudFront reads through origin access control, so give it a private bucket',
        this,
      );
    }
    if (props.certificateArn === undefined && (props.hostedZoneId === undefined || props.certificateProvider === undefined)) {
      throw new WebStackError(
        'certificateArn: is not set, and a new certificate needs both hostedZoneId (for its DNS validation record) and certificateProvider (an AWS provider for us-east-1); give an issued us-east-1 certificate ARN or both of those',
        this,
      );
    }
    if (props.certificateArn !== undefined && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(props.certificateArn)) {
      throw new WebStackError(
        `certificateArn "${props.certificateArn}": CloudFront only uses ACM certificates from us-east-1; give an arn:aws:acm:us-east-1:<account>:certificate/<id>`,
        this,
      );
    }

    const redirectDomains = props.redirectDomains ?? [];
    for (const domain of redirectDomains) {
      const problem = findHostNameProblem(domain);
      if (problem) throw new WebStackError(`redirectDomains "${domain}" ${problem}`, this);
    }
    if (props.certificateArn !== undefined) {
      this.certificateArn = props.certificateArn;
    } else {
      const certificate = new DnsValidatedCertificate(this, 'certificate', {
        domainName: props.domainName,
        subjectAlternativeNames: redirectDomains,
        hostedZoneId: props.hostedZoneId as string,
        provider: props.certificateProvider,
      });
      this.certificate = certificate.certificate;
      this.certificateArn = certificate.certificateArn;
    }

    this.originAccessControl = new CloudfrontOriginAccessControl(this, 'origin-access-control', {
      name: props.domainName,
      description: `Signed reads of ${props.domainName} from its bucket`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });

    const originId = 's3-bucket';
    this.distribution = new CloudfrontDistribution(this, 'Resource', {
      enabled: true,
      comment: props.domainName,
      aliases: [props.domainName],
      defaultRootObject: props.defaultRootObject ?? WebsiteDistribution.DEFAULT_ROOT_OBJECT,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: props.priceClass ?? WebsiteDistribution.DEFAULT_PRICE_CLASS,
      origin: [{ originId, domainName: props.bucket.bucketRegionalDomainName, originAccessControlId: this.originAccessControl.id }],
      defaultCacheBehavior: httpsReadOnlyBehavior(originId),
      customErrorResponse: props.errorDocument
        ? [403, 404].map((errorCode) => ({
            errorCode,
            responseCode: 404,
            responsePagePath: `/${props.errorDocument}`,
            errorCachingMinTtl: 60,
          }))
        : undefined,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { acmCertificateArn: this.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
    });
    this.distributionDomainName = this.distribution.domainName;
    this.distributionArn = this.distribution.arn;
    props.bucket.allowCloudFrontRead(this.distributionArn);

    const zoneId = props.hostedZoneId;
    this.aliasRecords = zoneId
      ? (['A', 'AAAA'] as const).map(
          (type) =>
            new Route53Record(this, `alias-${type.toLowerCase()}`, {
              zoneId,
              name: props.domainName,
              type,
              alias: { name: this.distribution.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false },
            }),
        )
      : [];

    if (redirectDomains.length > 0) {
      this.redirectFunction = new CloudfrontFunction(this, 'redirect-function', {
        name: props.redirectFunctionName ?? `${props.domainName.replace(/\./g, '-')}-redirect`,
        runtime: 'cloudfront-js-2.0',
        comment: `301 to https://${props.domainName}`,
        publish: true,
        code: redirectFunctionCode(props.domainName),
      });
      this.redirectDistribution = this.createRedirectDistribution(props, redirectDomains, this.redirectFunction);
      const redirect = this.redirectDistribution;
      if (zoneId) {
        for (const domain of redirectDomains) {
          for (const type of ['A', 'AAAA'] as const) {
            new Route53Record(this, `redirect-${domain}-${type.toLowerCase()}`, {
              zoneId,
              name: domain,
              type,
              alias: { name: redirect.domainName, zoneId: redirect.hostedZoneId, evaluateTargetHealth: false },
            });
          }
        }
      }
    }
  }

  /**
   * The distribution of the redirect domains. Its only origin is the site itself, which the
   * function never lets CloudFront ask: every viewer request gets the function's 301.
   */
  private createRedirectDistribution(
    props: WebsiteDistributionProps,
    redirectDomains: readonly string[],
    redirectFunction: CloudfrontFunction,
  ): CloudfrontDistribution {
    const originId = 'site';
    return new CloudfrontDistribution(this, 'redirect', {
      enabled: true,
      comment: `${redirectDomains.join(', ')} -> ${props.domainName}`,
      aliases: [...redirectDomains],
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: props.priceClass ?? WebsiteDistribution.DEFAULT_PRICE_CLASS,
      origin: [
        {
          originId,
          domainName: props.domainName,
          customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
        },
      ],
      defaultCacheBehavior: {
        ...httpsReadOnlyBehavior(originId),
        functionAssociation: [{ eventType: 'viewer-request', functionArn: redirectFunction.arn }],
      },
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { acmCertificateArn: this.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
    });
  }
}

/** What both distributions serve: GET and HEAD, HTTPS only, compressed, AWS's CachingOptimized policy. */
function httpsReadOnlyBehavior(targetOriginId: string): CloudfrontDistributionDefaultCacheBehavior {
  return {
    targetOriginId,
    viewerProtocolPolicy: 'redirect-to-https',
    allowedMethods: ['GET', 'HEAD'],
    cachedMethods: ['GET', 'HEAD'],
    compress: true,
    cachePolicyId: WebsiteDistribution.CACHING_OPTIMIZED_POLICY_ID,
  };
}

/** The redirect function's code (functions/cloudfront-redirect/index.js) for one target host. */
export function redirectFunctionCode(targetHost: string): string {
  const source = fs.readFileSync(packageFile('functions', 'cloudfront-redirect', 'index.js'), 'utf8');
  return source.replace("'__TARGET_HOST__'", JSON.stringify(targetHost));
}
