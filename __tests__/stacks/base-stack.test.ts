import { projectConfig, synthesizeProject } from '../support/project';
import { loadConfig } from '../../config/load';
import { config } from '../../config/environments';
import { TERRAFORM_REQUIRED_VERSION } from '../../stacks/base-stack';

describe('guard rails in every project stack', () => {
  const app = synthesizeProject();

  test('every stack requires Terraform 1.10 or newer next to its pinned providers', () => {
    expect(TERRAFORM_REQUIRED_VERSION).toBe('>= 1.10');
    for (const stack of app.stacks) {
      const terraform = app.stackJson(stack).terraform;
      expect({ stack, required_version: terraform.required_version }).toEqual({ stack, required_version: '>= 1.10' });
      expect(terraform.required_providers.aws.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  test('every AWS provider, aliases included, only accepts the configured account', () => {
    const accountId = projectConfig.project.account!.accountId;
    const providers = app.stacks.flatMap((stack) =>
      (app.stackJson(stack).provider.aws as { alias?: string; allowed_account_ids?: string[] }[]).map((p) => ({
        stack,
        alias: p.alias ?? 'default',
        allowed: p.allowed_account_ids,
      })),
    );
    expect(providers.some((p) => p.alias !== 'default')).toBe(true);
    for (const provider of providers) expect(provider).toEqual({ ...provider, allowed: [accountId] });
  });

  test('without an account in the configuration, providers are not pinned', () => {
    const { account: _account, ...project } = config.project;
    const unpinned = synthesizeProject(loadConfig({ ...config, project }, ['dev']));
    for (const stack of unpinned.stacks) {
      for (const provider of unpinned.stackJson(stack).provider.aws) expect(provider.allowed_account_ids).toBeUndefined();
    }
  });
});
