import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { config } from '../../config/environments';
import { loadConfig, LoadedConfig } from '../../config/load';
import { readSynthesizedApp, SynthesizedApp, synthesizeToTemp } from '../../harness/synth';
import { TEST_RUN_DIR_ENV } from './test-run-dir';

/** The project's own configuration, validated, every environment. */
export const projectConfig: LoadedConfig = loadConfig(config);

/** True for what JSON keeps whole: plain objects, arrays, strings, numbers, booleans, null (undefined fields are dropped). */
function isPlainData(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  // Any realm's plain object (structuredClone makes them in the host's, not jest's): one
  // prototype, whose own prototype is null. A class instance has a longer chain.
  const proto = Object.getPrototypeOf(value);
  return typeof value === 'object' && (proto === null || Object.getPrototypeOf(proto) === null) && Object.values(value).every(isPlainData);
}

function synthesize(loaded: LoadedConfig): SynthesizedApp {
  // Loaded here, not at the top: a test file that only reads a shared synthesis never pays for
  // compiling and running the app's modules (cdktf, the provider bindings), about a second each.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require('../../main') as typeof import('../../main');
  return synthesizeToTemp((outdir) => buildApp(loaded, outdir));
}

/**
 * Synthesizes the project's app (or a variant of its configuration). Within a jest run each
 * configuration is synthesized once and shared by every test file and worker: a dozen files
 * synthesize the project as configured. The output lands in the run's directory
 * (global-setup.ts), keyed by the configuration; treat it as read-only.
 */
export function synthesizeProject(loaded: LoadedConfig = projectConfig): SynthesizedApp {
  const runDir = process.env[TEST_RUN_DIR_ENV];
  // A configuration JSON cannot carry whole (a function, a class instance) is not shared.
  if (!runDir || !isPlainData(loaded)) return synthesize(loaded);
  const shared = path.join(runDir, 'project-synth', crypto.createHash('sha256').update(JSON.stringify(loaded)).digest('hex').slice(0, 20));
  if (fs.existsSync(shared)) return readSynthesizedApp(shared);
  const own = synthesize(loaded);
  fs.mkdirSync(path.dirname(shared), { recursive: true });
  try {
    // Atomic: a reader sees no directory or a complete one. Two workers racing both synthesize;
    // the second rename finds the directory taken and that worker reads the first one's.
    fs.renameSync(own.outdir, shared);
  } catch (error) {
    if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    fs.rmSync(own.outdir, { recursive: true, force: true });
  }
  return readSynthesizedApp(shared);
}
