// Three projects with their own timeouts, so a hung unit test fails in seconds instead of
// inheriting the plan tests' five minutes: `npx jest --selectProjects unit` (or plan, boot).
const transform = {
  // swc strips the types file by file (as tsconfig's isolatedModules allows), several times faster than
  // ts-jest on a cold cache; type-checking is `npm run typecheck`'s job.
  '^.+\\.ts$': [
    '@swc/jest',
    { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
  ],
};
const project = (displayName, testMatch, testTimeout, testPathIgnorePatterns = []) => ({
  displayName,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/__tests__'],
  testMatch,
  testPathIgnorePatterns: ['/node_modules/', ...testPathIgnorePatterns],
  transform,
  // jest honours testTimeout only at the root; the setup file applies this one (project-timeout.ts).
  globals: { PROJECT_TEST_TIMEOUT_MS: testTimeout },
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/project-timeout.ts'],
});

// Tests that need what the boot test needs (root or subordinate ids, MariaDB, namespaces) run with it.
const BOOT_TESTS = ['/__tests__/boot/', '/__tests__/functions/database-setup\\.test\\.ts$'];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    // Pure code, single-construct and whole-app synths: seconds each, a minute on a busy machine.
    project('unit', ['**/*.test.ts'], 60_000, ['\\.plan\\.test\\.ts$', ...BOOT_TESTS]),
    // Real terraform init/plan (and s3rver, npm pack): minutes on a busy 2-core machine.
    project('plan', ['**/*.plan.test.ts'], 300_000, BOOT_TESTS),
    // The WordPress boot script, and the database setup function, against MariaDB (and PHP) in
    // their own namespaces: root, or without it the uidmap tools and the user's subordinate ids.
    project('boot', ['<rootDir>/__tests__/boot/**/*.test.ts', '<rootDir>/__tests__/functions/database-setup.test.ts'], 300_000),
  ],
  // Runs the files that read plan fixtures last and names the fixtures for the plan prewarm.
  testSequencer: '<rootDir>/__tests__/support/plan-sequencer.js',
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/__tests__/support/summary-reporter.js'],
  maxWorkers: 2,
};
