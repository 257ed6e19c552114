import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BAD_INPUT_EXIT_CODE, parseArguments, parseBase, PlanError } from '../../../scripts/plan/options';

describe('plan script arguments', () => {
  test('an environment alone plans online into cdktf.out', () => {
    expect(parseArguments(['dev'])).toEqual({
      environment: 'dev',
      offline: false,
      apply: false,
      outdir: path.resolve('cdktf.out'),
      allowReplace: [],
    });
  });

  test('--offline and --outdir are read in any order', () => {
    expect(parseArguments(['--offline', 'prod', '--outdir', '/tmp/x'])).toEqual({
      environment: 'prod',
      offline: true,
      apply: false,
      outdir: '/tmp/x',
      allowReplace: [],
    });
  });

  test('no environment is an error showing the usage', () => {
    expect(() => parseArguments(['--offline'])).toThrow(/No environment given\. Usage: npm run plan -- <environment> \[--offline\]/);
  });

  test('two environments are an error naming both', () => {
    expect(() => parseArguments(['dev', 'prod'])).toThrow(/one environment at a time; got "dev" and "prod"/);
  });

  test('an unknown option is an error naming it', () => {
    expect(() => parseArguments(['dev', '--ofline'])).toThrow(PlanError);
    expect(() => parseArguments(['dev', '--ofline'])).toThrow(/Unknown option "--ofline"/);
  });

  test('--outdir without a directory is an error', () => {
    expect(() => parseArguments(['dev', '--outdir'])).toThrow(/--outdir needs a directory/);
    expect(() => parseArguments(['dev', '--outdir', '--offline'])).toThrow(/--outdir needs a directory/);
  });

  test('--outdir=<dir> is accepted', () => {
    expect(parseArguments(['dev', '--outdir=/tmp/x', '--offline']).outdir).toBe('/tmp/x');
  });

  test('--apply with --offline is refused', () => {
    expect(() => parseArguments(['dev', '--apply', '--offline'])).toThrow(/--apply needs the real backend/);
  });

  test('usage errors exit with the bad-input code 2', () => {
    expect(() => parseArguments(['dev', '--ofline'])).toThrow(expect.objectContaining({ exitCode: BAD_INPUT_EXIT_CODE }));
  });
});

describe('--base and --allow-replace', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-options-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an existing directory is a base of synthesized stacks, resolved to an absolute path', () => {
    expect(parseArguments(['dev', '--offline', '--base', dir])).toMatchObject({ base: { kind: 'directory', dir } });
    expect(parseBase(path.basename(dir), path.dirname(dir))).toEqual({ kind: 'directory', dir });
  });

  test('a value written as a path is a directory even when it does not exist (the check then says so)', () => {
    expect(parseBase('./nowhere', '/work')).toEqual({ kind: 'directory', dir: '/work/nowhere' });
    expect(parseBase('/no/such/dir')).toEqual({ kind: 'directory', dir: '/no/such/dir' });
  });

  test('deployed is the deployed revision, and anything else a git revision', () => {
    expect(parseBase('deployed')).toEqual({ kind: 'deployed' });
    expect(parseBase('origin/main', dir)).toEqual({ kind: 'git-ref', ref: 'origin/main' });
    expect(parseBase('v1.2.0', dir)).toEqual({ kind: 'git-ref', ref: 'v1.2.0' });
  });

  test('--allow-replace is repeatable and keeps the order given', () => {
    const options = parseArguments([
      'dev',
      '--offline',
      '--base',
      dir,
      '--allow-replace',
      'aws_db_instance.a',
      '--allow-replace=aws_s3_bucket.b',
    ]);
    expect(options.allowReplace).toEqual(['aws_db_instance.a', 'aws_s3_bucket.b']);
  });

  test('--base needs --offline, a value, and only once', () => {
    expect(() => parseArguments(['dev', '--base', dir])).toThrow(/--base runs the offline change check.*add --offline/);
    expect(() => parseArguments(['dev', '--offline', '--base'])).toThrow(/--base needs a value/);
    expect(() => parseArguments(['dev', '--offline', '--base', '--allow-replace', 'x'])).toThrow(/--base needs a value/);
    expect(() => parseArguments(['dev', '--offline', '--base', dir, '--base', dir])).toThrow(/--base is given 2 times/);
  });

  test('--allow-replace without --base or --apply is refused, as it would change nothing', () => {
    expect(() => parseArguments(['dev', '--offline', '--allow-replace', 'aws_db_instance.a'])).toThrow(/--allow-replace accepts/);
    expect(parseArguments(['dev', '--apply', '--allow-replace', 'aws_db_instance.a']).allowReplace).toEqual(['aws_db_instance.a']);
  });
});
