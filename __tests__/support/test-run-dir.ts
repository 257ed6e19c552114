/** The directory of one test run's temporary files (global-setup.ts creates it, global-teardown.ts removes it). */
export const TEST_RUN_DIR_ENV = 'WEB_STACK_TEST_RUN_DIR';
/** The plan store folder of one test run (harness/plan-store.ts): global-setup.ts seeds from it, global-teardown.ts keeps the run's plans in it. */
export const PLAN_STORE_DIR_ENV = 'WEB_STACK_RUN_PLAN_STORE';
