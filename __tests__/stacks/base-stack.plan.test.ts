import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, DataResource } from 'cdktf';
import { BaseStack } from '../../stacks/base-stack';
import { offlineEnvironment } from '../../harness/offline-plan';
import { findProviderMirror } from '../../harness/provider-mirror';
import { runTerraform } from '../../harness/terraform-cli';
import { readSynthesizedApp } from '../../harness/synth';
import { LocalS3, loopbackBackendSettings, startLocalS3 } from '../support/s3rver';

const BUCKET = 'web-stack-state-test';
const KEY = 'environments/test/main.tfstate';

/** Synthesizes a BaseStack with remote state and one state-only resource that holds the lock for a while. */
function synthesizeBackendStack(outdir: string, holdSeconds: number): string {
  const app = new App({ outdir });
  const stack = new BaseStack(app, 'backend-test', {
    region: 'eu-west-1',
    tags: { Project: 'test' },
    remoteState: { bucket: BUCKET, region: 'eu-west-1', key: KEY },
  });
  const marker = new DataResource(stack, 'marker', { input: { message: 'stored in s3' } });
  marker.addOverride('provisioner', [{ 'local-exec': { command: `sleep ${holdSeconds}` } }]);
  app.synth();
  return readSynthesizedApp(outdir).stackDir('backend-test');
}

/** Copies a synthesized stack into a working directory whose backend points at the local server. */
function workspaceFor(stackDir: string, endpoint: string): string {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-'));
  const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  Object.assign(stack.terraform.backend.s3, loopbackBackendSettings(endpoint));
  fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(stack, null, 2));
  return workDir;
}

describe('S3 remote state against a real S3 server on loopback', () => {
  let s3: LocalS3;
  let stackDir: string;

  beforeAll(async () => {
    s3 = await startLocalS3([BUCKET]);
    stackDir = synthesizeBackendStack(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-backend-')), 6);
  });

  afterAll(async () => {
    await s3?.close();
  });

  test('the synthesized backend names the bucket, the key, encryption and native locking', () => {
    const backend = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).terraform.backend;
    expect(backend).toEqual({ s3: { bucket: BUCKET, key: KEY, region: 'eu-west-1', encrypt: true, use_lockfile: true } });
  });

  test('apply stores state in the bucket, holds a lock object while running, and a second checkout reads the state back', async () => {
    const mirror = findProviderMirror();
    const writer = workspaceFor(stackDir, s3.endpoint);
    const writerEnv = offlineEnvironment(writer, mirror);
    await runTerraform(['init', '-input=false', '-no-color'], { cwd: writer, env: writerEnv });

    const lockKey = `${KEY}.tflock`;
    let lockSeen = false;
    const apply = runTerraform(['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: writer, env: writerEnv });
    const watcher = setInterval(() => {
      lockSeen ||= s3.hasObject(BUCKET, lockKey);
    }, 100);
    try {
      await apply;
    } finally {
      clearInterval(watcher);
    }
    expect(lockSeen).toBe(true);
    expect(s3.hasObject(BUCKET, lockKey)).toBe(false);
    expect(s3.hasObject(BUCKET, KEY)).toBe(true);
    expect(fs.existsSync(path.join(writer, 'terraform.tfstate'))).toBe(false);

    const reader = workspaceFor(stackDir, s3.endpoint);
    const readerEnv = offlineEnvironment(reader, mirror);
    await runTerraform(['init', '-input=false', '-no-color'], { cwd: reader, env: readerEnv });
    const { stdout } = await runTerraform(['state', 'pull'], { cwd: reader, env: readerEnv });
    const state = JSON.parse(stdout);
    const marker = state.resources.find((r: { type: string }) => r.type === 'terraform_data');
    expect(marker.instances[0].attributes.input).toEqual({ value: { message: 'stored in s3' }, type: ['object', { message: 'string' }] });

    const { stdout: plan } = await runTerraform(['plan', '-detailed-exitcode', '-input=false', '-no-color', '-lock=false'], {
      cwd: reader,
      env: readerEnv,
    });
    expect(plan).toMatch(/No changes/);
  });
});
