// A persistent index beside the zip cache, as git keeps one beside its objects: the digest of
// each file's content by the file's stats, and results derived from files (the npm packages of
// a function) with the stats of everything they were read from. A synth whose files have not
// changed since an earlier one lists and stats them and reads none: the app's DatabaseSetup
// (mysql2 and its dependencies, 250 files, 1.6 MB) cost about 15 ms of every synth to read and
// hash, and finding its packages about 7 ms.
// Named imports: tests count reads and move the temp dir through the module objects (an
// `import * as` namespace would be a copy).
import { BigIntStats, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import { userTempDir } from '../../core/user-temp-dir';

/** The zip cache: a folder per archive content, and the index beside them; one per user. */
export function zipCacheDir(): string {
  return userTempDir('web-stack-zips');
}

/** The index's file name; the version changes with its format, so an old file is ignored. */
export const INDEX_FILE = 'index-v1.json';
const VERSION = 1;

/**
 * File systems stamp times at a coarse tick (FAT's modification time: 2 s; ext4's change time
 * follows the kernel's coarse clock), so a file changed this shortly before it was listed could
 * change again, after it was read, and keep every stat. Such a file is never put in the index
 * (git's "racily clean" entries): the rule is applied with the time its listing started, which
 * is before its content was read, so a change after the read gives a later change time.
 */
export const RACY_MARGIN_NS = 2_000_000_000n;

/** Above this many entries, a write keeps only those this process used (tests add thousands). */
const MAX_FILE_ENTRIES = 20_000;
const MAX_RESULTS = 1_000;

/** What a change of a file changes: inode (a replacement), size, modification and change times, mode. */
export function statsOf(stat: BigIntStats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.mode}`;
}

/** The stats of a path, or null when it does not exist: a folder that appears changes a result too. */
function currentStats(file: string): string | null {
  const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stat ? statsOf(stat) : null;
}

function isRacy(stat: BigIntStats, startedAtNs: bigint): boolean {
  const trusted = startedAtNs - RACY_MARGIN_NS;
  return stat.ctimeNs >= trusted || stat.mtimeNs >= trusted;
}

interface Result {
  readonly value: unknown;
  /** Path -> its stats when the result was made (null: it did not exist). */
  readonly stats: Readonly<Record<string, string | null>>;
}

/** The index of one zip cache folder, loaded once per process and written when it gained entries. */
export class ZipCacheIndex {
  private readonly files = new Map<string, readonly [stats: string, digest: string]>();
  private readonly results = new Map<string, Result>();
  private readonly used = new Set<string>();
  private readonly usedResults = new Set<string>();
  private dirty = false;

  constructor(private readonly file: string) {
    let data: any;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // None yet, or cut short: the first write replaces it.
      this.dirty = true;
      return;
    }
    if (data?.version !== VERSION || typeof data.files !== 'object' || typeof data.results !== 'object') {
      this.dirty = true;
      return;
    }
    for (const [name, entry] of Object.entries<any>(data.files ?? {})) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') this.files.set(name, [entry[0], entry[1]]);
    }
    for (const [key, entry] of Object.entries<any>(data.results ?? {})) {
      if (entry && typeof entry.stats === 'object' && entry.stats !== null && 'value' in entry) this.results.set(key, entry);
    }
  }

  /** The digest recorded for `file` when its stats are still `stat`'s; undefined when they are not. */
  knownDigest(file: string, stat: BigIntStats): string | undefined {
    const entry = this.files.get(file);
    if (entry === undefined || entry[0] !== statsOf(stat)) return undefined;
    this.used.add(file);
    return entry[1];
  }

  /** Records the digest of `file`'s content as read after `stat` was taken, unless the file is racy. */
  recordDigest(file: string, stat: BigIntStats, digest: string, startedAtNs: bigint): void {
    if (isRacy(stat, startedAtNs)) return;
    this.files.set(file, [statsOf(stat), digest]);
    this.used.add(file);
    this.dirty = true;
  }

  /** The result recorded under `key` when every path it was read from has the same stats; else undefined. */
  knownResult(key: string): unknown {
    const entry = this.results.get(key);
    if (entry === undefined) return undefined;
    for (const [file, stats] of Object.entries(entry.stats)) {
      if (currentStats(file) !== stats) return undefined;
    }
    this.usedResults.add(key);
    return entry.value;
  }

  /**
   * Records `value` under `key`, to be trusted while none of `paths` (everything it was read
   * from, and every folder whose new entries could change it) changes. Not recorded when one of
   * them changed since shortly before `startedAtNs`, when the work began.
   */
  recordResult(key: string, value: unknown, paths: Iterable<string>, startedAtNs: bigint): void {
    const stats: Record<string, string | null> = {};
    for (const file of paths) {
      const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
      if (stat && isRacy(stat, startedAtNs)) return;
      stats[file] = stat ? statsOf(stat) : null;
    }
    this.results.set(key, { value, stats });
    this.usedResults.add(key);
    this.dirty = true;
  }

  /** Writes the index when it changed: to a file of this process, renamed into place. */
  save(): void {
    if (!this.dirty) return;
    const files = this.files.size > MAX_FILE_ENTRIES ? [...this.files].filter(([file]) => this.used.has(file)) : [...this.files];
    const results = this.results.size > MAX_RESULTS ? [...this.results].filter(([key]) => this.usedResults.has(key)) : [...this.results];
    const text = JSON.stringify({ version: VERSION, files: Object.fromEntries(files), results: Object.fromEntries(results) });
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(temporary, text);
      renameSync(temporary, this.file);
      this.dirty = false;
    } catch {
      // A temp dir we cannot write to: the next synth reads the files again.
    }
  }
}

let current: ZipCacheIndex | undefined;
let currentFile: string | undefined;

/** The index of the zip cache in the current temp dir (TMPDIR may change between calls, as in tests). */
export function zipCacheIndex(): ZipCacheIndex {
  const file = path.join(zipCacheDir(), INDEX_FILE);
  if (current === undefined || currentFile !== file) {
    current = new ZipCacheIndex(file);
    currentFile = file;
  }
  return current;
}
