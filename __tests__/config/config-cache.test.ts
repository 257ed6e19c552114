import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigCache } from '../../config/config-cache';
import { config } from '../../config/environments';
import { loadConfig, parseConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';
import { aMinuteLater } from '../support/clock';

/** A file standing for the app's bundle, in a folder of its own. */
function codeFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'config-cache-')), 'app.js');
  fs.writeFileSync(file, '// the app');
  return file;
}

/** parseConfig from a module instance of its own, as a new process loads it, with zod's loads counted in `loads`. */
function freshParseConfig(loads: jest.Mock): typeof parseConfig {
  // A registry of its own, mocks included: jest.isolateModules keeps a mocked module once made.
  jest.resetModules();
  jest.doMock('zod', () => {
    loads();
    return jest.requireActual('zod');
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../config/load') as { parseConfig: typeof parseConfig }).parseConfig;
}

const withAccountId = (accountId: string): ConfigInput => ({
  ...config,
  project: { ...config.project, account: { ...config.project.account!, accountId } },
});

describe('ConfigCache', () => {
  test('a new process of the same code and configuration takes it from the cache, without loading zod', () => {
    const code = codeFile();
    aMinuteLater(() => {
      // GIVEN a first run that validated the configuration
      const loads = jest.fn();
      const validated = freshParseConfig(loads)(config, new ConfigCache(code));
      expect(loads).toHaveBeenCalled();
      loads.mockClear();
      // WHEN the next run asks THEN it gets the same configuration, and zod is never loaded
      const cached = freshParseConfig(loads)(config, new ConfigCache(code));
      expect(loads).not.toHaveBeenCalled();
      // The same values, fields left undefined included, in the same order.
      expect(cached).toStrictEqual(validated);
      expect(JSON.stringify(cached)).toBe(JSON.stringify(validated));
      expect(cached).not.toBe(validated);
    });
  });

  test('the code rebuilt, or another configuration, is validated again', () => {
    const code = codeFile();
    aMinuteLater(() => {
      const loads = jest.fn();
      freshParseConfig(loads)(config, new ConfigCache(code));
      // another configuration (one read from the environment, say)
      loads.mockClear();
      const other = freshParseConfig(loads)(withAccountId('210987654321'), new ConfigCache(code));
      expect([loads.mock.calls.length > 0, other.project.account?.accountId]).toEqual([true, '210987654321']);
      // the code rebuilt: written anew and renamed into place, as the bundle is
      fs.writeFileSync(`${code}.new`, '// the app');
      fs.renameSync(`${code}.new`, code);
      loads.mockClear();
      freshParseConfig(loads)(withAccountId('210987654321'), new ConfigCache(code));
      expect(loads).toHaveBeenCalled();
    });
  });

  test('an invalid configuration is never cached: every run reports it', () => {
    const code = codeFile();
    const cache = () => new ConfigCache(code);
    aMinuteLater(() => {
      const invalid = withAccountId('not-an-account');
      expect(() => parseConfig(invalid, cache())).toThrow(/accountId: "not-an-account" is not an AWS account ID/);
      expect(fs.existsSync(cache().file)).toBe(false);
      expect(() => parseConfig(invalid, cache())).toThrow(/is not an AWS account ID/);
    });
  });

  test('a corrupt cache file is validated over and replaced', () => {
    const code = codeFile();
    const cache = new ConfigCache(code);
    fs.writeFileSync(cache.file, 'not a serialized configuration');
    aMinuteLater(() => {
      expect(loadConfig(config, ['dev'], new ConfigCache(code)).environments.dev.region).toBe('eu-west-1');
      expect(new ConfigCache(code).read(config)).toStrictEqual(parseConfig(config));
    });
  });

  test('code written within two seconds is not cached: it could change again with the same stats', () => {
    const code = codeFile();
    parseConfig(config, new ConfigCache(code));
    expect(fs.existsSync(new ConfigCache(code).file)).toBe(false);
  });

  test('a missing code file, or an input V8 cannot serialize, is validated and not cached', () => {
    const missing = path.join(path.dirname(codeFile()), 'missing.js');
    aMinuteLater(() => {
      parseConfig(config, new ConfigCache(missing));
      expect(fs.existsSync(`${missing}.config-cache`)).toBe(false);
      const code = codeFile();
      const unserializable = { ...config, extra: () => 'a function' } as unknown as ConfigInput;
      expect(new ConfigCache(code).read(unserializable)).toBeUndefined();
      new ConfigCache(code).write(unserializable, parseConfig(config));
      expect(fs.existsSync(new ConfigCache(code).file)).toBe(false);
    });
  });
});
