import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeBaseRevision } from '../../../scripts/change/base-revision';
import { openRepo } from '../../support/git-repo';

const root = path.resolve(__dirname, '..', '..', '..');

/** Every launch template's instance type in one synthesized stack. */
const instanceTypes = (outdir: string, stack: string): string[] => {
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  return Object.values(json.resource.aws_launch_template as Record<string, { instance_type: string }>).map((t) => t.instance_type);
};

describe("the project's own history as the base", () => {
  test("the base revision is synthesized by the base's own main.ts, with the current node_modules when the lockfile is the same", async () => {
    // GIVEN a clone of this repository with one more commit: the dev web servers grow
    const clone = openRepo(fs.mkdtempSync(path.join(os.tmpdir(), 'project-clone-')));
    execFileSync('git', ['clone', '--quiet', '--shared', root, clone.dir]);
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(clone.dir, 'node_modules'), 'dir');
    const environments = path.join(clone.dir, 'config', 'environments.ts');
    const before = fs.readFileSync(environments, 'utf8');
    const devWordPress = 'wordpress: { database: { skipFinalSnapshot: true } },';
    expect(before).toContain(devWordPress);
    const after = before.replace(
      devWordPress,
      "wordpress: { database: { skipFinalSnapshot: true }, webServers: { instanceType: 't3.large' } },",
    );
    clone.commit('bigger dev web servers', { 'config/environments.ts': after });
    const cacheRoot = path.join(clone.dir, 'base-cache');

    // WHEN the change check synthesizes HEAD~1 for dev
    const logged: string[] = [];
    const base = await synthesizeBaseRevision({
      ref: 'HEAD~1',
      environment: 'dev',
      repo: clone.dir,
      cacheRoot,
      log: (line) => logged.push(line),
    });

    // THEN the base holds dev's stacks as they were before the commit, and nothing was installed
    expect(fs.readdirSync(path.join(base.dir, 'stacks')).sort()).toEqual(['account', 'dev', 'dev-website', 'state']);
    expect(instanceTypes(base.dir, 'dev')).toContain('t3.micro');
    expect(instanceTypes(base.dir, 'dev')).not.toContain('t3.large');
    expect(logged.join('')).toContain('dependencies ready');
    expect(fs.existsSync(path.join(cacheRoot, 'deps'))).toBe(false);
    expect(clone.git('worktree', 'list').split('\n')).toHaveLength(1);
  });
});
