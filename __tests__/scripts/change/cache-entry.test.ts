import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { placeCacheEntry } from '../../../scripts/change/cache-entry';

describe('a cache entry put into place', () => {
  const folder = (root: string, name: string, files: Record<string, string>) => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
    return dir;
  };
  const root = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cache-entry-'));

  test('a new entry is renamed into place', () => {
    const r = root();
    placeCacheEntry(folder(r, 'staging', { 'manifest.json': 'new' }), path.join(r, 'target'), 'manifest.json');
    expect(fs.readdirSync(r)).toEqual(['target']);
    expect(fs.readFileSync(path.join(r, 'target', 'manifest.json'), 'utf8')).toBe('new');
  });

  test('a complete entry another run put there first stays; this copy is dropped', () => {
    const r = root();
    folder(r, 'target', { 'manifest.json': 'first' });
    placeCacheEntry(folder(r, 'staging', { 'manifest.json': 'second' }), path.join(r, 'target'), 'manifest.json');
    expect(fs.readdirSync(r)).toEqual(['target']);
    expect(fs.readFileSync(path.join(r, 'target', 'manifest.json'), 'utf8')).toBe('first');
  });

  test('an incomplete leftover (no marker) is replaced', () => {
    const r = root();
    folder(r, 'target', { 'half.json': 'x' });
    placeCacheEntry(folder(r, 'staging', { 'manifest.json': 'new' }), path.join(r, 'target'), 'manifest.json');
    expect(fs.readdirSync(path.join(r, 'target'))).toEqual(['manifest.json']);
  });
});
