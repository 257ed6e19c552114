import { projectConfig } from '../support/project';
import { configuredResources, countByType, plannedResources, referencesOf, TerraformPlan } from '../../harness/plan-json';
import { SynthesizedApp, synthesizeToTemp } from '../../harness/synth';
import { buildApp, parseStateBackend } from '../../main';
import { STATE_STACK_NAME } from '../../stacks/state-stack';
import { projectFixture } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

const loaded = projectConfig;

describe('state bootstrap stack, planned offline', () => {
  let app: SynthesizedApp;
  let plan: TerraformPlan;

  beforeAll(async () => {
    app = fixtureApp(projectFixture);
    plan = await fixturePlan(projectFixture, STATE_STACK_NAME);
  });

  test('keeps its own state in the bucket it created, under state/terraform.tfstate with the lock file', () => {
    expect(app.stackJson(STATE_STACK_NAME).terraform.backend).toEqual({
      s3: {
        bucket: loaded.project.stateBucket.name,
        key: 'state/terraform.tfstate',
        region: loaded.project.stateBucket.region,
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test('with the local backend (the first apply of npm run bootstrap) keeps its state in the project root', () => {
    const local = synthesizeToTemp((outdir) => buildApp(loaded, outdir, { stateBackend: 'local' }));
    expect(local.stackJson(STATE_STACK_NAME).terraform.backend).toEqual({
      local: { path: expect.stringMatching(/terraform\.state\.tfstate$/) },
    });
  });

  test('WEB_STACK_STATE_BACKEND takes local or s3 only, saying which', () => {
    expect(parseStateBackend(undefined)).toBe('s3');
    expect(parseStateBackend('local')).toBe('local');
    expect(() => parseStateBackend('remote')).toThrow(/WEB_STACK_STATE_BACKEND "remote": use "local" .* or "s3"/);
  });

  test('plans the bucket with versioning, encryption, owner-enforced objects, public access blocks, TLS-only policy and lifecycle', () => {
    expect(countByType(plan)).toEqual({
      aws_s3_bucket: 1,
      aws_s3_bucket_versioning: 1,
      aws_s3_bucket_server_side_encryption_configuration: 1,
      aws_s3_bucket_ownership_controls: 1,
      aws_s3_bucket_public_access_block: 1,
      aws_s3_bucket_policy: 1,
      aws_s3_bucket_lifecycle_configuration: 1,
    });
    const [bucket] = plannedResources(plan, 'aws_s3_bucket');
    expect(bucket.values.bucket).toBe(loaded.project.stateBucket.name);
    for (const type of [
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_lifecycle_configuration',
    ]) {
      expect(referencesOf(configuredResources(plan, type)[0], 'bucket')).toEqual([bucket.address]);
    }
    expect(plannedResources(plan, 'aws_s3_bucket_public_access_block')[0].values).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const [lifecycle] = plannedResources(plan, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.values.rule[0].noncurrent_version_expiration).toEqual([{ newer_noncurrent_versions: null, noncurrent_days: 90 }]);
  });

  test('the bucket is protected from destroy', () => {
    const [bucketBody] = Object.values(app.stackJson(STATE_STACK_NAME).resource.aws_s3_bucket) as { lifecycle: unknown }[];
    expect(bucketBody.lifecycle).toEqual({ prevent_destroy: true });
  });
});
