import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { announcePendingBatch, clearPendingBatch } from '../../harness/cache-lock';
import { createHash } from 'crypto';
import { prepareOfflineWorkspace, OFFLINE_OVERRIDE_FILE } from '../../harness/offline-plan';
import {
  cutFromCombinedPlan,
  planIntoCache,
  planStackCached,
  stackContentFiles,
  stackContentKey,
  waitForOtherPlanners,
} from '../../harness/plan-cache';
import { TERRAFORM_BINARY_ENV } from '../../harness/terraform-cli';

// Who plans a stack, and how often, with terraform replaced by a recorder (fake-terraform.js):
// these tests are about the cache's locks and waiting, not about plans.
const FAKE_TERRAFORM = path.join(__dirname, '..', 'support', 'fake-terraform.js');

function writeStack(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { terraform_data: { [name]: {} } } }));
  return dir;
}

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const after = (ms: number, action: () => void) => new Promise<void>((resolve) => setTimeout(() => resolve(action()), ms));

describe('the plan cache decides who plans a stack', () => {
  let cacheDir: string;
  let log: string;
  let stackDir: string;
  let resultFile: string;
  let lockFile: string;
  const saved = { ...process.env };
  const commands = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []);

  beforeEach(() => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-cache-'));
    log = path.join(cacheDir, 'terraform.log');
    process.env[TERRAFORM_BINARY_ENV] = FAKE_TERRAFORM;
    process.env.FAKE_TERRAFORM_LOG = log;
    stackDir = writeStack('one');
    const key = stackContentKey(stackDir);
    resultFile = path.join(cacheDir, `${key}.json`);
    lockFile = path.join(cacheDir, `${key}.lock`);
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  test('a cached stack is read back without running terraform', async () => {
    fs.writeFileSync(resultFile, JSON.stringify({ stored: true }));
    const steps: string[] = [];
    await expect(planStackCached(stackDir, cacheDir, (step) => steps.push(step))).resolves.toEqual({ stored: true });
    expect(steps).toEqual(['cached']);
    expect(commands()).toEqual([]);
  });

  test('a stack whose lock a live process holds is waited for, then read back, not planned again', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(lockFile, String(holder.pid));
      const planned = planStackCached(stackDir, cacheDir);
      await after(600, () => {
        fs.writeFileSync(resultFile, JSON.stringify({ by: 'holder' }));
        fs.rmSync(lockFile);
      });
      await expect(planned).resolves.toEqual({ by: 'holder' });
      expect(commands()).toEqual([]);
    } finally {
      holder.kill();
    }
  });

  test('a lock whose owner died is broken: the stack is planned once, and the lock released', async () => {
    fs.writeFileSync(lockFile, String(deadPid()));
    await planStackCached(stackDir, cacheDir);
    expect(commands().map((line) => line.split(' ')[1])).toEqual(['init', 'plan', 'show']);
    expect(fs.existsSync(resultFile)).toBe(true);
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  test('while a live process announces a pending batch, a miss waits for it instead of planning', async () => {
    const prewarm = spawn('sleep', ['30']);
    try {
      announcePendingBatch(cacheDir, prewarm.pid!);
      const planned = planStackCached(stackDir, cacheDir);
      await after(600, () => fs.writeFileSync(resultFile, JSON.stringify({ by: 'prewarm' })));
      await expect(planned).resolves.toEqual({ by: 'prewarm' });
      expect(commands()).toEqual([]);
    } finally {
      prewarm.kill();
    }
  });

  test('a pending batch that is withdrawn, or whose process died, leaves the stack to whoever misses it', async () => {
    const prewarm = spawn('sleep', ['30']);
    try {
      announcePendingBatch(cacheDir, prewarm.pid!);
      const planned = planStackCached(stackDir, cacheDir);
      await after(600, () => clearPendingBatch(cacheDir));
      await planned;
      expect(commands()).toHaveLength(3);
    } finally {
      prewarm.kill();
    }
    fs.rmSync(resultFile);
    announcePendingBatch(cacheDir, deadPid());
    await planStackCached(stackDir, cacheDir);
    expect(commands()).toHaveLength(6);
  });

  test('planIntoCache plans what nobody has in one batch, holding the locks from onClaimed on', async () => {
    const two = writeStack('two');
    const three = writeStack('three');
    fs.writeFileSync(resultFile, JSON.stringify({ stored: true }));
    const locksAtClaim: string[] = [];
    const planned = await planIntoCache([stackDir, two, three, two], cacheDir, {
      onClaimed: () => locksAtClaim.push(...fs.readdirSync(cacheDir).filter((file) => file.endsWith('.lock'))),
    });
    // "one" was cached and "two" asked for twice: two stacks, one init, one plan, one show.
    expect(planned).toBe(2);
    expect(locksAtClaim).toHaveLength(2);
    expect(commands().map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      expect.stringMatching(/^offline-batch-\S+ init$/),
      expect.stringMatching(/^offline-batch-\S+ plan$/),
      expect.stringMatching(/^offline-batch-\S+ show$/),
    ]);
    for (const dir of [two, three]) expect(fs.existsSync(path.join(cacheDir, `${stackContentKey(dir)}.json`))).toBe(true);
    expect(fs.readdirSync(cacheDir).filter((file) => file.endsWith('.lock'))).toEqual([]);
    // Their plans are marked as cut out of a combined plan in this run; "one" came from elsewhere.
    expect([stackDir, two, three].map((dir) => cutFromCombinedPlan(dir, cacheDir))).toEqual([false, true, true]);
  });

  test('waitForOtherPlanners plans nothing and returns once no live process holds a lock or announces a batch', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(lockFile, String(holder.pid));
      announcePendingBatch(cacheDir, holder.pid!);
      const events: string[] = [];
      const waited = waitForOtherPlanners([stackDir], cacheDir).then(() => events.push('returned'));
      await after(600, () => clearPendingBatch(cacheDir));
      await after(600, () => events.push('lock released'));
      fs.rmSync(lockFile);
      await waited;
      expect(events).toEqual(['lock released', 'returned']);
      // A lock whose owner died is nobody planning.
      fs.writeFileSync(lockFile, String(deadPid()));
      await waitForOtherPlanners([stackDir], cacheDir);
      expect(commands()).toEqual([]);
    } finally {
      holder.kill();
    }
  });

  test('a stack planned on its own is not marked as cut out of a combined plan', async () => {
    await planIntoCache([stackDir], cacheDir);
    expect(fs.existsSync(resultFile)).toBe(true);
    expect(cutFromCombinedPlan(stackDir, cacheDir)).toBe(false);
  });

  test('a failed batch that may not plan stacks alone rejects, stores nothing and releases its locks', async () => {
    process.env.FAKE_TERRAFORM_FAIL = 'plan';
    const two = writeStack('two');
    await expect(planIntoCache([stackDir, two], cacheDir, { planAloneOnFailure: false })).rejects.toThrow(/the fake terraform fails plan/);
    // One combined plan, no plan of each stack on its own.
    expect(commands().filter((line) => line.split(' ')[1] === 'plan')).toHaveLength(1);
    expect(fs.readdirSync(cacheDir).filter((file) => /\.(json|lock)$/.test(file))).toEqual([]);
  });
});

describe('the content key of a synthesized stack', () => {
  const folder = (files: Record<string, string | Buffer>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'));
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };

  test('two folders whose names and contents ran together under the former key now differ', () => {
    // The former key hashed "<name>\0<content>\0" per file: a NUL inside a file (an asset may
    // hold any byte) moved the boundary, and these two folders hashed the same.
    const formerKey = (dir: string) => {
      const hash = createHash('sha256');
      for (const name of stackContentFiles(dir))
        hash
          .update(`/${name}`)
          .update('\0')
          .update(fs.readFileSync(path.join(dir, name)))
          .update('\0');
      return hash.digest('hex').slice(0, 32);
    };
    const two = folder({ 'assets/a': '1', 'assets/b': '2' });
    const one = folder({ 'assets/a': '1\0/assets/b\x002' });
    expect(formerKey(one)).toBe(formerKey(two));
    expect(stackContentKey(one)).not.toBe(stackContentKey(two));
  });

  test("the files left out of the key are exactly those left out of the planning workspace: Terraform's own", () => {
    const stack = folder({
      'cdk.tf.json': '{}',
      'assets/site/index.html': '<h1>hi</h1>',
      'plan.tf.json': '{}',
      'terraform.tfstate.backup': '{}',
      '.terraform/providers/aws/binary': 'provider',
      '.terraform.lock.hcl': 'lock',
      'terraform.tfstate': '{}',
      'old.tfstate/inside': 'x',
      'assets/.terraform/modules/m.json': '{}',
    });
    const planned = ['assets/site/index.html', 'cdk.tf.json', 'plan.tf.json', 'terraform.tfstate.backup'];
    expect(stackContentFiles(stack)).toEqual(planned);
    const workDir = prepareOfflineWorkspace(stack);
    const copied = (fs.readdirSync(workDir, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((file) => fs.statSync(path.join(workDir, file)).isFile())
      .sort();
    expect(copied).toEqual([...planned, OFFLINE_OVERRIDE_FILE].sort());

    // A left-out file changes no key; any other file does.
    const key = stackContentKey(stack);
    fs.writeFileSync(path.join(stack, '.terraform.lock.hcl'), 'another lock');
    fs.writeFileSync(path.join(stack, 'terraform.tfstate'), '{"serial": 2}');
    expect(stackContentKey(stack)).toBe(key);
    fs.writeFileSync(path.join(stack, 'plan.tf.json'), '{"locals": {}}');
    expect(stackContentKey(stack)).not.toBe(key);
  });

  test('a stack below a folder whose name Terraform would use is still copied whole', () => {
    const parent = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'content-')), '.terraform.d', 'stack');
    fs.mkdirSync(parent, { recursive: true });
    fs.writeFileSync(path.join(parent, 'cdk.tf.json'), '{}');
    expect(stackContentFiles(parent)).toEqual(['cdk.tf.json']);
    expect(fs.readdirSync(prepareOfflineWorkspace(parent)).sort()).toEqual(['cdk.tf.json', OFFLINE_OVERRIDE_FILE]);
  });
});
