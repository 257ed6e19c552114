import type { z } from 'zod';
import { WebStackError } from '../core/errors';
import type { ConfigCache } from './config-cache';
import type { Config, ConfigInput, EnvironmentConfig, ProjectConfig } from './schema';

/** Validated configuration narrowed to the environments chosen for this run. */
export interface LoadedConfig {
  readonly project: ProjectConfig;
  /** The chosen environments by name, in the order they were asked for. */
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      // A rejected record key carries the key schema's own messages inside it.
      const message = issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join('; ') : issue.message;
      return `  ${field || '(root)'}: ${message}`;
    })
    .join('\n');
}

/**
 * Validates raw configuration, or throws one WebStackError listing every problem. With a
 * `cache`, a configuration validated by an earlier run of the same code is taken from it.
 */
export function parseConfig(input: ConfigInput, cache?: ConfigCache): Config {
  const cached = cache?.read(input);
  if (cached !== undefined) return cached;
  // Loaded only to validate: zod and the schemas take about 17 ms to load and build, which a run
  // that finds the configuration in its cache does without.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; `import()` would make the synth asynchronous
  const { configSchema } = require('./schema') as typeof import('./schema');
  const result = configSchema.safeParse(input);
  if (!result.success) {
    throw new WebStackError(`Invalid configuration (config/environments.ts):\n${formatIssues(result.error.issues)}`);
  }
  cache?.write(input, result.data);
  return result.data;
}

/**
 * Parses a comma-separated list of environment names, as given in WEB_STACK_ENVIRONMENTS.
 * Empty or unset means all environments.
 */
export function parseEnvironmentList(value: string | undefined): string[] | undefined {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.length > 0 ? names : undefined;
}

/**
 * Validates the whole configuration, then keeps the requested environments.
 * Every environment is validated even when only one is chosen, so a broken `prod` block
 * is caught while working on `dev`.
 */
export function loadConfig(input: ConfigInput, selected?: readonly string[], cache?: ConfigCache): LoadedConfig {
  const config = parseConfig(input, cache);
  const known = Object.keys(config.environments);
  const names = selected ?? known;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new WebStackError(
      `Unknown environment ${unknown.map((n) => JSON.stringify(n)).join(', ')} in WEB_STACK_ENVIRONMENTS; known environments are ${known.join(', ')}. Pick one of these or add the environment to config/environments.ts.`,
    );
  }
  const environments: Record<string, EnvironmentConfig> = {};
  for (const name of names) {
    environments[name] = config.environments[name];
  }
  return { project: config.project, environments };
}
