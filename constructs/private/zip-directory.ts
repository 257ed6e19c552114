import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { zipSync, Zippable } from 'fflate';

/**
 * Zips a directory in this process and returns the path of the archive, for a
 * `TerraformAsset` of type FILE. CDKTF's ARCHIVE assets start a new `node` process per asset to
 * zip (about 0.5 s each, most of the app's synth time); this takes milliseconds. The archive is
 * byte-for-byte the same for the same files (sorted entries, fixed timestamps), so its asset hash
 * changes only when a file does, and it is written once per content to a cache in the temp dir.
 * `include` adds other folders under a prefix in the archive (npm packages under `node_modules/`).
 */
export function zipDirectory(sourceDir: string, include: readonly { readonly dir: string; readonly prefix: string }[] = []): string {
  const entries = [{ dir: sourceDir, prefix: '' }, ...include].flatMap(({ dir, prefix }) =>
    listFiles(dir).map((relative) => {
      const absolute = path.join(dir, relative);
      return { name: `${prefix}${relative.split(path.sep).join('/')}`, data: fs.readFileSync(absolute), mode: fs.statSync(absolute).mode };
    }),
  );
  // The writer is part of the key: another writer may lay out the same files differently.
  const digest = createHash('sha256').update(`${ZIP_WRITER}\0`);
  for (const entry of entries) digest.update(`${entry.name}\0${entry.mode & 0o111 ? 'x' : '-'}\0${entry.data.length}\0`).update(entry.data);
  const dir = path.join(os.tmpdir(), 'web-stack-zips', digest.digest('hex').slice(0, 32));
  // The base name matches CDKTF's own archives, so output paths read the same.
  const zipFile = path.join(dir, 'archive.zip');
  if (!fs.existsSync(zipFile)) {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${zipFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, buildZip(entries));
    fs.renameSync(temporary, zipFile);
  }
  return zipFile;
}

/** Files under `dir`, relative, sorted, at any depth. */
function listFiles(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const name of fs.readdirSync(path.join(dir, prefix)).sort()) {
    const relative = path.join(prefix, name);
    const stat = fs.statSync(path.join(dir, relative));
    if (stat.isDirectory()) found.push(...listFiles(dir, relative));
    else if (stat.isFile()) found.push(relative);
  }
  return found;
}

const ZIP_WRITER = 'fflate-0.8';

// 1980-01-01 00:00 local time, the earliest date ZIP can store: the same timestamp for every
// entry, every time, in every time zone (fflate writes local time fields).
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
// "Made by Unix", so the external attributes carry the file mode.
const UNIX = 3;

function buildZip(entries: readonly { name: string; data: Buffer; mode: number }[]): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    const mode = entry.mode & 0o111 ? 0o100755 : 0o100644;
    files[entry.name] = [new Uint8Array(entry.data), { level: 9, mtime: FIXED_MTIME, os: UNIX, attrs: (mode << 16) >>> 0 }];
  }
  return Buffer.from(zipSync(files));
}
