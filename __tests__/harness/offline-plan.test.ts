import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  describeDiagnostics,
  OFFLINE_OVERRIDE_FILE,
  OFFLINE_PROVIDER_SETTINGS,
  OFFLINE_PROVIDER_UNSET,
  offlineEnvironment,
  offlineOverride,
  prepareOfflineWorkspace,
  usesAwsProvider,
} from '../../harness/offline-plan';
import { runTerraform, TerraformCommandError } from '../../harness/terraform-cli';

describe('offline plan workspace', () => {
  test('the override swaps in local state, sets the skip flags and lifts the account pin on every AWS provider, aliases included', () => {
    const override = offlineOverride({ provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us_east_1', region: 'us-east-1' }] } });
    expect(override).toEqual({
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
      provider: {
        aws: [
          { ...OFFLINE_PROVIDER_SETTINGS, ...OFFLINE_PROVIDER_UNSET },
          { alias: 'us_east_1', ...OFFLINE_PROVIDER_SETTINGS, ...OFFLINE_PROVIDER_UNSET },
        ],
      },
    });
  });

  test('a stack that does not use AWS gets only local state: no AWS provider for Terraform to install and load', () => {
    expect(offlineOverride({ resource: { terraform_data: { main: {} } } })).toEqual({
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    });
    // Configured, required, or used through its default configuration by a resource or data source.
    for (const stack of [
      { provider: { aws: [{}] } },
      { terraform: { required_providers: { aws: {} } } },
      { resource: { terraform_data: {}, aws_vpc: {} } },
      { data: { aws_region: {} } },
    ]) {
      expect(usesAwsProvider(stack)).toBe(true);
      expect(offlineOverride(stack).provider).toEqual({ aws: [{ ...OFFLINE_PROVIDER_SETTINGS, ...OFFLINE_PROVIDER_UNSET }] });
    }
  });

  test('the workspace is a copy: the synthesized stack is left untouched', () => {
    const stackDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-'));
    const stack = { terraform: { backend: { s3: { bucket: 'b', key: 'k' } } }, provider: { aws: [{ region: 'eu-west-1' }] } };
    fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), JSON.stringify(stack));
    fs.mkdirSync(path.join(stackDir, 'assets'));
    fs.writeFileSync(path.join(stackDir, 'assets', 'code.zip'), 'zip');
    const workDir = prepareOfflineWorkspace(stackDir);
    expect(fs.readdirSync(stackDir).sort()).toEqual(['assets', 'cdk.tf.json']);
    expect(fs.readdirSync(workDir).sort()).toEqual(['assets', 'cdk.tf.json', OFFLINE_OVERRIDE_FILE]);
    expect(JSON.parse(fs.readFileSync(path.join(workDir, 'cdk.tf.json'), 'utf8'))).toEqual(stack);
  });

  test('without a mirror the CLI config is empty, so init falls back to the registry', () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
    const env = offlineEnvironment(workDir, undefined);
    expect(fs.readFileSync(env.TF_CLI_CONFIG_FILE!, 'utf8')).toBe('');
    expect(env.AWS_ACCESS_KEY_ID).toBe(OFFLINE_PROVIDER_SETTINGS.access_key);
    const withMirror = offlineEnvironment(workDir, '/opt/mirror');
    expect(fs.readFileSync(withMirror.TF_CLI_CONFIG_FILE!, 'utf8')).toContain('filesystem_mirror');
  });

  test('a failing terraform command reports its arguments, exit code and output', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-'));
    fs.writeFileSync(path.join(cwd, 'main.tf'), 'resource "terraform_data" {\n');
    const failure = runTerraform(['validate', '-no-color'], { cwd, env: { TF_CLI_CONFIG_FILE: '/dev/null' } });
    await expect(failure).rejects.toBeInstanceOf(TerraformCommandError);
    await expect(failure).rejects.toThrow(/terraform validate -no-color exited with 1:\n[\s\S]*main\.tf/);
  });

  test('a missing terraform binary says how to fix it', async () => {
    const failure = runTerraform(['version'], { cwd: os.tmpdir(), env: { TERRAFORM_BINARY: '/nonexistent/terraform' } });
    await expect(failure).rejects.toThrow(
      /cannot run "\/nonexistent\/terraform": Terraform is not installed or not on PATH\. Install Terraform 1\.10 or newer, or set TERRAFORM_BINARY/,
    );
  });

  test('error diagnostics of a -json run become one line each; warnings and other messages are left out', () => {
    const stream = [
      JSON.stringify({ type: 'version', terraform: '1.11.0' }),
      JSON.stringify({ type: 'diagnostic', diagnostic: { severity: 'warning', summary: 'Deprecated' } }),
      JSON.stringify({
        type: 'diagnostic',
        diagnostic: {
          severity: 'error',
          summary: 'Unsupported argument',
          address: 'aws_vpc.main',
          detail: 'An argument named\n"colour" is not expected here.',
          range: { filename: 'cdk.tf.json', start: { line: 12 } },
        },
      }),
      'not json',
    ].join('\n');
    expect(describeDiagnostics(stream)).toEqual([
      'error: Unsupported argument (aws_vpc.main) at cdk.tf.json:12 - An argument named "colour" is not expected here.',
    ]);
  });
});
