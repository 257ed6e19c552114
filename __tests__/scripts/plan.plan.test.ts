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

async function npmRunPlan(...args: string[]): Promise<Run> {
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

describe('npm run plan -- dev --offline', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-run-plan-'));
  let run: Run;

  beforeAll(async () => {
    run = await npmRunPlan('dev', '--offline', '--outdir', outdir);
  }, 600_000);

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('exits 0 and prints progress per stack on stderr', () => {
    expect(run.stderr).toMatch(/\[1\/\d+\] dev: init validate plan done in [\d.]+ s/);
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
    const run = await npmRunPlan('nowhere', '--offline', '--outdir', fs.mkdtempSync(path.join(os.tmpdir(), 'npm-run-plan-')));
    expect(run.code).toBe(1);
    const message = run.stderr.trim().split('\n').pop();
    expect(message).toMatch(/^plan: WebStackError: Unknown environment "nowhere" .*known environments are [a-z0-9, ]*\bdev\b/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
