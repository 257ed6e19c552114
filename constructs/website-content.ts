import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { AssetType, ITerraformDependable, TerraformAsset } from 'cdktf';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { contentType } from 'mime-types';
import { compareCodeUnits } from '../core/code-unit-order';
import { WebStackError } from '../core/errors';

export interface WebsiteContentProps {
  /** Name of the bucket the files go to. */
  readonly bucketName: string;
  /** Local folder whose files are uploaded, keys relative to it. Hidden files (".name") are skipped. */
  readonly sourceDir: string;
  /**
   * `Cache-Control` header of every object but the HTML pages.
   *
   * @default - none: browsers and CloudFront use their own heuristics
   */
  readonly cacheControl?: string;
  /**
   * `Cache-Control` header of the HTML pages (`text/html`). Short, because nothing invalidates
   * CloudFront's copy after a deploy (the provider has no invalidation resource): a changed page
   * reaches visitors once this expires, where CloudFront's default would keep it a day.
   *
   * @default WebsiteContent.DEFAULT_HTML_CACHE_CONTROL
   */
  readonly htmlCacheControl?: string;
  /**
   * Resources the uploads must wait for, such as the bucket's encryption settings.
   *
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** One uploaded file. */
export interface UploadedFile {
  /** Object key, with "/" separators. */
  readonly key: string;
  /** `Content-Type` sent with the object. */
  readonly contentType: string;
  readonly object: S3Object;
}

/**
 * Uploads a local folder as one `aws_s3_object` per file. Each object gets the
 * `Content-Type` of its extension (from the `mime-types` database, with a charset for text),
 * so browsers render pages instead of downloading them, and an `etag` (the file's MD5, which
 * is the ETag S3 reports for SSE-S3 objects uploaded in one part), so a changed file shows up
 * as a change in the plan and is uploaded again. The folder is copied into the synthesized
 * stack as an asset, so the stack plans the same on any machine.
 *
 * Terraform handles a few hundred files well; for a large site, sync with `aws s3 sync` instead.
 *
 * @example
 * new WebsiteContent(this, 'content', { bucketName: site.bucketName, sourceDir: path.join(__dirname, 'site') });
 */
export class WebsiteContent extends Construct {
  /** Type of files whose extension the MIME database does not know. */
  public static readonly DEFAULT_CONTENT_TYPE = 'application/octet-stream';
  /** Five minutes: a deploy shows within that, and a busy page still comes from the cache. */
  public static readonly DEFAULT_HTML_CACHE_CONTROL = 'public, max-age=300';

  /** The uploaded files keyed by object key. */
  public readonly files: Readonly<Record<string, UploadedFile>>;

  constructor(scope: Construct, id: string, props: WebsiteContentProps) {
    super(scope, id);
    const stat = fs.statSync(props.sourceDir, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) {
      throw new WebStackError(
        `sourceDir "${props.sourceDir}": is not a folder; give the folder holding the site's files, such as "site"`,
        this,
      );
    }
    const keys = listFiles(props.sourceDir);
    if (keys.length === 0) {
      throw new WebStackError(`sourceDir "${props.sourceDir}": has no files to upload; add at least an index document`, this);
    }
    const asset = new TerraformAsset(this, 'files', { path: path.resolve(props.sourceDir), type: AssetType.DIRECTORY });

    const files: Record<string, UploadedFile> = {};
    for (const key of keys) {
      const file = path.join(props.sourceDir, ...key.split('/'));
      const type = contentType(path.basename(file)) || WebsiteContent.DEFAULT_CONTENT_TYPE;
      const object = new S3Object(this, `file-${key.replace(/\//g, '--')}`, {
        bucket: props.bucketName,
        key,
        source: `${asset.path}/${key}`,
        etag: createHash('md5').update(fs.readFileSync(file)).digest('hex'),
        contentType: type,
        cacheControl: type.startsWith('text/html')
          ? (props.htmlCacheControl ?? WebsiteContent.DEFAULT_HTML_CACHE_CONTROL)
          : props.cacheControl,
        dependsOn: props.dependsOn,
      });
      files[key] = { key, contentType: type, object };
    }
    this.files = files;
  }
}

/** Relative paths, with "/" separators, of the regular files under a folder, sorted; hidden entries skipped. */
function listFiles(root: string, relative = ''): string[] {
  const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name));
  return entries.flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listFiles(root, child);
    return entry.isFile() ? [child] : [];
  });
}
