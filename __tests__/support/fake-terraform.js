#!/usr/bin/env node
// A stand-in for the terraform binary (TERRAFORM_BINARY) in tests of who plans a stack and how
// often: the plan cache's locks and the plan prewarm. It appends each command to
// $FAKE_TERRAFORM_LOG as "<working directory name> <arguments>", and `show -json` prints an empty
// plan; `version -json` names $FAKE_TERRAFORM_VERSION (default 1.11.4). What a real plan holds is tested with real terraform (plan-batch.plan.test.ts).
//   FAKE_TERRAFORM_FAIL=<command>  that command exits 1, with an error diagnostic as plan -json gives
//   FAKE_TERRAFORM_DELAY_MS=<ms>   plan takes this long, so that others can be seen waiting
//   FAKE_TERRAFORM_SHOW_DIR=<dir>  `show -json` prints <dir>/<working directory name>.json when it
//                                  exists (a plan with changes, for the deploy's confirmation)
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const command = args[0];
if (process.env.FAKE_TERRAFORM_LOG) {
  fs.appendFileSync(process.env.FAKE_TERRAFORM_LOG, `${path.basename(process.cwd())} ${args.join(' ')}\n`);
}
if (process.env.FAKE_TERRAFORM_FAIL === command) {
  const diagnostic = { severity: 'error', summary: 'Fake failure', detail: `the fake terraform fails ${command}` };
  process.stdout.write(`${JSON.stringify({ type: 'diagnostic', diagnostic })}\n`);
  process.exit(1);
}
const done = () => {
  if (command === 'version') {
    process.stdout.write(JSON.stringify({ terraform_version: process.env.FAKE_TERRAFORM_VERSION ?? '1.11.4', platform: 'linux_amd64' }));
  }
  const shown =
    process.env.FAKE_TERRAFORM_SHOW_DIR && path.join(process.env.FAKE_TERRAFORM_SHOW_DIR, `${path.basename(process.cwd())}.json`);
  if (command === 'show' && shown && fs.existsSync(shown)) {
    process.stdout.write(fs.readFileSync(shown, 'utf8'));
  } else if (command === 'show') {
    process.stdout.write(JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} } }));
  }
};
if (command === 'plan') setTimeout(done, Number(process.env.FAKE_TERRAFORM_DELAY_MS ?? 0));
else done();
