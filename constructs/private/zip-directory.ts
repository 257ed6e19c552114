import { createHash } from 'crypto';
// Named imports: a test counts the reads through the module object (`fs.readFileSync`).
import { BigIntStats, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Zippable } from 'fflate';

/**
 * Zips a directory in this process and returns the path of the archive, for a
 * `TerraformAsset` of type FILE. CDKTF's ARCHIVE assets start a new `node` process per asset to
 * zip (about 0.5 s each, most of the app's synth time); this takes milliseconds. The archive is
 * byte-for-byte the same for the same files (sorted entries, fixed timestamps), so its asset hash
 * changes only when a file does, and it is written once per content to a cache in the temp dir.
 * `include` adds other folders under a prefix in the archive (npm packages under `node_modules/`).
 * A second call for files whose stats have not changed reads none of them (see `archivesByStats`).
 */
export function zipDirectory(sourceDir: string, include: readonly { readonly dir: string; readonly prefix: string }[] = []): string {
  const listedAt = BigInt(Date.now()) * 1_000_000n;
  const files = [{ dir: sourceDir, prefix: '' }, ...include].flatMap(({ dir, prefix }) =>
    listFiles(dir).map(({ relative, stat }) => ({
      name: `${prefix}${relative.split(path.sep).join('/')}`,
      absolute: path.join(dir, relative),
      stat,
    })),
  );
  const stats = files
    .map(({ name, absolute, stat }) => `${name}\0${absolute}\0${stat.ino}\0${stat.size}\0${stat.mtimeNs}\0${stat.ctimeNs}\0${stat.mode}`)
    .join('\n');
  const known = archivesByStats.get(stats);
  if (known !== undefined && existsSync(known)) return known;

  const entries = files.map(({ name, absolute, stat }) => ({ name, data: readFileSync(absolute), mode: Number(stat.mode) }));
  // The writer is part of the key: another writer may lay out the same files differently.
  const digest = createHash('sha256').update(`${ZIP_WRITER}\0`);
  for (const entry of entries) digest.update(`${entry.name}\0${entry.mode & 0o111 ? 'x' : '-'}\0${entry.data.length}\0`).update(entry.data);
  const dir = path.join(os.tmpdir(), 'web-stack-zips', digest.digest('hex').slice(0, 32));
  // The base name matches CDKTF's own archives, so output paths read the same.
  const zipFile = path.join(dir, 'archive.zip');
  if (!existsSync(zipFile)) {
    mkdirSync(dir, { recursive: true });
    const temporary = `${zipFile}.${process.pid}.tmp`;
    writeFileSync(temporary, buildZip(entries));
    renameSync(temporary, zipFile);
  }
  // Every change to a file sets its change time to the time of the change.
  const lastChange = files.reduce((latest, { stat }) => (stat.ctimeNs > latest ? stat.ctimeNs : latest), 0n);
  if (lastChange < listedAt - RACY_MARGIN_NS) archivesByStats.set(stats, zipFile);
  return zipFile;
}

/**
 * Archives made in this process, by the stats of their files (path, inode, size, modification
 * and change times, mode): the app zips the same function for each environment, and reading and
 * hashing a function with its npm packages (mysql2: 250 files, 1.6 MB) took about 10 ms a time. A
 * write, rename, chmod or touch of a file changes its change time, so a file changed between two
 * synths of one process (a jest run) is read again; the key is the files, not the folder's name.
 */
const archivesByStats = new Map<string, string>();

/**
 * File systems stamp times at a coarse tick (FAT's modification time: 2 s), so a file written
 * this shortly before a call could be written again with the same stats. Archives of such
 * files are not remembered.
 */
const RACY_MARGIN_NS = 2_000_000_000n;

/** Files under `dir` with their stats, relative, sorted, at any depth. */
function listFiles(dir: string, prefix = ''): { relative: string; stat: BigIntStats }[] {
  const found: { relative: string; stat: BigIntStats }[] = [];
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = path.join(prefix, name);
    const stat = statSync(path.join(dir, relative), { bigint: true });
    if (stat.isDirectory()) found.push(...listFiles(dir, relative));
    else if (stat.isFile()) found.push({ relative, stat });
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
