import { App } from 'cdktf';
import { config } from './config/environments';
import { loadConfig, LoadedConfig, parseEnvironmentList } from './config/load';
import { EnvironmentStack } from './stacks/environment-stack';
import { StateStack } from './stacks/state-stack';

/** Builds every stack of the chosen environments into an App. Nothing is written yet. */
export function buildApp(loaded: LoadedConfig, outdir?: string): App {
  const app = new App({ outdir, skipValidation: false });
  new StateStack(app, loaded.project);
  for (const [environment, environmentConfig] of Object.entries(loaded.environments)) {
    new EnvironmentStack(app, environment, loaded.project, environmentConfig);
  }
  return app;
}

/** Reads configuration, validates it, builds the stacks and only then writes them. */
export function synthesize(outdir?: string, environmentList = process.env.WEB_STACK_ENVIRONMENTS): App {
  const loaded = loadConfig(config, parseEnvironmentList(environmentList));
  const app = buildApp(loaded, outdir);
  app.synth();
  return app;
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
