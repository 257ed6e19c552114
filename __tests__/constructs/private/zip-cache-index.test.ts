import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INDEX_FILE, RACY_MARGIN_NS, ZipCacheIndex, zipCacheDir, zipCacheIndex } from '../../../constructs/private/zip-cache-index';

const nowNs = () => BigInt(Date.now()) * 1_000_000n;
/** A start time a minute after now: files written just now look a minute old. */
const aMinuteLaterNs = () => nowNs() + 60_000_000_000n;
const statOf = (file: string) => fs.statSync(file, { bigint: true });

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'zip-cache-index-'));
}

/** A file with `content` in a folder of its own, and where an index of that folder would go. */
function fileAndIndex(content = 'one'): { file: string; indexFile: string } {
  const dir = tempDir();
  const file = path.join(dir, 'a.js');
  fs.writeFileSync(file, content);
  return { file, indexFile: path.join(dir, 'cache', INDEX_FILE) };
}

describe('ZipCacheIndex', () => {
  test('a recorded digest is known, in a later process too, while the file keeps its stats', () => {
    const { file, indexFile } = fileAndIndex();
    const index = new ZipCacheIndex(indexFile);
    index.recordDigest(file, statOf(file), 'digest-of-one', aMinuteLaterNs());
    index.save();
    expect(new ZipCacheIndex(indexFile).knownDigest(file, statOf(file))).toBe('digest-of-one');
  });

  test('a written, replaced, chmod-ed or touched file is not known by its old entry', () => {
    const { file, indexFile } = fileAndIndex('one');
    const index = new ZipCacheIndex(indexFile);
    const remember = () => index.recordDigest(file, statOf(file), 'digest', aMinuteLaterNs());
    const changes: Record<string, () => void> = {
      written: () => fs.writeFileSync(file, 'three'),
      replaced: () => {
        fs.writeFileSync(`${file}.new`, 'THREE');
        fs.renameSync(`${file}.new`, file);
      },
      'chmod-ed': () => fs.chmodSync(file, 0o755),
      touched: () => fs.utimesSync(file, new Date(), new Date(Date.now() - 3_600_000)),
    };
    for (const [name, change] of Object.entries(changes)) {
      remember();
      expect([name, index.knownDigest(file, statOf(file))]).toEqual([name, 'digest']);
      change();
      expect([name, index.knownDigest(file, statOf(file))]).toEqual([name, undefined]);
    }
  });

  test('a file changed within the racy margin before the work started is never recorded', () => {
    // GIVEN a file written just now: another write in the same tick of the file system's clock could keep every stat
    const { file, indexFile } = fileAndIndex();
    const index = new ZipCacheIndex(indexFile);
    // WHEN its digest is recorded by work that started now THEN it is not kept
    index.recordDigest(file, statOf(file), 'digest', nowNs());
    expect(index.knownDigest(file, statOf(file))).toBeUndefined();
    // AND work that started more than the margin after its change keeps it
    index.recordDigest(file, statOf(file), 'digest', statOf(file).ctimeNs + RACY_MARGIN_NS + 1n);
    expect(index.knownDigest(file, statOf(file))).toBe('digest');
  });

  test('a corrupt index is ignored and rewritten at the next save', () => {
    const { file, indexFile } = fileAndIndex();
    fs.mkdirSync(path.dirname(indexFile), { recursive: true });
    fs.writeFileSync(indexFile, '{"version":1,"files":{"/x":["1:2');
    const index = new ZipCacheIndex(indexFile);
    expect(index.knownDigest(file, statOf(file))).toBeUndefined();
    // Nothing new to record: still written, so the next process does not parse the broken one again.
    index.save();
    expect(JSON.parse(fs.readFileSync(indexFile, 'utf8'))).toEqual({ version: 1, files: {}, results: {} });
    expect(fs.readdirSync(path.dirname(indexFile))).toEqual([INDEX_FILE]);
  });

  test('entries of the wrong shape, and an index of another version, are ignored', () => {
    const { file, indexFile } = fileAndIndex();
    const stats = (() => {
      const index = new ZipCacheIndex(path.join(tempDir(), INDEX_FILE));
      index.recordDigest(file, statOf(file), 'digest', aMinuteLaterNs());
      return (index as unknown as { files: Map<string, [string, string]> }).files.get(file)![0];
    })();
    fs.mkdirSync(path.dirname(indexFile), { recursive: true });
    const write = (data: unknown) => fs.writeFileSync(indexFile, JSON.stringify(data));
    write({ version: 2, files: { [file]: [stats, 'digest'] }, results: {} });
    expect(new ZipCacheIndex(indexFile).knownDigest(file, statOf(file))).toBeUndefined();
    write({ version: 1, files: { [file]: [stats, 42] }, results: { key: { value: 1 } } });
    const wrongShape = new ZipCacheIndex(indexFile);
    expect([wrongShape.knownDigest(file, statOf(file)), wrongShape.knownResult('key')]).toEqual([undefined, undefined]);
    write({ version: 1, files: { [file]: [stats, 'digest'] }, results: {} });
    expect(new ZipCacheIndex(indexFile).knownDigest(file, statOf(file))).toBe('digest');
  });

  test('a result is known while every path it was read from keeps its stats, a missing one included', () => {
    const { file, indexFile } = fileAndIndex();
    const missing = path.join(path.dirname(file), 'node_modules');
    const index = new ZipCacheIndex(indexFile);
    index.recordResult('packages', ['found'], [file, missing], aMinuteLaterNs());
    index.save();
    expect(new ZipCacheIndex(indexFile).knownResult('packages')).toEqual(['found']);
    // A folder that appears where Node looks for packages changes the answer.
    fs.mkdirSync(missing);
    expect(new ZipCacheIndex(indexFile).knownResult('packages')).toBeUndefined();
    fs.rmdirSync(missing);
    expect(new ZipCacheIndex(indexFile).knownResult('packages')).toEqual(['found']);
    fs.writeFileSync(file, 'changed');
    expect(new ZipCacheIndex(indexFile).knownResult('packages')).toBeUndefined();
  });

  test('a result read from a path changed within the racy margin is not recorded', () => {
    const { file, indexFile } = fileAndIndex();
    const index = new ZipCacheIndex(indexFile);
    index.recordResult('packages', ['found'], [file], nowNs());
    expect(index.knownResult('packages')).toBeUndefined();
  });

  test("the process's index follows the temp dir, where the zip cache is", () => {
    // The module object the index reads through; jest's process.env is not the one os.tmpdir() reads.
    const tmpdir = jest.spyOn(jest.requireActual<typeof import('os')>('os'), 'tmpdir');
    try {
      const first = tempDir();
      tmpdir.mockReturnValue(first);
      expect(zipCacheDir()).toBe(path.join(first, `web-stack-zips-${process.getuid!()}`));
      const index = zipCacheIndex();
      expect(zipCacheIndex()).toBe(index);
      tmpdir.mockReturnValue(tempDir());
      expect(zipCacheIndex()).not.toBe(index);
    } finally {
      tmpdir.mockRestore();
    }
  });
});
