import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveBase } from '../../../scripts/change/base';
import { BaseInputError } from '../../../scripts/change/base-error';
import { currentRevision, deployedCommit, recordDeployedRevision } from '../../../scripts/change/deployed-revision';
import { createRepo, TestRepo } from '../../support/git-repo';
import { tinyApp, tinyBucket, tinyLockfile, tinyManifest } from '../../support/tiny-app';

describe('the deployed revision: the tag deployed/<env>', () => {
  let repo: TestRepo;
  let first: string;
  let lines: string[];
  const log = (line: string) => lines.push(line);

  beforeEach(() => {
    repo = createRepo('deployed-');
    first = repo.commit('first', { ...tinyApp('alpha'), 'package.json': tinyManifest('tiny'), 'package-lock.json': tinyLockfile('tiny') });
    lines = [];
  });

  test('a deploy records the applied commit as an annotated tag, moved by the next deploy', () => {
    recordDeployedRevision(repo.dir, 'dev', currentRevision(repo.dir), log, new Date('2026-12-07T10:00:00Z'));
    expect(deployedCommit(repo.dir, 'dev')).toBe(first);
    expect(repo.git('cat-file', '-t', 'deployed/dev')).toBe('tag');
    expect(repo.git('tag', '-l', '--format=%(contents:subject)', 'deployed/dev')).toBe(
      'dev deployed 2026-12-07T10:00:00.000Z by npm run deploy',
    );
    expect(lines.join('')).toBe(`Recorded deployed/dev -> ${first.slice(0, 12)}\n`);

    const second = repo.commit('second', tinyApp('beta'));
    recordDeployedRevision(repo.dir, 'dev', currentRevision(repo.dir), log);
    expect(deployedCommit(repo.dir, 'dev')).toBe(second);
    // Per environment: prod has none until it is deployed.
    expect(deployedCommit(repo.dir, 'prod')).toBeUndefined();
  });

  test('the tag is pushed to the remote, where a fresh clone fetches it', () => {
    const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'deployed-remote-'));
    execFileSync('git', ['init', '--quiet', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '--quiet', 'origin', 'main');
    recordDeployedRevision(repo.dir, 'prod', currentRevision(repo.dir), log);
    expect(lines.join('')).toContain('Pushed deployed/prod to origin');
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'deployed-clone-'));
    execFileSync('git', ['clone', '--quiet', remote, clone]);
    expect(deployedCommit(clone, 'prod')).toBe(first);

    // The next deploy moves the remote tag too (a forced push).
    const second = repo.commit('second', tinyApp('beta'));
    repo.git('push', '--quiet', 'origin', 'main');
    recordDeployedRevision(repo.dir, 'prod', currentRevision(repo.dir), log);
    execFileSync('git', ['fetch', '--quiet', '--force', 'origin', 'refs/tags/deployed/*:refs/tags/deployed/*'], { cwd: clone });
    expect(deployedCommit(clone, 'prod')).toBe(second);
  });

  test('a push that fails is a warning with the command to push by hand; the local tag stays', () => {
    repo.git('remote', 'add', 'origin', path.join(os.tmpdir(), 'no-such-remote-for-deployed-test'));
    recordDeployedRevision(repo.dir, 'dev', currentRevision(repo.dir), log);
    expect(deployedCommit(repo.dir, 'dev')).toBe(first);
    expect(lines.join('')).toMatch(
      /Could not push deployed\/dev to origin \(.*\); .* git push --force origin refs\/tags\/deployed\/dev\n$/,
    );
  });

  test('no git identity (a CI runner, a fresh account): the commit is recorded as a lightweight tag, and the log says why', () => {
    repo.git('config', '--unset', 'user.name');
    repo.git('config', '--unset', 'user.email');
    // No global or system identity and none from the environment, in a process of its own (jest's
    // process.env is not the one child processes inherit).
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'no-identity-home-')) };
    Object.assign(env, { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' });
    // The probe shows the machine has no identity to fall back on, so the test cannot pass by luck.
    expect(() => execFileSync('git', ['tag', '--annotate', '--message', 'probe', 'probe'], { cwd: repo.dir, env, stdio: 'pipe' })).toThrow(
      /tell me who you are/,
    );
    const module = path.join(__dirname, '..', '..', '..', 'dist', 'scripts', 'change', 'deployed-revision.js');
    const script = `const m = require(${JSON.stringify(module)}); m.recordDeployedRevision(process.argv[1], 'dev', m.currentRevision(process.argv[1]), (line) => process.stdout.write(line));`;
    const output = execFileSync(process.execPath, ['-e', script, repo.dir], { env, encoding: 'utf8' });
    expect(deployedCommit(repo.dir, 'dev')).toBe(first);
    expect(repo.git('cat-file', '-t', 'deployed/dev')).toBe('commit');
    expect(output).toBe(
      `Recorded deployed/dev -> ${first.slice(0, 12)} as a lightweight tag, without who and when: git has no identity here ` +
        "(set user.name and user.email, as git's message says, for an annotated tag)\n",
    );
  });

  test('uncommitted changes: nothing is recorded, since no commit holds what was applied', () => {
    recordDeployedRevision(repo.dir, 'dev', currentRevision(repo.dir), log);
    repo.commit('second', tinyApp('beta'));
    fs.writeFileSync(path.join(repo.dir, 'lib', 'name.ts'), 'export const BUCKET = "edited";\n');
    lines = [];
    recordDeployedRevision(repo.dir, 'dev', currentRevision(repo.dir), log);
    expect(deployedCommit(repo.dir, 'dev')).toBe(first);
    expect(lines.join('')).toMatch(
      /^Not recording the deployed revision of dev: the working tree had uncommitted changes.* deployed\/dev stays where it was; commit, then deploy again/,
    );
  });

  describe('--base deployed', () => {
    const cacheRoot = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deployed-cache-')), 'cache');

    test('compares with the commit the tag records, not with HEAD', async () => {
      recordDeployedRevision(repo.dir, 'dev', currentRevision(repo.dir), log);
      repo.commit('second', tinyApp('beta'));
      const base = await resolveBase({ kind: 'deployed' }, 'dev', { repo: repo.dir, cacheRoot: cacheRoot() });
      expect(tinyBucket(base.dir)).toBe('alpha');
      expect(base.label).toBe(`deployed/dev (${first.slice(0, 12)})`);
    });

    test('no recorded deployment: one paragraph naming how to record or fetch one, exit code 2, nothing written', async () => {
      recordDeployedRevision(repo.dir, 'dev', currentRevision(repo.dir), log);
      const cache = cacheRoot();
      const run = resolveBase({ kind: 'deployed' }, 'prod', { repo: repo.dir, cacheRoot: cache });
      await expect(run).rejects.toThrow(BaseInputError);
      await expect(run).rejects.toMatchObject({ exitCode: 2 });
      await expect(run).rejects.toThrow(
        /^--base deployed: no deployment of "prod" is recorded in this clone \(there is no tag deployed\/prod\)\. `npm run deploy -- prod` .* records one .*git fetch origin 'refs\/tags\/deployed\/\*:refs\/tags\/deployed\/\*'.*git tag deployed\/prod <commit>.*--base <git-ref>/,
      );
      expect(fs.existsSync(cache)).toBe(false);
    });

    test('a directory is used as it is', async () => {
      await expect(resolveBase({ kind: 'directory', dir: '/some/dir' }, 'dev')).resolves.toEqual({ dir: '/some/dir', label: '/some/dir' });
    });
  });
});
