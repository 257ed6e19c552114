import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BaseInputError } from '../../../scripts/change/base-error';
import { lockfileHash } from '../../../scripts/change/base-dependencies';
import { synthesizeBaseRevision, WORKTREE_PREFIX } from '../../../scripts/change/base-revision';
import { createRepo, listTree, TestRepo } from '../../support/git-repo';
import { tinyApp as app, tinyBucket as bucketOf, tinyLockfile as lockfile, tinyManifest as manifest } from '../../support/tiny-app';

const worktreeFolders = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(WORKTREE_PREFIX));

describe('the base revision of the change check (--base <git-ref>)', () => {
  let repo: TestRepo;
  let cacheRoot: string;
  let first: string;

  beforeEach(() => {
    repo = createRepo('base-revision-');
    first = repo.commit('first', { ...app('alpha'), 'package.json': manifest('tiny'), 'package-lock.json': lockfile('tiny') });
    repo.commit('second', app('beta'));
    cacheRoot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'base-cache-')), 'cache');
  });

  /** Checks that the run left no worktree, no temporary folder and nothing in the cache. */
  const expectNothingLeft = (worktreesBefore: string[]) => {
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(repo.dir, '.git', 'worktrees'))).toBe(false);
    expect(worktreeFolders()).toEqual(worktreesBefore);
    expect(fs.existsSync(cacheRoot)).toBe(false);
    expect(repo.git('status', '--porcelain')).toBe('');
  };

  test("synthesizes the base with the base's own code in a worktree it removes, then serves it from the cache", async () => {
    const before = worktreeFolders();
    const base = await synthesizeBaseRevision({ ref: 'HEAD~1', environment: 'dev', repo: repo.dir, cacheRoot });
    expect(base).toEqual({ dir: expect.stringContaining(first), commit: first, cached: false });
    expect(bucketOf(base.dir)).toBe('alpha');
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(worktreeFolders()).toEqual(before);
    // The current checkout is untouched.
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(fs.readFileSync(path.join(repo.dir, 'lib', 'name.ts'), 'utf8')).toContain('beta');

    const again = await synthesizeBaseRevision({ ref: first, environment: 'dev', repo: repo.dir, cacheRoot });
    expect(again).toEqual({ ...base, cached: true });
    // Another environment is another synthesis.
    const prod = await synthesizeBaseRevision({ ref: first, environment: 'prod', repo: repo.dir, cacheRoot });
    expect(prod.cached).toBe(false);
    expect(bucketOf(prod.dir, 'prod')).toBe('alpha');
  });

  test("the repository's checkout hooks do not run in the base's worktree", async () => {
    const hooks = path.join(repo.dir, '.git', 'hooks');
    const ran = path.join(repo.dir, '..', `${path.basename(repo.dir)}-hook-ran`);
    fs.writeFileSync(path.join(hooks, 'post-checkout'), `#!/bin/sh\ntouch '${ran}'\n`, { mode: 0o755 });
    const base = await synthesizeBaseRevision({ ref: first, environment: 'dev', repo: repo.dir, cacheRoot });
    expect(bucketOf(base.dir)).toBe('alpha');
    expect(fs.existsSync(ran)).toBe(false);
  });

  test('a base with another lockfile installs its own dependencies once, kept by the lockfile hash', async () => {
    const other = repo.commit('other lockfile', { 'package.json': manifest('tiny-two'), 'package-lock.json': lockfile('tiny-two') });
    repo.commit('back', { 'package.json': manifest('tiny'), 'package-lock.json': lockfile('tiny') });
    const installs: string[] = [];
    const log = (line: string) => installs.push(line);
    const base = await synthesizeBaseRevision({ ref: other, environment: 'dev', repo: repo.dir, cacheRoot, log });
    expect(bucketOf(base.dir)).toBe('beta');
    expect(installs.join('')).toMatch(/installed its own dependencies \(package-lock\.json differs\)/);
    const deps = fs.readdirSync(path.join(cacheRoot, 'deps'));
    expect(deps).toHaveLength(1);
    expect(fs.existsSync(path.join(cacheRoot, 'deps', deps[0], '.complete'))).toBe(true);
    // A second commit with the same lockfile reuses that install.
    const same = repo.commit('same lockfile, other code', {
      ...app('gamma'),
      'package.json': manifest('tiny-two'),
      'package-lock.json': lockfile('tiny-two'),
    });
    installs.length = 0;
    const next = await synthesizeBaseRevision({ ref: same, environment: 'dev', repo: repo.dir, cacheRoot, log });
    expect(bucketOf(next.dir)).toBe('gamma');
    expect(installs.join('')).toMatch(/dependencies ready/);
  });

  test('only the two most recently used dependency installs are kept (each is a whole node_modules)', async () => {
    const bases = ['one', 'two', 'three'].map((name) =>
      repo.commit(`lockfile ${name}`, { 'package.json': manifest(`tiny-${name}`), 'package-lock.json': lockfile(`tiny-${name}`) }),
    );
    repo.commit('back', { 'package.json': manifest('tiny'), 'package-lock.json': lockfile('tiny') });
    const installs = () => fs.readdirSync(path.join(cacheRoot, 'deps')).sort();
    await synthesizeBaseRevision({ ref: bases[0], environment: 'dev', repo: repo.dir, cacheRoot });
    await synthesizeBaseRevision({ ref: bases[1], environment: 'dev', repo: repo.dir, cacheRoot });
    const [first, second] = ['one', 'two'].map((name) => lockfileHash(lockfile(`tiny-${name}`)));
    expect(installs()).toEqual([first, second].sort());
    // Using the first again makes the second the least recently used.
    await synthesizeBaseRevision({ ref: bases[0], environment: 'prod', repo: repo.dir, cacheRoot });
    await synthesizeBaseRevision({ ref: bases[2], environment: 'dev', repo: repo.dir, cacheRoot });
    expect(installs()).toHaveLength(2);
    expect(installs()).toContain(first);
    expect(installs()).not.toContain(second);
  });

  describe('bad input: one paragraph naming the fix, nothing written', () => {
    test('an unknown git ref', async () => {
      const before = worktreeFolders();
      const run = synthesizeBaseRevision({ ref: 'no-such-branch', environment: 'dev', repo: repo.dir, cacheRoot });
      await expect(run).rejects.toThrow(BaseInputError);
      await expect(run).rejects.toThrow(
        /^--base no-such-branch: no branch, tag or commit of that name in .*; if it lives on a remote, fetch it first \(git fetch origin no-such-branch\); .* --base <dir>\.$/,
      );
      await expect(run).rejects.toMatchObject({ exitCode: 2 });
      expectNothingLeft(before);
    });

    test('a ref that looks like an option is a ref, not an option of git', async () => {
      const written = path.join(repo.dir, 'written-by-git');
      await expect(synthesizeBaseRevision({ ref: `--output=${written}`, environment: 'dev', repo: repo.dir, cacheRoot })).rejects.toThrow(
        /^--base --output=.*written-by-git: no branch, tag or commit/,
      );
      expect(fs.existsSync(written)).toBe(false);
    });

    test('a base whose app fails: its own error, quoted', async () => {
      const broken = repo.commit('broken config', {
        'main.ts': "throw new Error('ConfigError: environments.dev.wordpress.minSize must be at least 1');\n",
      });
      const before = worktreeFolders();
      const run = synthesizeBaseRevision({ ref: broken, environment: 'dev', repo: repo.dir, cacheRoot });
      await expect(run).rejects.toThrow(
        new RegExp(
          `^The base revision ${broken.slice(0, 12)} does not synthesize for environment "dev": Error: ConfigError: environments\\.dev\\.wordpress\\.minSize must be at least 1\\. Choose a revision that synthesizes with --base <git-ref>, .*--base <dir>\\.$`,
        ),
      );
      await expect(run).rejects.toMatchObject({ exitCode: 2 });
      expectNothingLeft(before);
    });

    test('a base that does not compile: the file and line', async () => {
      repo.commit('syntax error', { 'lib/name.ts': 'export const BUCKET = ;\n' });
      const before = worktreeFolders();
      await expect(synthesizeBaseRevision({ ref: 'main', environment: 'dev', repo: repo.dir, cacheRoot })).rejects.toThrow(
        /^The base revision main \([0-9a-f]{12}\) does not compile: lib\/name\.ts:1: .*Choose a revision that builds/,
      );
      expectNothingLeft(before);
    });

    test('a base that writes no stacks', async () => {
      const silent = repo.commit('no synth', { 'main.ts': 'console.log("nothing");\n' });
      await expect(synthesizeBaseRevision({ ref: silent, environment: 'dev', repo: repo.dir, cacheRoot })).rejects.toThrow(
        /does not synthesize for environment "dev": its app exited without writing .*manifest\.json\./,
      );
      expect(fs.existsSync(cacheRoot)).toBe(false);
    });

    test('a base whose dependencies cannot be installed: npm says why', async () => {
      // package.json asks for a package the lockfile lacks: npm ci refuses before any download.
      const unsynced = repo.commit('out of sync', {
        'package.json': manifest('tiny', { 'left-pad': '1.3.0' }),
        'package-lock.json': lockfile('tiny-3'),
      });
      repo.commit('back in sync', { 'package.json': manifest('tiny'), 'package-lock.json': lockfile('tiny') });
      const before = worktreeFolders();
      const run = synthesizeBaseRevision({ ref: unsynced, environment: 'dev', repo: repo.dir, cacheRoot });
      await expect(run).rejects.toThrow(
        /^The dependencies of the base revision [0-9a-f]{12} could not be installed \(npm ci --ignore-scripts of its package-lock\.json\): .*in sync.* Fix its package\.json and package-lock\.json there .*--base <dir>\.$/,
      );
      await expect(run).rejects.toMatchObject({ exitCode: 2 });
      expectNothingLeft(before);
    });

    test('a base without a lockfile', async () => {
      repo.git('rm', '--quiet', 'package-lock.json');
      const bare = repo.commit('no lockfile', {});
      await expect(synthesizeBaseRevision({ ref: bare, environment: 'dev', repo: repo.dir, cacheRoot })).rejects.toThrow(
        /has no package-lock\.json, so its dependencies cannot be installed as they were/,
      );
      expect(listTree(cacheRoot)).toEqual([]);
    });

    test('outside a git repository', async () => {
      const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'not-a-repo-'));
      await expect(synthesizeBaseRevision({ ref: 'main', environment: 'dev', repo: plain, cacheRoot })).rejects.toThrow(
        /is not inside a git repository/,
      );
    });
  });
});
