/** The directory of one test run's temporary files (global-setup.ts creates it, global-teardown.ts removes it). */
export const TEST_RUN_DIR_ENV = 'WEB_STACK_TEST_RUN_DIR';
