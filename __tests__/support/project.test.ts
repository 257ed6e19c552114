import * as path from 'path';
import { config } from '../../config/environments';
import { loadConfig, LoadedConfig } from '../../config/load';
import { projectConfig, synthesizeProject } from './project';
import { TEST_RUN_DIR_ENV } from './test-run-dir';

describe('synthesizeProject', () => {
  test('synthesizes a configuration once per run and shares the output, in the run directory', () => {
    const first = synthesizeProject();
    // An equal configuration loaded again is the same synthesis.
    const again = synthesizeProject(loadConfig(config));
    expect(again.outdir).toBe(first.outdir);
    expect(path.dirname(path.dirname(first.outdir))).toBe(process.env[TEST_RUN_DIR_ENV]);
    expect(first.stacks).toEqual(expect.arrayContaining(['dev', 'prod']));
    expect(again.stackJson('dev')).toEqual(first.stackJson('dev'));
  });

  test('a different configuration is synthesized on its own', () => {
    const devOnly = synthesizeProject(loadConfig(config, ['dev']));
    expect(devOnly.outdir).not.toBe(synthesizeProject(projectConfig).outdir);
    expect(devOnly.stacks).not.toContain('prod');
  });

  test('a configuration JSON cannot carry whole is synthesized each time, never shared', () => {
    // A function would vanish from the key: two configurations differing only there would collide.
    const withFunction = { ...projectConfig, describe: () => 'not data' } as LoadedConfig;
    expect(synthesizeProject(withFunction).outdir).not.toBe(synthesizeProject(withFunction).outdir);
  });
});
