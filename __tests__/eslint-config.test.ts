import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// The layer rules live in eslint.config.mjs; these tests lint real sources with one import added,
// through ESLint's own API and the project's config (what `npm run lint` runs), so a rule that
// stops matching fails here.
const root = path.resolve(__dirname, '..');

interface Probe {
  readonly file: string;
  readonly extra: string;
}

// ESLint's config is an ES module, which jest's CommonJS runtime cannot import; one child process
// lints every probe, so the config and the import graph are loaded once.
const LINT_PROBES = `
import { ESLint } from 'eslint';
const probes = JSON.parse(await new Response(process.stdin).text());
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.text, { filePath: probe.file });
  out.push([...new Set(result.messages.map((m) => m.ruleId ?? 'parse-error: ' + m.message))].sort());
}
process.stdout.write(JSON.stringify(out));
`;

/** The rule IDs ESLint reports for each probe: the file's current text plus the extra lines. */
function lint(probes: readonly Probe[]): Promise<string[][]> {
  const input = probes.map((probe) => ({
    file: probe.file,
    text: `${fs.readFileSync(path.join(root, probe.file), 'utf8')}\n${probe.extra}\n`,
  }));
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', LINT_PROBES],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
    child.stdin?.end(JSON.stringify(input));
  });
}

const forbidden: Array<[string, string, string]> = [
  ['constructs/web-servers.ts', '../config/load', 'loadConfig'],
  ['constructs/private/cidr.ts', '../../config/stack-names', 'STATE_STACK_NAME'],
  ['constructs/network.ts', '../stacks/environment-stack', 'EnvironmentStack'],
  ['constructs/port.ts', '../scripts/cli/errors', 'CommandError'],
  ['constructs/peer.ts', '../policy/policy-checks', 'enablePolicyChecks'],
  ['policy/engine.ts', '../stacks/environment-stack', 'EnvironmentStack'],
  ['core/suppressions.ts', '../constructs/port', 'Port'],
];
const probes: Probe[] = [
  { file: 'constructs/web-servers.ts', extra: '' },
  ...forbidden.map(([file, from, name]) => ({ file, extra: `import { ${name} } from '${from}';\nexport const probe = ${name};` })),
  // policy-checks imports the engine, so the engine importing policy-checks closes a loop.
  { file: 'policy/engine.ts', extra: "import { enablePolicyChecks } from './policy-checks';\nexport const probe = enablePolicyChecks;" },
];
// constructs/private/ from outside constructs/ (its tests excepted), and from inside, where it is allowed.
const privateImports: Array<[string, string, string, boolean]> = [
  ['config/network.ts', '../constructs/private/domain-name', 'findHostNameProblem', false],
  ['stacks/website-stack.ts', '../constructs/private/render-template', 'renderTemplate', false],
  ['scripts/cost/prices.ts', '../../constructs/private/cidr', 'parseIpv4Cidr', false],
  ['constructs/static-website.ts', './private/domain-name', 'findHostNameProblem', true],
];
const privateProbes: Probe[] = privateImports.map(([file, from, name]) => ({
  file,
  extra: `import { ${name} } from '${from}';\nexport const probe = ${name};`,
}));
// Public API only: every form of import of a package's private path, and the deep paths that are public.
const privatePaths: Array<[string, string]> = [
  [
    'policy/policy-checks.ts',
    "import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';\nexport const probe = addCustomSynthesis;",
  ],
  // In a folder whose layer rule also sets no-restricted-imports: both hold.
  ['constructs/port.ts', "export { resolve } from 'cdktf/lib/_tokens';"],
  ['stacks/base-stack.ts', "import { Vpc } from '@cdktf/provider-aws/lib/vpc/index-structs';\nexport const probe = Vpc;"],
  ['main.ts', "export const probe = require('cdktf/lib/tokens/private/stack-trace');"],
  ['harness/synth.ts', "export const probe = require.resolve(`cdktf/lib/${'private/fs'}.js`);"],
  ['scripts/app.js', "require('@cdktf/provider-aws/lib/vpc/index.js');"],
  ['__tests__/index.test.ts', "jest.mock('constructs/lib/private/uniqueid');"],
  ['harness/plan-json.ts', "export const probe = import('cdktf/lib/app');"],
];
const publicPaths =
  "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nimport { readFile } from 'fs/promises';\nimport { defineConfig } from 'eslint/config';\nimport { App } from 'cdktf';\nimport js from '@eslint/js';\n" +
  "export const probe = [Vpc, readFile, defineConfig, App, require.resolve('typedoc/package.json'), require.resolve('typescript/bin/tsc'), js];";
const privatePathRules = ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];
const firstPrivatePathProbe = probes.length;
probes.push(...privatePaths.map(([file, extra]) => ({ file, extra })), { file: 'stacks/base-stack.ts', extra: publicPaths });
let results: string[][];
let privateResults: string[][];

beforeAll(async () => {
  const all = await lint([...probes, ...privateProbes]);
  results = all.slice(0, probes.length);
  privateResults = all.slice(probes.length);
});

describe('lint enforces the layers', () => {
  test('a source as it is passes the layer and cycle rules', () => {
    expect(results[0]).toEqual([]);
  });

  test.each(forbidden.map(([file, from], index) => [file, from, index + 1] as const))('%s may not import %s', (_file, _from, index) => {
    expect(results[index]).toContain('no-restricted-imports');
  });

  test('an import that closes a cycle is an error', () => {
    expect(results[firstPrivatePathProbe - 1]).toContain('import-x/no-cycle');
  });
});

describe("lint allows only packages' public API", () => {
  test.each(privatePaths.map(([file, extra], index) => [file, extra.split('\n')[0], firstPrivatePathProbe + index] as const))(
    '%s may not load %s',
    (_file, _line, index) => {
      expect(results[index].filter((rule) => privatePathRules.includes(rule))).toHaveLength(1);
    },
  );

  test('the layer rule still holds in a folder that also forbids private paths', () => {
    expect(results[forbidden.findIndex(([file]) => file === 'constructs/port.ts') + 1]).toContain('no-restricted-imports');
  });

  test('package entries, documented deep paths, exported subpaths and Node modules pass', () => {
    expect(results[probes.length - 1]).toEqual([]);
  });
});

describe('lint keeps constructs/private/ private', () => {
  test.each(privateImports.map(([file, from, , allowed], index) => [file, from, allowed, index] as const))(
    '%s importing %s: allowed %s',
    (_file, _from, allowed, index) => {
      if (allowed) {
        expect(privateResults[index]).toEqual([]);
      } else {
        expect(privateResults[index]).toContain('import-x/no-restricted-paths');
      }
    },
  );
});
