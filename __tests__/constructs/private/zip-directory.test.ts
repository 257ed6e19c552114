import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inflateRawSync } from 'zlib';
import { INDEX_FILE, ZipCacheIndex, zipCacheDir } from '../../../constructs/private/zip-cache-index';
import { zipDirectory } from '../../../constructs/private/zip-directory';
import { aMinuteLater } from '../../support/clock';
import { ownTempDirPerTest } from '../../support/own-temp-dir';

/** Reads a ZIP through its central directory: name, Unix mode, stored CRC and inflated content. */
function readZip(file: string): { name: string; mode: number; crc: number; data: string }[] {
  const zip = fs.readFileSync(file);
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + compressedSize)).toString('utf8');
    entries.push({ name, mode: zip.readUInt32LE(at + 38) >>> 16, crc: zip.readUInt32LE(at + 16), data });
    at += 46 + nameLength;
  }
  return entries;
}

function sourceDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-source-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Runs `fn` and returns what it returned and how many files under `dir` it read. */
function countingReads<T>(dir: string, fn: () => T): { result: T; reads: number } {
  // The module object zip-directory reads through (an `import * as` namespace would be a copy).
  const reads = jest.spyOn(jest.requireActual<typeof import('fs')>('fs'), 'readFileSync');
  try {
    const result = fn();
    return { result, reads: reads.mock.calls.filter(([file]) => String(file).startsWith(`${dir}${path.sep}`)).length };
  } finally {
    reads.mockRestore();
  }
}

/**
 * zipDirectory from a module instance of its own, as a new process loads it (nothing remembered
 * in memory), with fflate's loads counted in `loads`.
 */
function freshZipDirectory(loads: jest.Mock = jest.fn()): typeof zipDirectory {
  // A registry of its own, mocks included: jest.isolateModules keeps a mocked module once made.
  jest.resetModules();
  jest.doMock('fflate', () => {
    loads();
    return jest.requireActual('fflate');
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../../constructs/private/zip-directory') as { zipDirectory: typeof zipDirectory }).zipDirectory;
}

describe('zipDirectory', () => {
  const newTempDir = ownTempDirPerTest();

  test('archives every file at any depth, sorted, with forward-slash names and their content', () => {
    const dir = sourceDir({ 'index.js': 'exports.handler = async () => 1;\n', 'lib/b.js': 'b', 'lib/a.js': 'a' });
    const entries = readZip(zipDirectory(dir));
    expect(entries.map((e) => [e.name, e.data])).toEqual([
      ['index.js', 'exports.handler = async () => 1;\n'],
      ['lib/a.js', 'a'],
      ['lib/b.js', 'b'],
    ]);
  });

  test('stores the CRC-32 of each file (checked against a known value)', () => {
    const entries = readZip(zipDirectory(sourceDir({ 'a.txt': 'hello' })));
    expect(entries[0].crc).toBe(0x3610a686);
  });

  test('keeps the executable bit and marks other files 0644', () => {
    const dir = sourceDir({ 'run.sh': '#!/bin/sh\n', 'data.txt': 'x' });
    fs.chmodSync(path.join(dir, 'run.sh'), 0o755);
    const modes = Object.fromEntries(readZip(zipDirectory(dir)).map((e) => [e.name, e.mode]));
    expect(modes).toEqual({ 'data.txt': 0o100644, 'run.sh': 0o100755 });
  });

  test('the same files give the same archive, byte for byte, at the same path', () => {
    const first = zipDirectory(sourceDir({ 'index.js': 'same' }));
    const second = zipDirectory(sourceDir({ 'index.js': 'same' }));
    expect(second).toBe(first);
    expect(path.basename(first)).toBe('archive.zip');
  });

  test('changing a file changes the archive', () => {
    const dir = sourceDir({ 'index.js': 'one' });
    const before = zipDirectory(dir);
    fs.writeFileSync(path.join(dir, 'index.js'), 'two');
    const after = zipDirectory(dir);
    expect(after).not.toBe(before);
    expect(readZip(after)[0].data).toBe('two');
  });

  test('a second call for files whose stats are unchanged reads none of them and gives the same archive', () => {
    // GIVEN files last changed a while ago (the mysql2 of a synth's second environment)
    const dir = sourceDir({ 'index.js': 'handler', 'lib/a.js': 'a' });
    aMinuteLater(() => {
      const first = countingReads(dir, () => zipDirectory(dir));
      expect(first.reads).toBe(2);
      // WHEN the same folder is zipped again THEN nothing is read, and the archive is the same
      const second = countingReads(dir, () => zipDirectory(dir));
      expect(second).toEqual({ result: first.result, reads: 0 });
    });
  });

  test('a file written, replaced or made executable after a remembered call is read again', () => {
    const dir = sourceDir({ 'index.js': 'one', 'run.sh': '#!/bin/sh\n' });
    const file = path.join(dir, 'index.js');
    aMinuteLater(() => {
      const before = zipDirectory(dir);
      // written (a new size)
      fs.writeFileSync(file, 'three');
      const written = countingReads(dir, () => zipDirectory(dir));
      expect(written.reads).toBe(2);
      expect(written.result).not.toBe(before);
      expect(readZip(written.result)[0].data).toBe('three');
      // replaced by a file of the same size (a new inode)
      fs.writeFileSync(`${file}.new`, 'THREE');
      fs.renameSync(`${file}.new`, file);
      expect(readZip(zipDirectory(dir))[0].data).toBe('THREE');
      // made executable
      fs.chmodSync(path.join(dir, 'run.sh'), 0o755);
      expect(readZip(zipDirectory(dir))[1].mode).toBe(0o100755);
    });
  });

  test('files changed in the last two seconds are read again at every call (their stats may not show a change)', () => {
    // GIVEN files written just now: a second write of the same size in the same tick of the file system's clock keeps every stat
    const dir = sourceDir({ 'index.js': 'one' });
    zipDirectory(dir);
    // THEN a second call reads them again
    expect(countingReads(dir, () => zipDirectory(dir)).reads).toBe(1);
  });

  test('fflate is loaded only to write an archive: a new process whose archive is in the cache does not load it', () => {
    const loads = jest.fn();
    const dir = sourceDir({ 'index.js': 'loaded lazily' });
    // GIVEN a first process that wrote the archive
    const first = freshZipDirectory(loads)(dir);
    expect(loads).toHaveBeenCalledTimes(1);
    // WHEN another process zips the same files THEN it finds the archive and never loads fflate (about 8 ms)
    expect(freshZipDirectory(loads)(dir)).toBe(first);
    expect(loads).toHaveBeenCalledTimes(1);
  });

  test("a new process reads none of the files whose stats are in the cache's index, and finds the same archive", () => {
    // GIVEN files last changed a while ago, zipped by an earlier process
    const dir = sourceDir({ 'index.js': 'handler', 'lib/a.js': 'a' });
    aMinuteLater(() => {
      const first = countingReads(dir, () => freshZipDirectory()(dir));
      expect(first.reads).toBe(2);
      // WHEN a new process zips them THEN it reads nothing and names the same archive
      expect(countingReads(dir, () => freshZipDirectory()(dir))).toEqual({ result: first.result, reads: 0 });
    });
  });

  test('in a new process, a written, replaced, chmod-ed or new file gives a new archive; a touched one is read again', () => {
    const dir = sourceDir({ 'index.js': 'one', 'run.sh': '#!/bin/sh\n' });
    const file = path.join(dir, 'index.js');
    const zip = () => freshZipDirectory()(dir);
    aMinuteLater(() => {
      const archives = [zip()];
      // written (a new size)
      fs.writeFileSync(file, 'three');
      archives.push(zip());
      expect(readZip(archives[1])[0].data).toBe('three');
      // replaced by a file of the same size (a new inode)
      fs.writeFileSync(`${file}.new`, 'THREE');
      fs.renameSync(`${file}.new`, file);
      archives.push(zip());
      expect(readZip(archives[2])[0].data).toBe('THREE');
      // made executable
      fs.chmodSync(path.join(dir, 'run.sh'), 0o755);
      archives.push(zip());
      expect(readZip(archives[3])[1].mode).toBe(0o100755);
      // a new file
      fs.writeFileSync(path.join(dir, 'new.js'), 'new');
      archives.push(zip());
      expect(readZip(archives[4]).map((entry) => entry.name)).toEqual(['index.js', 'new.js', 'run.sh']);
      expect(new Set(archives).size).toBe(archives.length);
      // touched: its stats changed, so it is read again, and the same content names the same archive
      fs.utimesSync(file, new Date(), new Date());
      expect(countingReads(dir, zip)).toEqual({ result: archives[4], reads: 1 });
    });
  });

  test('files changed within two seconds of their listing are read again by the next process too', () => {
    // GIVEN files written just now: the index does not keep them
    const dir = sourceDir({ 'index.js': 'one' });
    freshZipDirectory()(dir);
    expect(countingReads(dir, () => freshZipDirectory()(dir)).reads).toBe(1);
  });

  test('a corrupt index is survived: the archive is right and the index is written afresh', () => {
    const dir = sourceDir({ 'index.js': 'despite a corrupt index' });
    const indexFile = path.join(zipCacheDir(), INDEX_FILE);
    fs.mkdirSync(path.dirname(indexFile), { recursive: true });
    fs.writeFileSync(indexFile, '{"version":1,"files":{"');
    aMinuteLater(() => {
      expect(readZip(freshZipDirectory()(dir))[0].data).toBe('despite a corrupt index');
      expect(Object.keys(JSON.parse(fs.readFileSync(indexFile, 'utf8')).files)).toEqual([path.join(dir, 'index.js')]);
      expect(countingReads(dir, () => freshZipDirectory()(dir)).reads).toBe(0);
    });
  });

  test('content that changed where the stats did not show it is never filed under the digest the index held', () => {
    // GIVEN an index that holds, for the file's current stats, the digest of other content
    const dir = sourceDir({ 'index.js': 'real' });
    const file = path.join(dir, 'index.js');
    const stale = new ZipCacheIndex(path.join(zipCacheDir(), INDEX_FILE));
    stale.recordDigest(
      file,
      fs.statSync(file, { bigint: true }),
      createHash('sha256').update('stale').digest('hex'),
      BigInt(Date.now() + 60_000) * 1_000_000n,
    );
    stale.save();
    // WHEN the archive is made THEN it lies where a clean cache files this content
    const made = path.relative(zipCacheDir(), freshZipDirectory()(dir));
    newTempDir();
    expect(made).toBe(path.relative(zipCacheDir(), freshZipDirectory()(dir)));
  });
});
