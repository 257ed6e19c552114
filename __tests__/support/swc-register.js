// Lets plain `node` require the TypeScript sources, compiled by the same transformer, with the same
// options, as jest compiles them (jest.config.js): a process started by the tests (the plan
// prewarm, plan-prewarm.ts) then runs the very code the test files run and synthesizes the same
// bytes. Load it with `node -r`.
'use strict';
const fs = require('fs');
const { createTransformer } = require('@swc/jest');
const jestConfig = require('../../jest.config.js');

const [[pattern, [name, options]]] = Object.entries(jestConfig.projects[0].transform);
if (name !== '@swc/jest') throw new Error(`swc-register.js expects jest to transform with @swc/jest, not ${name}`);
const transformer = createTransformer(options);
const matches = new RegExp(pattern);

// require.extensions is deprecated for packages to use, but it is the hook Node's CommonJS loader
// still consults, and the one ts-node and @swc/register install.
require.extensions['.ts'] = (module, filename) => {
  if (!matches.test(filename)) throw new Error(`jest.config.js does not transform ${filename}`);
  const { code } = transformer.process(fs.readFileSync(filename, 'utf8'), filename, { supportsStaticESM: false });
  module._compile(code, filename);
};
