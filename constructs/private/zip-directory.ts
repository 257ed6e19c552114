import { createHash } from 'crypto';
// Named imports: a test counts the reads through the module object (`fs.readFileSync`).
import { BigIntStats, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { Zippable } from 'fflate';
import { compareCodeUnits } from '../../core/code-unit-order';
import { zipCacheDir, zipCacheIndex } from './zip-cache-index';

/**
 * Zips a directory in this process and returns the path of the archive, for a
 * `TerraformAsset` of type FILE. CDKTF's ARCHIVE assets start a new `node` process per asset to
 * zip (about 0.5 s each, most of the app's synth time); this takes milliseconds. The archive is
 * byte-for-byte the same for the same files (sorted entries, fixed timestamps), so its asset hash
 * changes only when a file does, and it is written once per content to a cache in the temp dir.
 * `include` adds other folders under a prefix in the archive (npm packages under `node_modules/`).
 * The files are listed and stat-ed at every call; a file whose stats match the cache's index
 * (`zip-cache-index.ts`) is not read, so an unchanged function is found in the cache with no read.
 */
export function zipDirectory(sourceDir: string, include: readonly { readonly dir: string; readonly prefix: string }[] = []): string {
  const listedAt = BigInt(Date.now()) * 1_000_000n;
  const files = [{ dir: sourceDir, prefix: '' }, ...include].flatMap(({ dir, prefix }) => listFiles(path.resolve(dir), prefix));
  const index = zipCacheIndex();
  const read = new Map<ListedFile, Buffer>();
  const keyed = files.map((file) => {
    let digest = index.knownDigest(file.absolute, file.stat);
    if (digest === undefined) {
      const data = readFileSync(file.absolute);
      read.set(file, data);
      digest = sha256(data);
      index.recordDigest(file.absolute, file.stat, digest, listedAt);
    }
    return { name: file.name, mode: Number(file.stat.mode), size: Number(file.stat.size), digest };
  });
  let zipFile = archivePath(keyed);
  if (!existsSync(zipFile)) {
    // Made from what is read now, and filed under the digests of that: a file changed since it
    // was indexed must not put its new content under its old digest.
    const entries = files.map((file) => ({
      name: file.name,
      data: read.get(file) ?? readFileSync(file.absolute),
      mode: Number(file.stat.mode),
    }));
    zipFile = archivePath(entries.map(({ name, data, mode }) => ({ name, mode, size: data.length, digest: sha256(data) })));
    if (!existsSync(zipFile)) {
      mkdirSync(path.dirname(zipFile), { recursive: true });
      const temporary = `${zipFile}.${process.pid}.tmp`;
      writeFileSync(temporary, buildZip(entries));
      renameSync(temporary, zipFile);
    }
  }
  index.save();
  return zipFile;
}

interface ListedFile {
  /** Its name in the archive, with `/` separators. */
  readonly name: string;
  readonly absolute: string;
  readonly stat: BigIntStats;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Where the archive of these entries is cached: a folder named after the writer and each entry's
 * name, executable bit, size and content digest. The base name matches CDKTF's own archives, so
 * output paths read the same.
 */
function archivePath(entries: readonly { name: string; mode: number; size: number; digest: string }[]): string {
  // The writer is part of the key: another writer may lay out the same files differently.
  const key = createHash('sha256').update(`${ZIP_WRITER}\0`);
  for (const entry of entries) key.update(`${entry.name}\0${entry.mode & 0o111 ? 'x' : '-'}\0${entry.size}\0${entry.digest}\n`);
  return path.join(zipCacheDir(), key.digest('hex').slice(0, 32), 'archive.zip');
}

/**
 * Regular files under `dir` (absolute) with their stats, sorted by their names in the archive, at
 * any depth. Folders are known from their entries without a stat; symbolic links are followed.
 */
function listFiles(dir: string, prefix: string, relative = ''): ListedFile[] {
  const found: ListedFile[] = [];
  const folder = relative ? `${dir}${path.sep}${relative}` : dir;
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name))) {
    const child = relative ? `${relative}${path.sep}${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      found.push(...listFiles(dir, prefix, child));
      continue;
    }
    const absolute = `${folder}${path.sep}${entry.name}`;
    const stat = statSync(absolute, { bigint: true });
    if (stat.isDirectory()) found.push(...listFiles(dir, prefix, child));
    else if (stat.isFile()) found.push({ name: `${prefix}${child.split(path.sep).join('/')}`, absolute, stat });
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
  // Loaded only here, to write an archive the cache lacks: fflate builds its Huffman tables when
  // it loads (about 8 ms), and most synths find every archive in the cache. esbuild still bundles
  // a require of a fixed name inside a function.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; `import()` would make the synth asynchronous
  const { zipSync } = require('fflate') as typeof import('fflate');
  const files: Zippable = {};
  for (const entry of entries) {
    const mode = entry.mode & 0o111 ? 0o100755 : 0o100644;
    files[entry.name] = [new Uint8Array(entry.data), { level: 9, mtime: FIXED_MTIME, os: UNIX, attrs: (mode << 16) >>> 0 }];
  }
  return Buffer.from(zipSync(files));
}
