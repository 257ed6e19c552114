// `npm run plan -- dev --offline --base <dir>` as a user runs it: the base is the project's dev
// stacks as synthesized, with the database name changed (so the current revision renames the
// database: a stateful replacement), and bad bases fail before anything is written.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { ResourceChange, riskyChanges } from '../../../harness/changes';
import { synthesizeProject } from '../../support/project';
import { copyStacks, editStack, resourceName } from '../../support/stack-edits';

const root = path.resolve(__dirname, '..', '..', '..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function npmRunPlan(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'plan', '--', ...args], {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const lastLine = (run: Run) => run.stderr.trim().split('\n').pop();

describe('npm run plan -- dev --offline --base <dir>', () => {
  const base = copyStacks(synthesizeProject().outdir, ['dev', 'dev-website']);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-run-plan-base-'));
  let database = '';
  let run: Run;

  beforeAll(async () => {
    editStack(base, 'dev', (json) => {
      database = `aws_db_instance.${resourceName(json, 'aws_db_instance', 'wordpress/database')}`;
      json.resource.aws_db_instance[database.split('.')[1]].db_name = 'before';
    });
    run = await npmRunPlan(['dev', '--offline', '--base', base, '--outdir', outdir]);
  }, 1_800_000);

  afterAll(() => {
    fs.rmSync(base, { recursive: true, force: true });
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('exits non-zero and names the database, forced by db_name, first in the dev stack', () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `Stack dev\n  STATEFUL resources replaced or destroyed (their data is lost) (1):\n    ! ${database}  (forced by db_name)\n`,
    );
    expect(run.stdout).toContain('Stack dev-website\n  No changes.');
    expect(run.stdout).toContain(`1 stateful resource would be replaced or destroyed, losing data: dev: ${database}.`);
  });

  test('writes changes.json beside the plans; naming the database with --allow-replace accepts it', () => {
    const plansDir = path.join(outdir, 'plans', 'dev');
    const written = JSON.parse(fs.readFileSync(path.join(plansDir, 'changes.json'), 'utf8')) as { changes: ResourceChange[] };
    expect(fs.existsSync(path.join(plansDir, 'dev', 'plan.json'))).toBe(true);
    expect(written.changes.find((change) => change.address === database)).toMatchObject({
      actions: ['replace'],
      forcing: ['db_name'],
      stateful: true,
    });
    expect(riskyChanges(written.changes, [])).toHaveLength(1);
    expect(riskyChanges(written.changes, [database])).toEqual([]);
  });
});

describe('npm run plan --base errors', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-run-plan-bad-base-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('a base directory that does not exist: one paragraph naming it and the fix, exit 2, nothing written', async () => {
    const outdir = path.join(scratch, 'out-missing');
    const run = await npmRunPlan(['dev', '--offline', '--base', path.join(scratch, 'nowhere'), '--outdir', outdir]);
    expect(run.code).toBe(2);
    expect(lastLine(run)).toMatch(/^plan: --base ".*nowhere" does not exist\. Give a directory of synthesized stacks/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a base that holds no synthesized stacks: exit 2, nothing written', async () => {
    fs.mkdirSync(path.join(scratch, 'source'));
    fs.writeFileSync(path.join(scratch, 'source', 'main.ts'), '');
    const outdir = path.join(scratch, 'out-source');
    const run = await npmRunPlan(['dev', '--offline', '--base', path.join(scratch, 'source'), '--outdir', outdir]);
    expect(run.code).toBe(2);
    expect(lastLine(run)).toMatch(/^plan: --base ".*source" holds no synthesized stacks \(no stacks\/<name>\/cdk\.tf\.json\)/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('--base without --offline: exit 2 before anything runs', async () => {
    const run = await npmRunPlan(['dev', '--base', scratch, '--outdir', path.join(scratch, 'out-online')]);
    expect(run.code).toBe(2);
    expect(lastLine(run)).toMatch(/^plan: --base runs the offline change check.*add --offline/);
  });
});
