// A static website on S3 and nothing else: a bucket named after the site's host name with
// website hosting, lifecycle rules, a redirect from the apex domain, and the pages in ./site
// uploaded with their content types. Served over HTTP from the S3 website endpoint; set
// hosting: 'cloudfront' (with a us-east-1 provider) for HTTPS.
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StaticWebsite } from 'aws-web-stack';

/** The pages to upload; found from the sources and from the compiled example alike. */
function siteDir(): string {
  const candidates = [path.join(__dirname, 'site'), path.resolve(__dirname, '..', '..', 'static-website', 'site')];
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

export class StaticWebsiteStack extends TerraformStack {
  public readonly site: StaticWebsite;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-west-2', defaultTags: [{ tags: { Example: 'static-website' } }] });

    this.site = new StaticWebsite(this, 'site', {
      domainName: 'www.example-bakery.com',
      redirectDomains: ['example-bakery.com'],
      contentDir: siteDir(),
      cacheControl: 'max-age=300',
    });

    new TerraformOutput(this, 'bucket_name', { value: this.site.websiteBucket.bucketName });
    new TerraformOutput(this, 'url', { value: this.site.url });
    new TerraformOutput(this, 'dns_target', { value: this.site.dnsTarget });
  }
}

/** Synthesizes the example into `outdir`. */
export function synthesizeExample(outdir: string): void {
  const app = new App({ outdir });
  new StaticWebsiteStack(app, 'static-website');
  app.synth();
}

if (require.main === module) {
  synthesizeExample(process.argv[2] ?? path.resolve('cdktf.out'));
}
