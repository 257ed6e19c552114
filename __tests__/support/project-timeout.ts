// jest reads `testTimeout` from the root configuration only, so each project of jest.config.js
// passes its own through `globals` and sets it here, before its tests are defined.
declare const PROJECT_TEST_TIMEOUT_MS: number;

jest.setTimeout(PROJECT_TEST_TIMEOUT_MS);
