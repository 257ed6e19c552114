// ESLint flat config: typescript-eslint's recommended rules for the TypeScript sources, the same
// core rules for the CommonJS files (app command, launcher, Lambda handlers, jest config).
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
