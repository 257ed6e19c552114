import { EnvironmentConfig, ProjectConfig } from '../config/schema';
import { RemoteStateProps } from './base-stack';

/** The state object of one stack of one environment: environments/<env>/<stack>.tfstate. */
export function environmentStateKey(environment: string, stack: string): string {
  return `environments/${environment}/${stack}.tfstate`;
}

/** The state object of the state stack itself, once `npm run bootstrap` moved it into the bucket. */
export function stateStackStateKey(): string {
  return 'state/terraform.tfstate';
}

/** The state object of the account stack, one per AWS account: account/terraform.tfstate. */
export function accountStateKey(): string {
  return 'account/terraform.tfstate';
}

/**
 * Where one stack of an environment keeps its state: the project's state bucket, or, when the
 * environment chose remote execution, its own HCP Terraform workspace `<prefix>-<stack name>`.
 */
export function remoteStateFor(
  project: ProjectConfig,
  environment: string,
  stack: string,
  remoteExecution?: EnvironmentConfig['remoteExecution'],
): RemoteStateProps {
  if (remoteExecution) {
    const stackName = stack === 'main' ? environment : `${environment}-${stack}`;
    return {
      kind: 'hcp-terraform',
      organization: remoteExecution.organization,
      hostname: remoteExecution.hostname,
      workspace: `${remoteExecution.workspacePrefix ?? project.name}-${stackName}`,
    };
  }
  return {
    bucket: project.stateBucket.name,
    region: project.stateBucket.region,
    key: environmentStateKey(environment, stack),
  };
}

/** Tags every resource carries: the project's, then the environment's, then the fixed three. */
export function resourceTags(
  project: ProjectConfig,
  environment: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { ...project.tags, ...extra, Project: project.name, Environment: environment, ManagedBy: 'cdktf' };
}

/**
 * What every project stack passes to BaseStack: the configured account, which pins every
 * provider, and the project name, the prefix of every account-wide name.
 */
export function guardRails(project: ProjectConfig): { accountId?: string; namePrefix: string } {
  return { accountId: project.account?.accountId, namePrefix: project.name };
}
