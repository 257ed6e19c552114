// Runs the database setup function's setUpDatabase inside the test's network namespace, where
// the MariaDB stand-in for RDS listens. Reads { event, ca, secrets } as JSON on stdin, where
// secrets maps ARN to its values (newest last; an empty list is a secret without a value, as
// Secrets Manager has it), and prints { result, secrets } or { error }.
'use strict';

const fs = require('fs');
const path = require('path');
const { setUpDatabase } = require(path.join(__dirname, '..', '..', '..', 'functions', 'database-setup', 'index.js'));

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const stored = input.secrets;
const secrets = {
  async read(arn) {
    if (!(arn in stored)) throw Object.assign(new Error(`no secret ${arn}`), { name: 'ResourceNotFoundException' });
    return stored[arn].at(-1);
  },
  async write(arn, value) {
    if (!(arn in stored)) throw new Error(`no secret ${arn}`);
    stored[arn].push(value);
  },
};

setUpDatabase(input.event, { secrets, ca: input.ca }).then(
  (result) => process.stdout.write(JSON.stringify({ result, secrets: stored })),
  (error) => process.stdout.write(JSON.stringify({ error: `${error.code ?? ''} ${error.message}`.trim(), secrets: stored })),
);
