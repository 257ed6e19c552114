// The command line shared by the scripts that act on one environment (`npm run plan`,
// `npm run deploy`): one environment name, `--outdir <dir>` and a few on/off flags. Each script
// keeps its own error type and usage text, and its checks of how the flags combine.
import * as path from 'path';
import { parseArgs } from 'util';

/** The directory the app is synthesized into when `--outdir` is not given. */
export const DEFAULT_OUTDIR = 'cdktf.out';

export interface EnvironmentCommand<Flag extends string, Value extends string = never> {
  /** The usage line every error ends with, e.g. `Usage: npm run plan -- <environment> [--offline]`. */
  readonly usage: string;
  /** What the command does to an environment, capitalized: `Plan` gives "Plan one environment at a time". */
  readonly verb: string;
  /** A whole command line offered when no environment is given, e.g. `npm run plan -- dev --offline`. */
  readonly example: string;
  /** The on/off options the command accepts, without the leading dashes (`dry-run` for `--dry-run`). */
  readonly flags: readonly Flag[];
  /**
   * The options that take a value (`--base <ref>`), each repeatable (`--allow-replace a --allow-replace b`).
   *
   * @default - none
   */
  readonly values?: readonly Value[];
  /** The script's own error type, so callers can tell a usage error from a failure of the run. */
  readonly error: new (message: string) => Error;
}

export interface EnvironmentArguments<Flag extends string, Value extends string = never> {
  readonly environment: string;
  /** Absolute path of `--outdir` (relative paths are taken from the current directory). */
  readonly outdir: string;
  /** Each flag of the command: true when it was given. */
  readonly flags: Readonly<Record<Flag, boolean>>;
  /** Each value option of the command: the values given, in order (empty when not given). */
  readonly values: Readonly<Record<Value, readonly string[]>>;
}

/**
 * Reads `<environment> [--outdir <dir>|--outdir=<dir>] [--<flag> ...]` in any order.
 * Throws the command's error type, with its usage line, for an unknown option, a second
 * environment, an `--outdir` without a directory, or no environment at all.
 */
export function parseEnvironmentArguments<Flag extends string, Value extends string = never>(
  command: EnvironmentCommand<Flag, Value>,
  args: readonly string[],
): EnvironmentArguments<Flag, Value> {
  const fail = (message: string): never => {
    throw new command.error(message);
  };
  const known = new Set<string>(command.flags);
  const flags = Object.fromEntries(command.flags.map((flag) => [flag, false])) as Record<Flag, boolean>;
  const valueNames = new Set<string>(command.values ?? []);
  const values = Object.fromEntries((command.values ?? []).map((name) => [name, [] as string[]])) as Record<Value, string[]>;
  let environment: string | undefined;
  let outdir = DEFAULT_OUTDIR;
  // Not strict: parseArgs's own errors have other words than the ones our users and tests know,
  // and it would read `-` and everything after `--` as positionals. The tokens keep each
  // argument's index, so an error quotes the argument as typed (`-abc`, not the `-a` split from it).
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries([...valueNames, 'outdir'].map((name) => [name, { type: 'string' as const }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    const typed = args[token.index];
    if (token.kind === 'option' && token.name === 'outdir') {
      // parseArgs takes the next argument as the value even when it is an option (`--outdir
      // --offline`); a directory starting with a dash can still be given as `--outdir=-dir`.
      const value = token.value ?? '';
      if (!value || (!token.inlineValue && value.startsWith('-'))) fail(`--outdir needs a directory. ${command.usage}`);
      outdir = value;
    } else if (token.kind === 'option' && token.rawName.startsWith('--') && valueNames.has(token.name)) {
      // As for --outdir: a value starting with a dash only as `--name=-value`.
      const value = token.value ?? '';
      if (!value || (!token.inlineValue && value.startsWith('-'))) fail(`--${token.name} needs a value. ${command.usage}`);
      values[token.name as Value].push(value);
    } else if (token.kind === 'option' && token.rawName.startsWith('--') && known.has(token.name) && token.value === undefined) {
      flags[token.name as Flag] = true;
    } else if (token.kind !== 'positional' || token.value.startsWith('-')) {
      // Short options, `--flag=value`, a lone `-` and `--` are all unknown here.
      fail(`Unknown option "${typed}". ${command.usage}`);
    } else if (environment) {
      fail(`${command.verb} one environment at a time; got "${environment}" and "${token.value}". ${command.usage}`);
    } else {
      environment = token.value;
    }
  }
  if (!environment) return fail(`No environment given. ${command.usage}, for example ${command.example}.`);
  return { environment, outdir: path.resolve(outdir), flags, values };
}
