import { App } from 'cdktf';
import { config } from './config/environments';
import { loadConfig, LoadedConfig, parseEnvironmentList } from './config/load';
import { AccountStack } from './stacks/account-stack';
import { EnvironmentStack } from './stacks/environment-stack';
import { StateStack } from './stacks/state-stack';
import { synthesizeAtomically } from './stacks/synthesize';
import { WebsiteStack } from './stacks/website-stack';

/** Builds every stack of the chosen environments into an App. Nothing is written yet. */
export function buildApp(loaded: LoadedConfig, outdir?: string): App {
  const app = new App({ outdir, skipValidation: false });
  new StateStack(app, loaded.project);
  if (loaded.project.account) {
    new AccountStack(app, loaded.project, loaded.project.account);
  }
  for (const [environment, environmentConfig] of Object.entries(loaded.environments)) {
    new EnvironmentStack(app, environment, loaded.project, environmentConfig);
    if (environmentConfig.website) {
      new WebsiteStack(app, {
        environment,
        project: loaded.project,
        region: environmentConfig.region,
        tags: environmentConfig.tags,
        website: environmentConfig.website,
      });
    }
  }
  return app;
}

/**
 * Reads configuration, validates it, builds the stacks and only then writes them.
 * Returns the output directory.
 */
export function synthesize(outdir?: string, environmentList = process.env.WEB_STACK_ENVIRONMENTS): string {
  const loaded = loadConfig(config, parseEnvironmentList(environmentList));
  return synthesizeAtomically((staging) => buildApp(loaded, staging), outdir);
}

/** Entry point of the app command: synthesizes, or prints one readable paragraph and exits 1. */
export function main(): void {
  try {
    synthesize();
  } catch (error) {
    // The message already names the field and the fix; a stack trace would bury it.
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main();
}
