import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { suppress } from '../core/suppressions';
import { grant, IGrantable } from './grant';
import { PrivateBucket } from './private-bucket';

export interface BootFilesProps {
  /** Prefix of the bucket's name; S3 appends a unique suffix. */
  readonly name: string;
}

/** One file in the bucket. */
export interface BootFile {
  /** Object key. */
  readonly key: string;
  /** SHA-256 of the content, computed at synth, for the instance to check what it fetched. */
  readonly sha256: string;
  readonly object: S3Object;
}

/**
 * A private bucket of files that instances fetch at boot, uploaded from this package at deploy:
 * what must not depend on a third-party server staying the same (the RDS CA bundle). Instances in
 * private subnets reach it through the network's S3 gateway endpoint, without NAT. Objects are
 * keyed by their checksum, so a new file is a new object and running instances keep theirs.
 *
 * @example
 * const files = new BootFiles(this, 'boot-files', { name: 'web-dev' });
 * const bundle = files.addFile('rds-ca-bundle', { name: 'rds-ca-bundle.pem', path: bundleFile, sha256 });
 * files.grantRead(web, bundle);
 */
export class BootFiles extends Construct {
  public readonly bucket: PrivateBucket;
  /** The bucket's name, for `aws s3 cp s3://<name>/<key>` at boot. */
  public readonly bucketName: string;
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: BootFilesProps) {
    super(scope, id);
    this.bucket = new PrivateBucket(this, 'bucket', {
      bucketPrefix: `${props.name}-boot-`,
      // Every version is in this package; nothing here needs restoring.
      versioned: false,
      forceDestroy: true,
    });
    suppress(
      this.bucket.bucket,
      'WS-S3-3',
      'Boot files are copies of files in this package, keyed by their checksum: an object is never overwritten, and a deleted one comes back at the next apply',
    );
    suppress(
      this.bucket.bucket,
      'WS-S3-5',
      'Unversioned, so no noncurrent versions; only Terraform writes, one small object per file, so no multipart upload is left behind',
    );
    suppress(
      this.bucket.bucket,
      'WS-LIFECYCLE-2',
      'Holds only copies of files in this package, which Terraform uploads again after a replacement (forceDestroy): losing the bucket loses no data',
    );
    this.bucketName = this.bucket.bucketName;
    this.namePrefix = props.name;
  }

  /** Uploads a local file as `<sha256 prefix>/<name>`. */
  public addFile(id: string, file: { readonly name: string; readonly path: string; readonly sha256: string }): BootFile {
    const asset = new TerraformAsset(this, `${id}-asset`, { path: file.path, type: AssetType.FILE });
    const key = `${file.sha256.slice(0, 16)}/${file.name}`;
    const object = new S3Object(this, id, {
      bucket: this.bucket.bucket.id,
      key,
      source: asset.path,
      sourceHash: file.sha256,
    });
    return { key, sha256: file.sha256, object };
  }

  /** Lets `grantee` read exactly these files (`s3:GetObject`). */
  public grantRead(grantee: IGrantable, ...files: BootFile[]): IamRolePolicy {
    return grant(this, {
      grantee,
      access: 'read',
      policyName: `${this.namePrefix}-boot-files-read`,
      statements: [
        {
          Sid: 'ReadBootFiles',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: files.map((file) => `${this.bucket.bucketArn}/${file.key}`),
        },
      ],
    });
  }
}
