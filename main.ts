import { App } from 'cdktf';
import { config } from './config/environments';
import { ConfigCache } from './config/config-cache';
import { loadConfig, LoadedConfig, parseEnvironmentList } from './config/load';
import { AccountStack } from './stacks/account-stack';
import { EnvironmentStack } from './stacks/environment-stack';
import { WebStackError } from './core/errors';
import { STATE_BACKENDS, StateBackend, StateStack } from './stacks/state-stack';
import { stageOutput } from './stacks/synthesize';
import { WebsiteStack } from './stacks/website-stack';

/** What the app is synthesized for, beyond the configuration. */
export interface BuildOptions {
  /**
   * The state stack's own backend: `local` for the first apply of `npm run bootstrap`.
   *
   * @default 's3'
   */
  readonly stateBackend?: StateBackend;
}

/** Environment variable that switches the state stack's backend (`local` or `s3`). */
export const STATE_BACKEND_ENV = 'WEB_STACK_STATE_BACKEND';

/** The state backend asked for by WEB_STACK_STATE_BACKEND; unset means `s3`. */
export function parseStateBackend(value: string | undefined): StateBackend {
  if (value === undefined || value === '') return 's3';
  if (!(STATE_BACKENDS as readonly string[]).includes(value)) {
    throw new WebStackError(
      `${STATE_BACKEND_ENV} "${value}": use "local" (only for the first apply of the state stack, as npm run bootstrap does) or "s3", or leave it unset`,
    );
  }
  return value as StateBackend;
}

/** Builds every stack of the chosen environments into an App. Nothing is written yet. */
export function buildApp(loaded: LoadedConfig, outdir?: string, options: BuildOptions = {}): App {
  // No stack traces in annotations: they hold absolute paths, so a policy warning would make
  // manifest.json depend on where the app was synthesized from.
  const app = new App({ outdir, skipValidation: false, stackTraces: false });
  new StateStack(app, loaded.project, options.stateBackend);
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
        remoteExecution: environmentConfig.remoteExecution,
      });
    }
  }
  return app;
}

/**
 * Reads configuration, validates it (or takes it from `configCache`), builds the stacks and only
 * then writes them. Returns the output directory.
 */
export function synthesize(
  outdir?: string,
  environmentList = process.env.WEB_STACK_ENVIRONMENTS,
  stateBackend = process.env[STATE_BACKEND_ENV],
  configCache?: ConfigCache,
): string {
  const loaded = loadConfig(config, parseEnvironmentList(environmentList), configCache);
  const options: BuildOptions = { stateBackend: parseStateBackend(stateBackend) };
  // synthesizeAtomically's steps written out, so the stacks are built two calls nearer the
  // event loop: cdktf formats the whole call stack of each of the app's 1,300 tokens, and
  // synthesizeAtomically with its callback were two frames of the 17 each had.
  const staged = stageOutput(outdir);
  try {
    buildApp(loaded, staged.dir, options).synth();
  } catch (error) {
    staged.discard();
    throw error;
  }
  return staged.commit();
}

/** How the app command runs the app. */
export interface MainOptions {
  /**
   * The one file that holds all of the app's code, configuration included (the app command's
   * bundle): the validated configuration is kept beside it and reused while neither changes
   * (`config/config-cache.ts`).
   *
   * @default - the configuration is validated at every run
   */
  readonly codeFile?: string;
}

/** Entry point of the app command: synthesizes, or prints one readable paragraph and exits 1. */
export function main(options: MainOptions = {}): void {
  try {
    synthesize(undefined, undefined, undefined, options.codeFile === undefined ? undefined : new ConfigCache(options.codeFile));
  } catch (error) {
    // The message already names the field and the fix; a stack trace would bury it.
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main();
}
