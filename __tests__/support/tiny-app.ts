// A tiny app in the cdktf shape for the tests of the change check's base revision: main.ts
// writes manifest.json and one stack per environment into $CDKTF_OUTDIR, naming its bucket after
// lib/name.ts, so each commit synthesizes differently; no dependencies, so any lockfile installs
// without the network.
import * as fs from 'fs';
import * as path from 'path';

/** The files of the app, with its bucket named `bucket`. */
export const tinyApp = (bucket: string): Record<string, string> => ({
  'lib/name.ts': `export const BUCKET = ${JSON.stringify(bucket)};\n`,
  'main.ts': [
    "import * as fs from 'fs';",
    "import * as path from 'path';",
    "import { BUCKET } from './lib/name';",
    'const outdir = process.env.CDKTF_OUTDIR!;',
    "const environment = process.env.WEB_STACK_ENVIRONMENTS ?? 'all';",
    "fs.mkdirSync(path.join(outdir, 'stacks', environment), { recursive: true });",
    "fs.writeFileSync(path.join(outdir, 'stacks', environment, 'cdk.tf.json'), JSON.stringify({ resource: { aws_s3_bucket: { site: { bucket: BUCKET } } } }));",
    "fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: { [environment]: {} } }));",
    '',
  ].join('\n'),
});

/** package.json of a package named `name`. */
export const tinyManifest = (name: string, dependencies: Record<string, string> = {}): string =>
  JSON.stringify({ name, version: '1.0.0', dependencies }, null, 2);

/** A package-lock.json without packages, for a package named `name`: another name, another lockfile. */
export const tinyLockfile = (name: string): string =>
  JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name, version: '1.0.0' } } }, null, 2);

/** The bucket name the synthesized stack of `environment` in `outdir` holds. */
export const tinyBucket = (outdir: string, environment = 'dev'): string =>
  JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', environment, 'cdk.tf.json'), 'utf8')).resource.aws_s3_bucket.site.bucket;
