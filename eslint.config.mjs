// ESLint flat config: typescript-eslint's recommended rules for the TypeScript sources, the same
// core rules for the CommonJS files (app command, launcher, Lambda handlers, jest config).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Imports a folder must not make: each layer sees only the layers below it (see docs/reuse.md, "Layers"). */
function layer(files, forbidden, why) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        // Relative paths only: `constructs` alone is also the name of an npm package.
        { patterns: [{ regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`, message: why }] },
      ],
    },
  };
}

/**
 * The deep paths into a package that are its public API: documented import paths, and files a
 * package's `exports` map or `bin` names. Every other path below a package's name is private.
 */
const PUBLIC_DEEP_PATHS = [
  // The provider bindings document one import path per resource (STYLE.md, "Small habits").
  '@cdktf/provider-aws/lib/[^/]+',
  // In the package's exports map.
  'eslint/config',
  'mysql2/promise',
  '(?:@[^/]+/)?[^/]+/package\\.json',
  // Commands, as the package's `bin` (and for jest its exports map) names them.
  'typescript/bin/tsc',
  'jest/bin/jest',
];
/**
 * A bare module specifier that reaches below a package's name into a private file, such as
 * `cdktf/lib/synthesize/synthesizer`; Node's own modules (`fs/promises`) are not packages.
 */
const PRIVATE_DEEP_PATH = `^(?!node:|\\.|/)(?!(?:${builtinModules.join('|')})(?:/|$))(?!(?:${PUBLIC_DEEP_PATHS.join('|')})$)(?:@[^/]+/[^/]+|[^@/][^/]*)/.+`;
const PRIVATE_DEEP_PATH_MESSAGE =
  "Import cdktf and every other package through its public entry or a documented deep path (such as '@cdktf/provider-aws/lib/<resource>'): a private path like cdktf/lib/... changes without notice in any release and breaks on CDK Terrain (docs/dependencies.md). If the path is public (in the package's exports map or docs), add it to PUBLIC_DEEP_PATHS in eslint.config.mjs.";
// esquery (no-restricted-syntax) reads a regular expression up to the next '/', so the slashes are escaped.
const PRIVATE_DEEP_PATH_SELECTOR_REGEX = `/${PRIVATE_DEEP_PATH.replaceAll('/', '\\x2F')}/`;

// Node's globals for plain .js files (TypeScript files get them from @types/node).
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'structuredClone',
    'fetch',
    'AbortController',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: [
      'dist/',
      'cdktf.out/',
      'node_modules/',
      'coverage/',
      'bench-results/',
      'examples/dist/',
      'examples/**/cdktf.out/',
      '**/.terraform/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Synthesized Terraform JSON and plan JSON are untyped documents; `any` is how the code reads them.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycles anywhere: a cycle makes load order decide which value is still undefined.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Public API only (docs/dependencies.md). A rule of its own name, so that the layer rules
    // below, which set no-restricted-imports per folder, do not replace it.
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: PRIVATE_DEEP_PATH, message: PRIVATE_DEEP_PATH_MESSAGE }] },
      ],
      // The same for require(), require.resolve(), jest.mock() and import(), which that rule does not see.
      'no-restricted-syntax': [
        'error',
        ...[
          `CallExpression:matches([callee.name="require"], [callee.object.name="require"], [callee.object.name="jest"]):matches([arguments.0.value=${PRIVATE_DEEP_PATH_SELECTOR_REGEX}], [arguments.0.quasis.0.value.cooked=${PRIVATE_DEEP_PATH_SELECTOR_REGEX}])`,
          `ImportExpression:matches([source.value=${PRIVATE_DEEP_PATH_SELECTOR_REGEX}], [source.quasis.0.value.cooked=${PRIVATE_DEEP_PATH_SELECTOR_REGEX}])`,
        ].map((selector) => ({ selector, message: PRIVATE_DEEP_PATH_MESSAGE })),
      ],
    },
  },
  layer(
    ['core/**/*.ts'],
    ['constructs', 'policy', 'config', 'stacks', 'scripts', 'harness', 'examples'],
    'core/ is the leaf both constructs/ and policy/ build on: it imports nothing of the project.',
  ),
  layer(
    ['constructs/**/*.ts'],
    ['config', 'stacks', 'scripts', 'examples', 'policy', 'harness'],
    'constructs/ are the reusable library: they take props, never read the project configuration, stacks, tools or examples (errors and suppressions live in core/).',
  ),
  layer(
    ['policy/**/*.ts'],
    ['stacks', 'config', 'scripts', 'examples'],
    'policy/ checks any synthesized stack; it must not know the project stacks.',
  ),
  layer(
    ['config/**/*.ts'],
    ['stacks', 'scripts', 'policy', 'harness'],
    'config/ shapes the configuration file; stacks read it, not the other way round.',
  ),
  {
    // constructs/private/ is not API: only constructs/ (and the tests that mirror it) import it.
    files: ['**/*.ts'],
    ignores: ['constructs/**', '__tests__/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: '.',
              from: './constructs/private',
              message:
                'constructs/private/ is not API; import what you need from the library entry (index.ts), and make it public there if it is missing.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
