import * as path from 'path';
import { parseArguments, PlanError } from '../../../scripts/plan/options';

describe('plan script arguments', () => {
  test('an environment alone plans online into cdktf.out', () => {
    expect(parseArguments(['dev'])).toEqual({ environment: 'dev', offline: false, apply: false, outdir: path.resolve('cdktf.out') });
  });

  test('--offline and --outdir are read in any order', () => {
    expect(parseArguments(['--offline', 'prod', '--outdir', '/tmp/x'])).toEqual({
      environment: 'prod',
      offline: true,
      apply: false,
      outdir: '/tmp/x',
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
});
