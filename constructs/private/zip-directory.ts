import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deflateRawSync } from 'zlib';

/**
 * Zips a directory in this process and returns the path of the archive, for a
 * `TerraformAsset` of type FILE. CDKTF's ARCHIVE assets start a new `node` process per asset to
 * zip (about 0.5 s each, most of the app's synth time); this takes milliseconds. The archive is
 * byte-for-byte the same for the same files (sorted entries, fixed timestamps), so its asset hash
 * changes only when a file does, and it is written once per content to a cache in the temp dir.
 */
export function zipDirectory(sourceDir: string): string {
  const files = listFiles(sourceDir);
  const entries = files.map((relative) => {
    const absolute = path.join(sourceDir, relative);
    return { name: relative.split(path.sep).join('/'), data: fs.readFileSync(absolute), mode: fs.statSync(absolute).mode };
  });
  const digest = createHash('sha256');
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

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// 1980-01-01 00:00, the earliest DOS date: the same timestamp for every entry, every time.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

/** A ZIP archive (deflate, UTF-8 names, Unix permissions) of the given entries, in order. */
export function buildZip(entries: readonly { name: string; data: Buffer; mode: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes carry the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((((entry.mode & 0o111 ? 0o100755 : 0o100644) << 16) >>> 0) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
