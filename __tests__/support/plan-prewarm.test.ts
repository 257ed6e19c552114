import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pendingBatchOwner } from '../../harness/cache-lock';
import { planStackCached } from '../../harness/plan-cache';
import { TERRAFORM_BINARY_ENV } from '../../harness/terraform-cli';
import { batchFixture, summaryFixture } from './plan-fixtures';
import { PREWARM_FAILED_FILE, PREWARM_LOG_FILE, PREWARM_PID_FILE, startPlanPrewarm, stopPlanPrewarm } from './plan-prewarm';

// The prewarm's process for real (node, swc-register.js, the fixtures' synth), with terraform
// replaced by a recorder (fake-terraform.js): these tests are about who plans what and when.
// What a batch plan holds is tested with real terraform in plan-batch.plan.test.ts, and every
// plan test of a run reads what the prewarm planned for real.
const FAKE_TERRAFORM = path.join(__dirname, 'fake-terraform.js');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, what: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await pause(100);
  }
}
/** Whether a process of the group led by `pid` still runs (zombies, dead but not yet reaped, do not count). */
function groupRunning(pid: number): boolean {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .some((entry) => {
      try {
        // pid (comm) state ppid pgrp ...; comm may hold spaces, so read after its closing parenthesis.
        const [state, , group] = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
        return Number(group) === pid && state !== 'Z';
      } catch {
        return false;
      }
    });
}

describe('the plan prewarm', () => {
  let cacheDir: string;
  let terraformLog: string;
  const saved = { ...process.env };
  const commands = () => (fs.existsSync(terraformLog) ? fs.readFileSync(terraformLog, 'utf8').trim().split('\n') : []);
  const prewarmLog = () => fs.readFileSync(path.join(cacheDir, PREWARM_LOG_FILE), 'utf8');
  const files = (pattern: RegExp) => fs.readdirSync(cacheDir).filter((file) => pattern.test(file));
  const exited = () => !fs.existsSync(path.join(cacheDir, PREWARM_PID_FILE));

  beforeEach(() => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prewarm-cache-'));
    terraformLog = path.join(cacheDir, 'terraform.log');
    process.env[TERRAFORM_BINARY_ENV] = FAKE_TERRAFORM;
    process.env.FAKE_TERRAFORM_LOG = terraformLog;
  });
  afterEach(async () => {
    await stopPlanPrewarm(cacheDir);
    process.env = { ...saved };
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  test('plans the named fixtures in one batch, and a test that misses the cache meanwhile waits for it', async () => {
    // GIVEN a slow plan, so that the test below asks while the prewarm is busy
    process.env.FAKE_TERRAFORM_DELAY_MS = '1500';
    // WHEN the prewarm starts for two fixtures (three stacks) and a name that is no fixture
    const pid = startPlanPrewarm(cacheDir, ['batchFixture', 'summaryFixture', 'notAFixture'])!;
    expect(pendingBatchOwner(cacheDir)).toBe(pid);
    // AND this test synthesizes the same fixtures itself, under jest's transform, and asks for their plans
    const steps: string[] = [];
    const ask = (stackDir: string) => planStackCached(stackDir, cacheDir, (step) => steps.push(step));
    const summary = summaryFixture.synth();
    const batch = batchFixture.synth();
    await Promise.all([ask(summary.stackDir('summary')), ask(batch.stackDir('website')), ask(batch.stackDir('network'))]);
    await until(exited, 'the prewarm exits');

    // THEN the test planned nothing itself: its synth matched the prewarm's byte for byte
    expect(steps).toEqual(['cached', 'cached', 'cached']);
    // AND terraform ran once for the three stacks together
    expect(commands().map((line) => line.split(' ')[1])).toEqual(['init', 'plan', 'show']);
    expect(prewarmLog()).toContain('notAFixture is not a fixture of plan-fixtures.ts; skipped');
    expect(prewarmLog()).toContain('planning 3 of 3 stacks together');
    expect(pendingBatchOwner(cacheDir)).toBeUndefined();
    expect(files(/\.lock$|^prewarm\.failed$/)).toEqual([]);
  }, 60_000);

  test('when its batch fails it says why, plans nothing alone, and leaves the stacks to the tests', async () => {
    process.env.FAKE_TERRAFORM_FAIL = 'plan';
    startPlanPrewarm(cacheDir, ['batchFixture', 'summaryFixture']);
    await until(exited, 'the prewarm exits');

    expect(commands().filter((line) => line.split(' ')[1] === 'plan')).toHaveLength(1);
    expect(fs.readFileSync(path.join(cacheDir, PREWARM_FAILED_FILE), 'utf8')).toMatch(/the fake terraform fails plan/);
    await expect(stopPlanPrewarm(cacheDir)).resolves.toMatch(/the fake terraform fails plan/);
    expect(pendingBatchOwner(cacheDir)).toBeUndefined();
    expect(files(/\.(lock|json)$/)).toEqual([]);
  }, 60_000);

  test('the teardown stops a prewarm still planning, with the terraform under it', async () => {
    process.env.FAKE_TERRAFORM_DELAY_MS = '60000';
    const pid = startPlanPrewarm(cacheDir, ['batchFixture', 'summaryFixture'])!;
    await until(() => commands().some((line) => line.split(' ')[1] === 'plan'), 'terraform plan starts');
    expect(groupRunning(pid)).toBe(true);

    await expect(stopPlanPrewarm(cacheDir)).resolves.toBeUndefined();
    expect(groupRunning(pid)).toBe(false);
    expect(pendingBatchOwner(cacheDir)).toBeUndefined();
    // Its locks name a dead process: the next test to miss the cache breaks them and plans.
    expect(files(/\.lock$/)).toHaveLength(3);
    delete process.env.FAKE_TERRAFORM_DELAY_MS;
    const steps: string[] = [];
    await planStackCached(batchFixture.synth().stackDir('network'), cacheDir, (step) => steps.push(step));
    expect(steps).toEqual(['init', 'plan']);
  }, 60_000);
});
