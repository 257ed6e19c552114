import { buildApp } from '../../main';
import { config } from '../../config/environments';
import { loadConfig, LoadedConfig } from '../../config/load';
import { SynthesizedApp, synthesizeToTemp } from '../../harness/synth';

/** The project's own configuration, validated, every environment. */
export const projectConfig: LoadedConfig = loadConfig(config);

/** Synthesizes the project's app (or a variant of its configuration) into a temporary directory. */
export function synthesizeProject(loaded: LoadedConfig = projectConfig): SynthesizedApp {
  return synthesizeToTemp((outdir) => buildApp(loaded, outdir));
}
