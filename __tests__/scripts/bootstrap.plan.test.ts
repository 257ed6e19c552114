import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { config } from '../../config/environments';
import { loadConfig } from '../../config/load';
import { offlineEnvironment } from '../../harness/offline-plan';
import { findProviderMirror } from '../../harness/provider-mirror';
import { synthesizeToTemp } from '../../harness/synth';
import { runTerraform } from '../../harness/terraform-cli';
import { buildApp } from '../../main';
import { bootstrap, BootstrapError, BootstrapSteps, initializedBackend, parseArguments } from '../../scripts/bootstrap';
import { STATE_STACK_NAME } from '../../stacks/state-stack';
import { stateStackStateKey } from '../../stacks/state-keys';
import { LocalS3, loopbackBackendSettings, startLocalS3 } from '../support/s3rver';

const BUCKET = 'web-stack-bootstrap-test';

/** The project's configuration with the test bucket as the state bucket. */
const loaded = (() => {
  const draft = structuredClone(config) as any;
  draft.project.stateBucket.name = BUCKET;
  return loadConfig(draft, ['dev']);
})();

/**
 * Steps of the real sequence with two edges replaced: the AWS resources of the state stack
 * become one terraform_data stand-in (the test created the bucket in s3rver), and the S3 backend
 * points at s3rver. Everything else is the synthesized stack: its backend switch, key and lock file.
 */
function loopbackSteps(s3: LocalS3, workRoot: string, log: string[]): BootstrapSteps {
  const env = offlineEnvironment(workRoot, findProviderMirror());
  return {
    synth: (backend) => synthesizeToTemp((outdir) => buildApp(loaded, outdir, { stateBackend: backend })).stackDir(STATE_STACK_NAME),
    terraform: (args, cwd) => runTerraform(args, { cwd, env }),
    prepare: (stack) => {
      const backend = stack.terraform.backend;
      if (backend.local) backend.local.path = path.join(workRoot, 'terraform.state.tfstate');
      if (backend.s3) Object.assign(backend.s3, loopbackBackendSettings(s3.endpoint));
      return {
        terraform: { backend, required_version: stack.terraform.required_version },
        resource: {
          terraform_data: {
            state_bucket: { input: Object.values(stack.resource.aws_s3_bucket as Record<string, { bucket: string }>)[0].bucket },
          },
        },
      };
    },
    log: (line) => log.push(line),
  };
}

describe('npm run bootstrap against a real S3 server on loopback', () => {
  let s3: LocalS3;
  let workRoot: string;

  beforeAll(async () => {
    s3 = await startLocalS3([BUCKET]);
    workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-'));
  });

  afterAll(async () => {
    await s3?.close();
  });

  test('applies with local state, migrates it into the bucket under state/terraform.tfstate using the lock file, and refuses a second run', async () => {
    const workDir = path.join(workRoot, 'state');
    const log: string[] = [];
    const steps = loopbackSteps(s3, workRoot, log);
    const resources = await bootstrap({ workDir, outdir: path.join(workRoot, 'out') }, steps);

    expect(resources).toEqual(['terraform_data.state_bucket']);
    expect(log.map((line) => line.slice(0, 3))).toEqual(['1/4', '2/4', '3/4', '4/4', 'The']);
    const key = stateStackStateKey();
    expect(s3.hasObject(BUCKET, key)).toBe(true);
    // The migration wrote the state while holding Terraform's S3 lock object, then removed it.
    expect(s3.events).toEqual(
      expect.arrayContaining([
        `ObjectCreated:Put ${BUCKET}/${key}.tflock`,
        `ObjectCreated:Put ${BUCKET}/${key}`,
        `ObjectRemoved:Delete ${BUCKET}/${key}.tflock`,
      ]),
    );
    expect(s3.hasObject(BUCKET, `${key}.tflock`)).toBe(false);
    expect(initializedBackend(workDir)).toBe('s3');

    // A fresh checkout with only the S3 backend reads the same state from the bucket.
    const reader = path.join(workRoot, 'reader');
    fs.mkdirSync(reader);
    fs.copyFileSync(path.join(workDir, 'cdk.tf.json'), path.join(reader, 'cdk.tf.json'));
    const env = offlineEnvironment(reader, findProviderMirror());
    await runTerraform(['init', '-input=false', '-no-color'], { cwd: reader, env });
    const { stdout } = await runTerraform(['state', 'list', '-no-color'], { cwd: reader, env });
    expect(stdout.trim()).toBe('terraform_data.state_bucket');

    await expect(bootstrap({ workDir, outdir: path.join(workRoot, 'out') }, steps)).rejects.toThrow(
      /already keeps its state in the bucket/,
    );
  }, 600_000);

  test('arguments: defaults, a working directory, and unknown ones refused with the usage', () => {
    expect(parseArguments([]).workDir).toBe(path.resolve('.bootstrap', 'state'));
    expect(parseArguments(['--workdir', '/tmp/x']).workDir).toBe('/tmp/x');
    expect(() => parseArguments(['--yes'])).toThrow(BootstrapError);
    expect(() => parseArguments(['--yes'])).toThrow(/Unknown argument "--yes"\. Usage: npm run bootstrap/);
  });
});
