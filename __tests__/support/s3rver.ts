import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// s3rver ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

/** A real S3-compatible server on a free loopback port, storing objects in a temp directory. */
export interface LocalS3 {
  readonly endpoint: string;
  readonly directory: string;
  /** True while an object with this key exists in the bucket. */
  hasObject(bucket: string, key: string): boolean;
  /** Every object write and delete so far, as `ObjectCreated:Put <bucket>/<key>`, in order. */
  readonly events: string[];
  close(): Promise<void>;
}

export async function startLocalS3(buckets: readonly string[]): Promise<LocalS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const events: string[] = [];
  // s3rver is a Koa app and emits S3 event notifications for every object write and delete.
  server.on('event', (event: { Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string } } }[] }) => {
    for (const record of event.Records) events.push(`${record.eventName} ${record.s3.bucket.name}/${record.s3.object.key}`);
  });
  const { address, port } = (await server.run()) as { address: string; port: number };
  return {
    endpoint: `http://${address}:${port}`,
    directory,
    events,
    // s3rver's filesystem store keeps each object as <bucket>/<key>._S3rver_object.
    hasObject: (bucket, key) => fs.existsSync(path.join(directory, bucket, `${key}._S3rver_object`)),
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Backend settings that point Terraform's S3 backend at a loopback server with fake credentials. */
export function loopbackBackendSettings(endpoint: string): Record<string, unknown> {
  return {
    endpoints: { s3: endpoint },
    use_path_style: true,
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    skip_s3_checksum: true,
    access_key: 'S3RVER',
    secret_key: 'S3RVER',
  };
}
