// The validated configuration, kept beside the app command's bundle from one run to the next.
// The bundle holds all of the app's code: config/environments.ts and the schemas that check it.
// So while the bundle and the configuration it hands over are the same, validating gives the same
// result, and the app command takes it from here without loading zod and building its schemas
// (about 17 ms) or validating (about 15 ms) on every synth.
import { createHash } from 'crypto';
// Named imports: tests count reads through the module object (an `import * as` namespace would be a copy).
import { readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { deserialize, serialize } from 'v8';
import type { Config, ConfigInput } from './schema';

/**
 * A file changed this shortly before the run could change again in the same tick of the file
 * system's clock and keep its stats (git's racily clean entries): no cache is written for a code
 * file that new. The bundle is written to a new file and renamed into place, so it has a new
 * inode anyway; this is for a code file written in place.
 */
const RACY_MARGIN_NS = 2_000_000_000n;

/**
 * The validated configuration of the code in `codeFile`, which must hold all of the code that
 * produces and validates the configuration (the app command's one-file bundle), kept in
 * `<codeFile>.config-cache`. An entry is used only for the same code file (path, inode, size,
 * modification and change times) and the same configuration input (its V8 serialization, so an
 * input read from the environment is covered too). A failed validation is never kept; a
 * missing, corrupt or foreign cache file is validated over and replaced.
 */
export class ConfigCache {
  /** Where the validated configuration is kept. */
  public readonly file: string;
  private readonly codeVersion?: string;
  private readonly racy: boolean;

  constructor(codeFile: string) {
    this.file = `${codeFile}.config-cache`;
    const stat = statSync(codeFile, { bigint: true, throwIfNoEntry: false });
    this.codeVersion = stat && `${codeFile}\0${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
    this.racy = stat === undefined || stat.ctimeNs >= BigInt(Date.now()) * 1_000_000n - RACY_MARGIN_NS;
  }

  /** The configuration validated earlier for this input and code; undefined when there is none. */
  read(input: ConfigInput): Config | undefined {
    const key = this.keyOf(input);
    if (key === undefined) return undefined;
    try {
      const cached = deserialize(readFileSync(this.file));
      return cached?.key === key ? (cached.config as Config) : undefined;
    } catch {
      // None yet, cut short, or written by another V8: validated again and replaced.
      return undefined;
    }
  }

  /** Keeps `config`, the result of validating `input`, for the next run of the same code. */
  write(input: ConfigInput, config: Config): void {
    const key = this.keyOf(input);
    if (key === undefined || this.racy) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, serialize({ key, config }));
      renameSync(temporary, this.file);
    } catch {
      // A read-only checkout: every run validates.
    }
  }

  private keyOf(input: ConfigInput): string | undefined {
    if (this.codeVersion === undefined) return undefined;
    try {
      return createHash('sha256').update(this.codeVersion).update(serialize(input)).digest('hex');
    } catch {
      // An input V8 cannot serialize (a function in it): never cached.
      return undefined;
    }
  }
}
