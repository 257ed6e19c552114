import * as path from 'path';
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StaticWebsite } from '../constructs/static-website';
import { packageFile } from '../core/package-file';
import { EnvironmentConfig, ProjectConfig } from '../config/schema';
import { WebsiteConfig } from '../config/website';
import { BaseStack } from './base-stack';
import { guardRails, remoteStateFor, resourceTags } from './state-keys';

/** The name of an environment's website stack, such as "dev-website". */
export function websiteStackName(environment: string): string {
  return `${environment}-website`;
}

/**
 * The site's bucket: named after the domain for S3 website hosting, which finds the bucket by the
 * Host header; behind CloudFront free to carry the project's prefix (WS-NAME-1), as
 * "<project>-<environment>-<domain with dashes>".
 */
export function websiteBucketName(
  project: string,
  environment: string,
  website: Pick<WebsiteConfig, 'bucketName' | 'hosting' | 'domainName'>,
): string {
  if (website.bucketName !== undefined) return website.bucketName;
  return website.hosting === 'cloudfront' ? `${project}-${environment}-${website.domainName.replace(/\./g, '-')}` : website.domainName;
}

/** CloudFront reads viewer certificates from this region only. */
export const CERTIFICATE_REGION = 'us-east-1';

export interface WebsiteStackProps {
  readonly environment: string;
  readonly project: ProjectConfig;
  /** The environment's region, where the buckets live. */
  readonly region: string;
  /** Extra tags of the environment. */
  readonly tags?: Readonly<Record<string, string>>;
  readonly website: WebsiteConfig;
  /**
   * HCP Terraform instead of the state bucket, as the environment chose.
   *
   * @default - state in the project's state bucket
   */
  readonly remoteExecution?: EnvironmentConfig['remoteExecution'];
}

/**
 * One environment's static website in a stack of its own: it shares nothing with the network,
 * so it deploys and is destroyed independently. In cloudfront mode the stack adds an AWS
 * provider aliased to us-east-1 for the certificate.
 */
export class WebsiteStack extends BaseStack {
  public readonly website: StaticWebsite;
  /** The us-east-1 provider, when the stack creates a CloudFront certificate. */
  public readonly certificateProvider?: AwsProvider;

  constructor(scope: Construct, props: WebsiteStackProps) {
    const tags = resourceTags(props.project, props.environment, props.tags);
    super(scope, websiteStackName(props.environment), {
      region: props.region,
      tags,
      remoteState: remoteStateFor(props.project, props.environment, 'website', props.remoteExecution),
      ...guardRails(props.project),
    });
    const config = props.website;
    if (config.hosting === 'cloudfront' && config.certificateArn === undefined) {
      this.certificateProvider = this.addAwsProvider('aws-us-east-1', CERTIFICATE_REGION, CERTIFICATE_REGION);
    }

    this.website = new StaticWebsite(this, 'website', {
      domainName: config.domainName,
      bucketName: websiteBucketName(props.project.name, props.environment, config),
      hosting: config.hosting,
      indexDocument: config.indexDocument,
      errorDocument: config.errorDocument,
      redirectDomains: config.redirectDomains,
      redirectFunctionName: config.hosting === 'cloudfront' ? `${props.project.name}-${props.environment}-redirect` : undefined,
      hostedZoneId: config.hostedZoneId,
      certificateArn: config.certificateArn,
      certificateProvider: this.certificateProvider,
      priceClass: config.priceClass,
      lifecycleRules: config.lifecycleRules,
      contentDir: config.contentDir === undefined ? undefined : resolveContentDir(config.contentDir),
      forceDestroy: config.forceDestroy,
    });

    new TerraformOutput(this, 'website_url', { value: this.website.url });
    new TerraformOutput(this, 'bucket_name', { value: this.website.websiteBucket.bucketName });
    new TerraformOutput(this, 'dns_target', {
      value: this.website.dnsTarget,
      description: 'Point the domain here: a CNAME to the website endpoint, or an alias/CNAME to the CloudFront domain',
    });
    if (this.website.distribution) {
      new TerraformOutput(this, 'distribution_id', { value: this.website.distribution.distribution.id });
    }
  }
}

/**
 * A relative content folder is the project's own (like the example "site"), found wherever
 * synth runs from; one that does not exist is left for WebsiteContent to report.
 */
function resolveContentDir(dir: string): string {
  if (path.isAbsolute(dir)) return dir;
  try {
    return packageFile(dir);
  } catch {
    return path.resolve(dir);
  }
}
