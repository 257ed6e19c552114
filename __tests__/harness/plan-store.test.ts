import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planStackCached, stackContentKey } from '../../harness/plan-cache';
import { harvestPlanCache, openPlanStore, PLAN_STORE_ENV, planStoreSalt, seedPlanCache, StoreInputs } from '../../harness/plan-store';
import { TERRAFORM_BINARY_ENV } from '../../harness/terraform-cli';

// terraform replaced by a recorder (fake-terraform.js): these tests are about which plans are
// kept between runs and when a stack is planned again, not about plans.
const FAKE_TERRAFORM = path.join(__dirname, '..', 'support', 'fake-terraform.js');
const temp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
const version = (terraform_version: string) => JSON.stringify({ terraform_version, platform: 'linux_amd64' });

describe('what a stored plan depends on (the name of its store folder)', () => {
  let harnessDir: string;
  let mirror: string;
  let inputs: StoreInputs;
  beforeEach(() => {
    harnessDir = temp('harness');
    fs.writeFileSync(path.join(harnessDir, 'offline-plan.ts'), 'export const flags = 1;');
    mirror = temp('mirror');
    const binaryDir = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', 'linux_amd64');
    fs.mkdirSync(binaryDir, { recursive: true });
    fs.writeFileSync(path.join(binaryDir, 'terraform-provider-aws_v5.100.0_x5'), 'binary');
    inputs = { terraformVersion: version('1.11.4'), providerMirror: mirror, harnessDir, env: { HOME: '/root' } };
  });

  test('the same inputs give the same folder; each kind of input changes it', () => {
    const salt = planStoreSalt(inputs);
    expect(planStoreSalt({ ...inputs, env: { HOME: '/home/other', PATH: '/bin' } })).toBe(salt);

    expect(planStoreSalt({ ...inputs, terraformVersion: version('1.12.0') })).not.toBe(salt);
    expect(planStoreSalt({ ...inputs, providerMirror: undefined })).not.toBe(salt);
    expect(planStoreSalt({ ...inputs, env: { TF_VAR_region: 'eu-west-1' } })).not.toBe(salt);
    expect(planStoreSalt({ ...inputs, env: { TF_CLI_ARGS_plan: '-parallelism=1' } })).not.toBe(salt);

    fs.writeFileSync(path.join(harnessDir, 'offline-plan.ts'), 'export const flags = 2;');
    const editedHarness = planStoreSalt(inputs);
    expect(editedHarness).not.toBe(salt);

    const binary = path.join(
      mirror,
      'registry.terraform.io',
      'hashicorp',
      'aws',
      '5.100.0',
      'linux_amd64',
      'terraform-provider-aws_v5.100.0_x5',
    );
    fs.writeFileSync(binary, 'another binary');
    expect(planStoreSalt(inputs)).not.toBe(editedHarness);
  });

  test('openPlanStore: off, a configured folder, and no Terraform to ask', () => {
    const env = { [TERRAFORM_BINARY_ENV]: FAKE_TERRAFORM };
    expect(openPlanStore('/project', mirror, { ...env, [PLAN_STORE_ENV]: 'off' })).toBeUndefined();
    const configured = temp('store');
    expect(path.dirname(openPlanStore('/project', mirror, { ...env, [PLAN_STORE_ENV]: configured })!)).toBe(configured);
    expect(path.dirname(openPlanStore('/project', mirror, env)!)).toBe(path.join('/project', 'node_modules', '.cache', 'web-stack-plans'));
    const newer = openPlanStore('/project', mirror, { ...env, FAKE_TERRAFORM_VERSION: '1.12.0' });
    expect(newer).not.toBe(openPlanStore('/project', mirror, env));
    expect(openPlanStore('/project', mirror, { [TERRAFORM_BINARY_ENV]: path.join(configured, 'no-terraform') })).toBeUndefined();
  });
});

describe('plans kept from one test run to the next', () => {
  const saved = { ...process.env };
  let storeDir: string;
  let log: string;
  const commands = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []);
  const stackWith = (name: string) => {
    const dir = temp(name);
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { terraform_data: { [name]: {} } } }));
    return dir;
  };
  /** One test run: a fresh cache seeded from the store, `plan` with it, then the harvest. */
  const run = async (plan: (cacheDir: string) => Promise<unknown>) => {
    const cacheDir = temp('plan-cache');
    const seeded = seedPlanCache(storeDir, cacheDir);
    await plan(cacheDir);
    const kept = harvestPlanCache(cacheDir, storeDir);
    fs.rmSync(cacheDir, { recursive: true, force: true });
    return { seeded, kept };
  };

  beforeEach(() => {
    storeDir = path.join(temp('store-root'), 'salt');
    log = path.join(temp('log'), 'terraform.log');
    process.env[TERRAFORM_BINARY_ENV] = FAKE_TERRAFORM;
    process.env.FAKE_TERRAFORM_LOG = log;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  test('a stack planned in one run is read back in the next; a changed stack is planned again', async () => {
    const stack = stackWith('one');
    expect(await run((cacheDir) => planStackCached(stack, cacheDir))).toEqual({ seeded: 0, kept: 1 });
    expect(commands().map((line) => line.split(' ')[1])).toEqual(['init', 'plan', 'show']);

    const steps: string[] = [];
    expect(await run((cacheDir) => planStackCached(stack, cacheDir, (step) => steps.push(step)))).toEqual({ seeded: 1, kept: 1 });
    expect(steps).toEqual(['cached']);
    expect(commands()).toHaveLength(3);

    fs.writeFileSync(path.join(stack, 'cdk.tf.json'), JSON.stringify({ resource: { terraform_data: { changed: {} } } }));
    expect(await run((cacheDir) => planStackCached(stack, cacheDir))).toEqual({ seeded: 1, kept: 2 });
    expect(commands()).toHaveLength(6);
  });

  test('reading a plan marks it used; the store drops what was not used in time and the least recent beyond its size', async () => {
    const [used, unused, old] = ['used', 'unused', 'old'].map(stackWith);
    await run((cacheDir) => Promise.all([used, unused, old].map((stack) => planStackCached(stack, cacheDir))));
    const stored = (stack: string) => path.join(storeDir, `${stackContentKey(stack)}.json`);
    const longAgo = new Date(Date.now() - 20 * 24 * 3600 * 1000);
    for (const stack of [used, unused, old]) fs.utimesSync(stored(stack), longAgo, longAgo);
    fs.utimesSync(stored(unused), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

    // Another run reads `used` only: it is the most recent now, and `old` is older than two weeks.
    const cacheDir = temp('plan-cache');
    seedPlanCache(storeDir, cacheDir);
    await planStackCached(used, cacheDir);
    expect(harvestPlanCache(cacheDir, storeDir)).toBe(2);
    expect([used, unused, old].map((stack) => fs.existsSync(stored(stack)))).toEqual([true, true, false]);

    const oneEntry = fs.statSync(stored(used)).size;
    expect(harvestPlanCache(cacheDir, storeDir, { maxAgeMs: Infinity, maxBytes: oneEntry })).toBe(1);
    expect([used, unused].map((stack) => fs.existsSync(stored(stack)))).toEqual([true, false]);
  });

  test('the folders of other inputs (an older Terraform, an earlier harness) are removed', async () => {
    const other = path.join(path.dirname(storeDir), 'older-salt');
    fs.mkdirSync(other, { recursive: true });
    fs.writeFileSync(path.join(other, `${'0'.repeat(32)}.json`), '{}');
    await run(async () => undefined);
    expect(fs.readdirSync(path.dirname(storeDir))).toEqual([path.basename(storeDir)]);
  });

  test('only finished plans are kept: temporary and lock files of the run are not', async () => {
    await run(async (cacheDir) => {
      fs.writeFileSync(path.join(cacheDir, `${'a'.repeat(32)}.json.tmp`), '{');
      fs.writeFileSync(path.join(cacheDir, `${'a'.repeat(32)}.lock`), '1');
      fs.writeFileSync(path.join(cacheDir, 'prewarm.log'), 'log');
    });
    expect(fs.readdirSync(storeDir)).toEqual([]);
  });
});
