import * as fs from 'fs';
import * as path from 'path';
import * as entry from '../index';

const root = path.resolve(__dirname, '..');
const source = fs.readFileSync(path.join(root, 'index.ts'), 'utf8');
const reexported = [...source.matchAll(/^export \* from '\.\/([^']+)';$/gm)].map((match) => match[1]);

function publicModules(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => `${dir}/${file.replace(/\.ts$/, '')}`)
    .sort();
}

describe('public entry point (index.ts)', () => {
  test('re-exports every public module of constructs/, so a new construct cannot be forgotten', () => {
    const missing = publicModules('constructs').filter((module) => !reexported.includes(module));
    expect(missing).toEqual([]);
  });

  test('re-exports the policy pack when policy/index.ts exists', () => {
    expect(reexported.includes('policy')).toBe(fs.existsSync(path.join(root, 'policy', 'index.ts')));
  });

  test('exports nothing from stacks/, config/, main.ts or constructs/private/', () => {
    const outside = reexported.filter((module) => !/^(constructs|core)\/[^/]+$/.test(module) && module !== 'policy');
    expect(outside).toEqual([]);
    expect(source).not.toMatch(/from '\.\/(stacks|config|main|harness|scripts)/);
    expect(entry).not.toHaveProperty('EnvironmentStack');
    expect(entry).not.toHaveProperty('synthesize');
  });

  test('every runtime export of each re-exported module reaches the entry point unchanged', () => {
    for (const module of reexported) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exports = require(path.join(root, module)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        expect([module, name, (entry as Record<string, unknown>)[name]]).toEqual([module, name, value]);
      }
    }
  });

  test('the constructs consumers compose are classes on the entry point', () => {
    for (const name of ['Network', 'BastionHost', 'SecurityGroup', 'Connections', 'Port', 'Peer', 'StateBucket', 'WebStackError']) {
      expect(typeof (entry as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
