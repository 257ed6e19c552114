import * as path from 'path';
import { DEFAULT_OUTDIR, EnvironmentCommand, parseEnvironmentArguments } from '../../../scripts/cli/environment-arguments';

class ShipError extends Error {}

const USAGE = 'Usage: npm run ship -- <environment> [--fast] [--dry-run] [--outdir <dir>]';

const COMMAND: EnvironmentCommand<'fast' | 'dry-run'> = {
  usage: USAGE,
  verb: 'Ship',
  example: 'npm run ship -- dev --fast',
  flags: ['fast', 'dry-run'],
  error: ShipError,
};

const parse = (...args: string[]) => parseEnvironmentArguments(COMMAND, args);

/** The message of the error `parse(...args)` throws, after checking it is the command's own type. */
function errorOf(...args: string[]): string {
  try {
    parse(...args);
  } catch (error) {
    expect(error).toBeInstanceOf(ShipError);
    return (error as Error).message;
  }
  throw new Error(`parse(${JSON.stringify(args)}) did not throw`);
}

describe('parseEnvironmentArguments', () => {
  test('an environment alone: default outdir resolved from the current directory, every flag off', () => {
    expect(parse('dev')).toEqual({
      environment: 'dev',
      outdir: path.resolve(DEFAULT_OUTDIR),
      flags: { fast: false, 'dry-run': false },
      values: {},
    });
  });

  test('flags and --outdir are read in any order, before or after the environment', () => {
    expect(parse('--dry-run', '--outdir', 'out/x', 'prod', '--fast')).toEqual({
      environment: 'prod',
      outdir: path.resolve('out/x'),
      flags: { fast: true, 'dry-run': true },
      values: {},
    });
  });

  test('value options are repeatable, keep their order, and need a value', () => {
    class TagError extends Error {}
    const command: EnvironmentCommand<'fast', 'tag'> = { ...COMMAND, flags: ['fast'], values: ['tag'], error: TagError };
    expect(parseEnvironmentArguments(command, ['dev', '--tag', 'a', '--fast', '--tag=b']).values).toEqual({ tag: ['a', 'b'] });
    expect(parseEnvironmentArguments(command, ['dev']).values).toEqual({ tag: [] });
    expect(() => parseEnvironmentArguments(command, ['dev', '--tag'])).toThrow(/^--tag needs a value\./);
    expect(() => parseEnvironmentArguments(command, ['dev', '--tag', '--fast'])).toThrow(TagError);
    expect(parseEnvironmentArguments(command, ['dev', '--tag=-x']).values).toEqual({ tag: ['-x'] });
  });

  test('--outdir=<dir> is the same as --outdir <dir>, and the last --outdir wins', () => {
    expect(parse('dev', '--outdir=/tmp/a').outdir).toBe('/tmp/a');
    expect(parse('dev', '--outdir', '/tmp/a', '--outdir=/tmp/b').outdir).toBe('/tmp/b');
  });

  test('a directory starting with a dash is accepted only in the --outdir=<dir> form', () => {
    expect(parse('dev', '--outdir=-out').outdir).toBe(path.resolve('-out'));
    expect(errorOf('dev', '--outdir', '-out')).toBe(`--outdir needs a directory. ${USAGE}`);
  });

  test.each([
    ['at the end', ['dev', '--outdir']],
    ['empty', ['dev', '--outdir', '']],
    ['empty after =', ['dev', '--outdir=']],
    ['followed by a flag', ['dev', '--outdir', '--fast']],
    ['followed by an unknown option', ['--outdir', '--nope', 'dev']],
  ])('--outdir without a directory (%s) is an error with the usage', (_, args) => {
    expect(errorOf(...args)).toBe(`--outdir needs a directory. ${USAGE}`);
  });

  test.each([
    ['a misspelt flag', '--fats'],
    ["another command's flag", '--offline'],
    ['a flag in another case', '--FAST'],
    ['a flag given a value', '--fast=true'],
    ['a flag given an empty value', '--dry-run='],
    ['a short option', '-f'],
    ['grouped short options, quoted whole', '-abc'],
    ['a lone dash', '-'],
    ['the option terminator', '--'],
  ])('%s is an unknown option, quoted as typed', (_, option) => {
    expect(errorOf('dev', option)).toBe(`Unknown option "${option}". ${USAGE}`);
  });

  test('nothing after -- is read as an environment', () => {
    expect(errorOf('--', 'dev')).toBe(`Unknown option "--". ${USAGE}`);
  });

  test('a second environment is an error naming both, with the command verb', () => {
    expect(errorOf('dev', '--fast', 'prod')).toBe(`Ship one environment at a time; got "dev" and "prod". ${USAGE}`);
  });

  test('no environment is an error with the usage and the example', () => {
    expect(errorOf()).toBe(`No environment given. ${USAGE}, for example npm run ship -- dev --fast.`);
    expect(errorOf('--fast', '--outdir', 'dev')).toBe(`No environment given. ${USAGE}, for example npm run ship -- dev --fast.`);
  });

  test('the first wrong argument is the one reported', () => {
    expect(errorOf('--nope', 'dev', 'prod')).toMatch(/^Unknown option "--nope"/);
    expect(errorOf('dev', 'prod', '--nope')).toMatch(/^Ship one environment at a time/);
    expect(errorOf('dev', 'prod', '--outdir')).toMatch(/^Ship one environment at a time/);
  });
});
