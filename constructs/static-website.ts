import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { WebStackError } from '../core/errors';
import { LifecycleRule, LifecycleRules } from './lifecycle-rules';
import { findWebsiteDomainProblem } from './private/domain-name';
import { RoutingRule, WebsiteBucket } from './website-bucket';
import { WebsiteContent } from './website-content';
import { PriceClass, WebsiteDistribution } from './website-distribution';

/**
 * How the site is served. `s3-website`: the bucket's website endpoint, plain HTTP, public-read
 * objects, no CloudFront charges. `cloudfront`: HTTPS through CloudFront with a private bucket.
 */
export type WebsiteHosting = 's3-website' | 'cloudfront';

export const WEBSITE_HOSTING_MODES: readonly WebsiteHosting[] = ['s3-website', 'cloudfront'];

/** Route 53 hosted zone IDs: "Z" and up to 32 upper-case letters and digits. */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,32}$/;

export interface StaticWebsiteProps {
  /** Host name the site is served under, such as "www.example.com". */
  readonly domainName: string;
  /**
   * Bucket name. With hosting "s3-website" only `domainName` is accepted: S3 website hosting
   * serves a request from the bucket named like its Host header. Behind CloudFront any name
   * works, such as one with the project's prefix.
   *
   * @default - domainName
   */
  readonly bucketName?: string;
  /**
   * How the site is served.
   *
   * @default StaticWebsite.DEFAULT_HOSTING
   */
  readonly hosting?: WebsiteHosting;
  /**
   * Document served for a folder ("/" and "/docs/"); in cloudfront mode, for "/" only.
   *
   * @default StaticWebsite.DEFAULT_INDEX_DOCUMENT
   */
  readonly indexDocument?: string;
  /**
   * Document served for missing keys.
   *
   * @default StaticWebsite.DEFAULT_ERROR_DOCUMENT
   */
  readonly errorDocument?: string;
  /**
   * Conditional redirects of the website endpoint (s3-website mode only).
   *
   * @default []
   */
  readonly routingRules?: readonly RoutingRule[];
  /**
   * Other host names, such as the apex "example.com", redirected to `domainName` (with alias
   * records when `hostedZoneId` is set). With "cloudfront", over HTTPS: a second distribution
   * whose CloudFront Function answers 301, the certificate covering every name. With
   * "s3-website", over HTTP: a bucket of each name that redirects every request.
   *
   * @default []
   */
  readonly redirectDomains?: readonly string[];
  /**
   * Name of the CloudFront redirect function, unique in the account (cloudfront mode).
   *
   * @default - "<domainName with dashes>-redirect"
   */
  readonly redirectFunctionName?: string;
  /**
   * Route 53 hosted zone of the domain. With it, the construct writes the DNS records:
   * a CNAME to the website endpoint, or alias records to CloudFront.
   *
   * @default - no DNS records; point the domain at `dnsTarget` yourself
   */
  readonly hostedZoneId?: string;
  /**
   * TTL of the CNAME record, in seconds.
   *
   * @default StaticWebsite.DEFAULT_RECORD_TTL
   */
  readonly recordTtl?: number;
  /**
   * Existing us-east-1 ACM certificate for the domain (cloudfront mode only).
   *
   * @default - a new DNS-validated certificate
   */
  readonly certificateArn?: string;
  /**
   * AWS provider for us-east-1, where CloudFront's certificate must live (cloudfront mode).
   *
   * @default - none; required in cloudfront mode unless `certificateArn` is given
   */
  readonly certificateProvider?: TerraformProvider;
  /**
   * CloudFront edge locations (cloudfront mode only).
   *
   * @default WebsiteDistribution.DEFAULT_PRICE_CLASS
   */
  readonly priceClass?: PriceClass;
  /**
   * Lifecycle rules of the site's bucket.
   *
   * @default LifecycleRules.DEFAULT_RULES
   */
  readonly lifecycleRules?: readonly LifecycleRule[];
  /**
   * Local folder uploaded into the bucket.
   *
   * @default - nothing uploaded; deploy the content another way
   */
  readonly contentDir?: string;
  /**
   * `Cache-Control` of uploaded files other than HTML pages.
   *
   * @default - none
   */
  readonly cacheControl?: string;
  /**
   * `Cache-Control` of uploaded HTML pages, short so a deploy shows without an invalidation.
   *
   * @default WebsiteContent.DEFAULT_HTML_CACHE_CONTROL
   */
  readonly htmlCacheControl?: string;
  /**
   * Let `terraform destroy` delete buckets that still hold objects.
   *
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Let Terraform refuse any plan that destroys or replaces the site's bucket or a redirect
   * bucket (`lifecycle.prevent_destroy`): the site's bucket holds the pages, and a deleted
   * bucket named after a domain can be created by anyone, who then serves content under it.
   *
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * A static website in an S3 bucket named after its domain: versioned, with lifecycle rules,
 * served either from the S3 website endpoint (HTTP) or through CloudFront (HTTPS), with
 * optional DNS records, redirect domains and content upload.
 *
 * @example
 * new StaticWebsite(this, 'site', {
 *   domainName: 'www.example.com',
 *   redirectDomains: ['example.com'],
 *   hostedZoneId: 'Z0123456789ABCDEFGHIJ',
 *   contentDir: 'site',
 * });
 */
export class StaticWebsite extends Construct {
  public static readonly DEFAULT_HOSTING: WebsiteHosting = 's3-website';
  public static readonly DEFAULT_INDEX_DOCUMENT = 'index.html';
  public static readonly DEFAULT_ERROR_DOCUMENT = 'error.html';
  public static readonly DEFAULT_RECORD_TTL = 300;

  public readonly hosting: WebsiteHosting;
  public readonly domainName: string;
  /**
   * The site's bucket: `websiteBucket.bucketName`, and `websiteBucket.websiteEndpoint` in
   * s3-website mode.
   */
  public readonly websiteBucket: WebsiteBucket;
  /** The CloudFront distribution (cloudfront mode): `distribution.distributionDomainName`. */
  public readonly distribution?: WebsiteDistribution;
  /** What the domain must point at: the website endpoint or the distribution's domain. */
  public readonly dnsTarget: string;
  /** The site's address. */
  public readonly url: string;
  /** The CNAME record (s3-website mode with a hosted zone). */
  public readonly record?: Route53Record;
  /** Redirect buckets keyed by their domain (s3-website mode; CloudFront redirects otherwise). */
  public readonly redirectBuckets: Readonly<Record<string, WebsiteBucket>>;
  public readonly content?: WebsiteContent;

  constructor(scope: Construct, id: string, props: StaticWebsiteProps) {
    super(scope, id);
    this.validate(props);
    const hosting = props.hosting ?? StaticWebsite.DEFAULT_HOSTING;
    this.hosting = hosting;
    this.domainName = props.domainName;
    const indexDocument = props.indexDocument ?? StaticWebsite.DEFAULT_INDEX_DOCUMENT;
    const errorDocument = props.errorDocument ?? StaticWebsite.DEFAULT_ERROR_DOCUMENT;
    const viaCloudFront = hosting === 'cloudfront';

    this.websiteBucket = new WebsiteBucket(this, 'bucket', {
      bucketName: props.bucketName ?? props.domainName,
      access: viaCloudFront ? 'private' : 'public-read',
      // CloudFront reads the REST endpoint; a website endpoint would only be a second, HTTP way in.
      website: viaCloudFront ? undefined : { indexDocument, errorDocument, routingRules: props.routingRules },
      lifecycleRules: props.lifecycleRules,
      forceDestroy: props.forceDestroy,
      preventDestroy: props.preventDestroy,
    });

    if (viaCloudFront) {
      this.distribution = new WebsiteDistribution(this, 'distribution', {
        domainName: props.domainName,
        bucket: this.websiteBucket,
        hostedZoneId: props.hostedZoneId,
        certificateArn: props.certificateArn,
        certificateProvider: props.certificateProvider,
        redirectDomains: props.redirectDomains,
        redirectFunctionName: props.redirectFunctionName,
        defaultRootObject: indexDocument,
        errorDocument,
        priceClass: props.priceClass,
      });
      this.dnsTarget = this.distribution.distributionDomainName;
    } else {
      this.dnsTarget = this.websiteBucket.websiteEndpoint as string;
      if (props.hostedZoneId) {
        this.record = new Route53Record(this, 'cname', {
          zoneId: props.hostedZoneId,
          name: props.domainName,
          type: 'CNAME',
          ttl: props.recordTtl ?? StaticWebsite.DEFAULT_RECORD_TTL,
          records: [this.dnsTarget],
        });
      }
    }
    this.url = `${viaCloudFront ? 'https' : 'http'}://${props.domainName}`;

    const redirectBuckets: Record<string, WebsiteBucket> = {};
    // Behind CloudFront the distribution answers the redirect domains over HTTPS.
    for (const domain of viaCloudFront ? [] : (props.redirectDomains ?? [])) {
      const redirect = new WebsiteBucket(this, `redirect-${domain}`, {
        bucketName: domain,
        access: 'private',
        website: { redirectAllRequestsTo: { hostName: props.domainName, protocol: 'http' } },
        // Nothing is meant to be stored here; only a stray upload's parts could ever cost anything.
        lifecycleRules: [LifecycleRules.DEFAULT_ABORT_INCOMPLETE_UPLOAD_RULE],
        forceDestroy: props.forceDestroy,
        preventDestroy: props.preventDestroy,
      });
      redirectBuckets[domain] = redirect;
      if (props.hostedZoneId) {
        // An alias, unlike a CNAME, is allowed at the zone apex, where redirect domains usually are.
        new Route53Record(this, `redirect-${domain}-alias`, {
          zoneId: props.hostedZoneId,
          name: domain,
          type: 'A',
          alias: { name: redirect.websiteDomain as string, zoneId: redirect.hostedZoneId, evaluateTargetHealth: false },
        });
      }
    }
    this.redirectBuckets = redirectBuckets;

    if (props.contentDir !== undefined) {
      this.content = new WebsiteContent(this, 'content', {
        bucketName: this.websiteBucket.bucketName,
        sourceDir: props.contentDir,
        cacheControl: props.cacheControl,
        htmlCacheControl: props.htmlCacheControl,
      });
    }
  }

  private validate(props: StaticWebsiteProps): void {
    const fail = (message: string) => {
      throw new WebStackError(message, this);
    };
    const domainProblem = findWebsiteDomainProblem(props.domainName);
    if (domainProblem) fail(`domainName "${props.domainName}" ${domainProblem}`);
    const hostingMode = props.hosting ?? StaticWebsite.DEFAULT_HOSTING;
    if (hostingMode === 's3-website' && props.bucketName !== undefined && props.bucketName !== props.domainName) {
      fail(
        `bucketName "${props.bucketName}" differs from domainName "${props.domainName}": S3 website hosting serves a request from the bucket named exactly like the request's Host header, so a CNAME from "${props.domainName}" only works with a bucket named "${props.domainName}"; leave bucketName out or set it to "${props.domainName}", or serve the site through CloudFront (hosting "cloudfront"), where any bucket name works`,
      );
    }
    const hosting = hostingMode;
    if (!WEBSITE_HOSTING_MODES.includes(hosting))
      fail(`hosting "${hosting}": use "s3-website" (HTTP from the bucket) or "cloudfront" (HTTPS)`);
    if (hosting === 's3-website') {
      for (const field of ['certificateArn', 'certificateProvider', 'priceClass'] as const) {
        if (props[field] !== undefined) fail(`${field}: only applies with hosting "cloudfront"; remove it or set hosting to "cloudfront"`);
      }
    } else if (props.routingRules?.length) {
      fail(
        'routingRules: only apply to the S3 website endpoint, which hosting "cloudfront" does not use; remove them or use hosting "s3-website"',
      );
    }
    if (props.hostedZoneId !== undefined && !HOSTED_ZONE_ID.test(props.hostedZoneId)) {
      fail(`hostedZoneId "${props.hostedZoneId}": is not a Route 53 hosted zone ID; those look like "Z0123456789ABCDEFGHIJ"`);
    }
    const ttl = props.recordTtl;
    if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 0 && ttl <= 2147483647)) {
      fail(`recordTtl ${ttl}: use a whole number of seconds, 0 or more`);
    }
    const seen = new Set<string>();
    for (const domain of props.redirectDomains ?? []) {
      const problem = findWebsiteDomainProblem(domain);
      if (problem) fail(`redirectDomains "${domain}" ${problem}`);
      if (domain === props.domainName) fail(`redirectDomains "${domain}": is the site's own domain; a redirect to itself would loop`);
      if (seen.has(domain)) fail(`redirectDomains "${domain}": is listed twice`);
      seen.add(domain);
    }
  }
}
