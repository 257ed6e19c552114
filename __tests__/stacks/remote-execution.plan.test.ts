import * as fs from 'fs';
import * as path from 'path';
import { loadConfig } from '../../config/load';
import { SynthesizedApp } from '../../harness/synth';
import { projectFixture, remoteExecutionFixture, withRemoteExecution } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';
import { synthesizeProject } from '../support/project';

function terraformBlock(app: SynthesizedApp, stack: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(app.stackDir(stack), 'cdk.tf.json'), 'utf8')).terraform;
}

describe('remote execution on HCP Terraform', () => {
  let app: SynthesizedApp;

  beforeAll(() => {
    app = fixtureApp(remoteExecutionFixture);
  });

  test('each stack of the environment gets its own workspace, named after the project and the stack, and no S3 backend', () => {
    for (const [stack, workspace] of [
      ['dev', 'web-stack-dev'],
      ['dev-website', 'web-stack-dev-website'],
    ]) {
      const block = terraformBlock(app, stack);
      expect(block.cloud).toEqual({ organization: 'acme', workspaces: { name: workspace } });
      expect(block.backend).toBeUndefined();
      expect(block.required_version).toBe('>= 1.10');
    }
  });

  test('the other environments keep their state in the state bucket', () => {
    expect(terraformBlock(app, 'prod').backend.s3.key).toBe('environments/prod/main.tfstate');
    expect(terraformBlock(app, 'prod').cloud).toBeUndefined();
  });

  test('a workspace prefix and a Terraform Enterprise host are passed through', () => {
    const custom = synthesizeProject(
      loadConfig(withRemoteExecution({ organization: 'acme', workspacePrefix: 'blog', hostname: 'tfe.example.com' }), ['dev']),
    );
    expect(terraformBlock(custom, 'dev').cloud).toEqual({
      hostname: 'tfe.example.com',
      organization: 'acme',
      workspaces: { name: 'blog-dev' },
    });
  });

  test('a malformed organization is refused at synth time, naming the field', () => {
    expect(() => loadConfig(withRemoteExecution({ organization: 'acme corp' }))).toThrow(/remoteExecution\.organization/);
  });

  test('the offline plan of a stack on HCP Terraform plans like one on the state bucket', async () => {
    const s3Plan = await fixturePlan(projectFixture, 'dev');
    const hcpPlan = await fixturePlan(remoteExecutionFixture, 'dev');
    const addresses = (plan: typeof s3Plan) => (plan.resource_changes ?? []).map((change) => change.address).sort();
    expect(addresses(hcpPlan)).toEqual(addresses(s3Plan));
    expect(addresses(hcpPlan).length).toBeGreaterThan(50);
  });
});
