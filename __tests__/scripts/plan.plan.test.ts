import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { summaryMarker } from '../../harness/plan-summary';

const root = path.resolve(__dirname, '..', '..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function npmRunPlan(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'plan', '--', ...args], {
      cwd: root,
      env: { ...env, CHECKPOINT_DISABLE: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run plan -- dev --offline', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-run-plan-'));
  let run: Run;

  beforeAll(async () => {
    run = await npmRunPlan(['dev', '--offline', '--outdir', outdir]);
  }, 600_000);

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('exits 0 and prints progress per stack on stderr, planning the stacks side by side', () => {
    // Inside the test run, a stack another test planned already comes from the plan cache.
    expect(run.stderr).toMatch(/\[\d\/\d+\] dev: (init plan|cached) done in [\d.]+ s/);
    expect(run.stderr).toContain('Planning dev, dev-website side by side');
    expect(run.code).toBe(0);
  });

  test('prints the summary: the dev stack adds resources and nothing is changed or destroyed', () => {
    expect(run.stdout).toMatch(/^dev\s+\d+ to add, 0 to change, 0 to destroy$/m);
    expect(run.stdout).toMatch(/^\s+aws_vpc: \+1$/m);
    expect(run.stdout).toMatch(/^total\s+\d+ to add, 0 to change, 0 to destroy$/m);
  });

  test('leaves out the project-level state stack', () => {
    expect(run.stdout).not.toMatch(/^state\s/m);
  });

  test("writes each stack's plan JSON and the Markdown summary with the environment's marker", () => {
    const plansDir = path.join(outdir, 'plans', 'dev');
    const plan = JSON.parse(fs.readFileSync(path.join(plansDir, 'dev', 'plan.json'), 'utf8'));
    expect(plan.resource_changes.length).toBeGreaterThan(0);
    const markdown = fs.readFileSync(path.join(plansDir, 'summary.md'), 'utf8');
    expect(markdown.startsWith(summaryMarker('dev'))).toBe(true);
    expect(markdown).toContain('## Terraform plan: dev');
    expect(markdown).toMatch(/\| `dev` \| \d+ \| 0 \| 0 \| 0 \|/);
  });
});

describe('npm run plan errors', () => {
  test('an unknown environment fails with one paragraph naming it and the known ones', async () => {
    const run = await npmRunPlan(['nowhere', '--offline', '--outdir', fs.mkdtempSync(path.join(os.tmpdir(), 'npm-run-plan-'))]);
    expect(run.code).toBe(1);
    const message = run.stderr.trim().split('\n').pop();
    expect(message).toMatch(/^plan: WebStackError: Unknown environment "nowhere" .*known environments are [a-z0-9, ]*\bdev\b/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('without AWS credentials it says in one paragraph what is missing and offers --offline', async () => {
    // GIVEN an environment with no credentials of any kind (and no instance metadata to ask)
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-run-plan-'));
    fs.writeFileSync(path.join(tmp, '.terraformrc'), '');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
    const run = await npmRunPlan(['dev', '--outdir', tmp], {
      ...env,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      TF_CLI_CONFIG_FILE: path.join(tmp, '.terraformrc'),
    });
    // THEN one paragraph names what is missing, how to provide it, and the offline mode
    expect(run.code).toBe(1);
    const message = run.stderr.trim().split('\n').pop();
    expect(message).toMatch(/^plan: No usable AWS credentials: stack "dev" keeps its state in S3 .*AWS_PROFILE/);
    expect(message).toContain('npm run plan -- dev --offline');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
