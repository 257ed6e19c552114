import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BASE_CACHE_ENV } from '../../../scripts/change/base-revision';
import { main } from '../../../scripts/plan';
import { planBase } from '../../../scripts/plan/base';
import { parseArguments, PlanError } from '../../../scripts/plan/options';
import { createRepo } from '../../support/git-repo';
import { tinyApp, tinyBucket, tinyLockfile, tinyManifest } from '../../support/tiny-app';

describe('npm run plan -- <env> --offline --base: the base directory', () => {
  const saved = process.env[BASE_CACHE_ENV];
  let cache: string;
  beforeEach(() => {
    cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-base-cache-')), 'cache');
    process.env[BASE_CACHE_ENV] = cache;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[BASE_CACHE_ENV];
    else process.env[BASE_CACHE_ENV] = saved;
  });

  const repo = () => {
    const r = createRepo('plan-base-');
    r.commit('first', { ...tinyApp('alpha'), 'package.json': tinyManifest('tiny'), 'package-lock.json': tinyLockfile('tiny') });
    r.commit('second', tinyApp('beta'));
    return r;
  };

  test('no --base: no base', async () => {
    await expect(planBase(parseArguments(['dev', '--offline']), () => undefined)).resolves.toBeUndefined();
  });

  test('a git ref from the command line is synthesized, labelled with its commit', async () => {
    const r = repo();
    const base = await planBase(parseArguments(['dev', '--offline', '--base', 'HEAD~1']), () => undefined, r.dir);
    expect(tinyBucket(base!.dir)).toBe('alpha');
    expect(base!.label).toBe(`HEAD~1 (${r.git('rev-parse', 'HEAD~1').slice(0, 12)})`);
  });

  test.each([
    ['an unknown ref', ['--base', 'no-such-ref'], /^--base no-such-ref: no branch, tag or commit of that name/],
    ['no recorded deployment', ['--base', 'deployed'], /^--base deployed: no deployment of "dev" is recorded in this clone/],
  ])('%s: a PlanError with exit code 2, nothing written', async (_name, args, message) => {
    const r = repo();
    const run = planBase(parseArguments(['dev', '--offline', ...args]), () => undefined, r.dir);
    await expect(run).rejects.toThrow(PlanError);
    await expect(run).rejects.toThrow(message);
    await expect(run).rejects.toMatchObject({ exitCode: 2 });
    expect(fs.existsSync(cache)).toBe(false);
    expect(r.git('status', '--porcelain', '--ignored')).toBe('');
  });

  test('the command: an unknown ref exits 2 with the paragraph on stderr, before anything is synthesized', async () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-base-out-')), 'out');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(main(['dev', '--offline', '--base', 'no-such-ref-anywhere', '--outdir', outdir])).resolves.toBe(2);
      expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join('')).toMatch(
        /^\nplan: --base no-such-ref-anywhere: no branch, tag or commit of that name in /,
      );
    } finally {
      stderr.mockRestore();
    }
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.existsSync(cache)).toBe(false);
  });
});
