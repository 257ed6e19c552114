import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createCa, createServerCertificate } from '../boot/support/certificates';
import { MariaDb } from '../boot/support/mariadb';
import { BootNamespace } from '../boot/support/namespace';
import { requireBootTestTools } from '../boot/support/processes';

// The database setup function (functions/database-setup) against a real MariaDB that requires
// TLS, as RDS for MySQL 8.4 does, in a private network namespace: the handler's own code runs
// there (support/database-setup-runner.js) with the secrets held in memory. Needs what the boot
// test needs (root, or without it uidmap and the user's subordinate ids; the packages of
// `npm run setup`) and fails without them, so it runs in the boot project (jest.config.js).

const ADDRESS = '127.0.0.3';
const HOST = 'web-dev.c1test.eu-west-1.rds.amazonaws.com';
const MASTER = { arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1-AbCdEf', username: 'wpadmin' };
const APP_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:web-dev-wordpress-db-user-1-AbCdEf';
const RUNNER = path.join(__dirname, 'support', 'database-setup-runner.js');

interface RunOutput {
  result?: { username: string; generated: boolean; changed: boolean };
  error?: string;
  secrets: Record<string, string[]>;
}

describe('database setup function', () => {
  let dir: string;
  let namespace: BootNamespace | undefined;
  let database: MariaDb;
  let rdsCaPem: string;
  let otherCaPem: string;
  let secrets: Record<string, string[]>;
  const event = { masterSecretArn: MASTER.arn, appSecretArn: APP_ARN, host: HOST, database: 'wordpress' };

  const invoke = async (ca: string, input: object = event): Promise<RunOutput> => {
    const { stdout, stderr, code } = await namespace!.run([process.execPath, RUNNER], {
      input: JSON.stringify({ event: input, ca, secrets }),
    });
    if (code !== 0) throw new Error(`the runner exited with ${code}: ${stderr}`);
    const output = JSON.parse(stdout) as RunOutput;
    secrets = output.secrets;
    return output;
  };
  /** Whether MariaDB accepts `password` for the app user, and how the user must connect. */
  const appUser = () =>
    database.query("SELECT CONCAT(user, ' ', ssl_type) FROM mysql.global_priv JOIN mysql.user USING (user, host) WHERE user = 'wordpress'");
  const passwordMatches = (password: string) =>
    database.query(`SELECT authentication_string = PASSWORD('${password}') FROM mysql.user WHERE user = 'wordpress'`);

  beforeAll(async () => {
    requireBootTestTools();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'database-setup-'));
    const [rdsCa, otherCa] = await Promise.all([createCa(dir, 'rds-ca'), createCa(dir, 'other-ca'), MariaDb.initialize(dir)]);
    rdsCaPem = fs.readFileSync(rdsCa.cert, 'utf8');
    otherCaPem = fs.readFileSync(otherCa.cert, 'utf8');
    const certificate = await createServerCertificate(dir, 'database', rdsCa, [HOST]);
    namespace = await BootNamespace.create();
    // The database's name, in the namespace's own view of /etc/hosts (the machine's stays as it is).
    const hosts = path.join(dir, 'hosts');
    fs.writeFileSync(hosts, `127.0.0.1 localhost\n${ADDRESS} ${HOST}\n`);
    await namespace.runOk(['mount', '--bind', hosts, '/etc/hosts']);
    database = await MariaDb.start(namespace, dir, ADDRESS, certificate);
    const masterPassword = crypto.randomBytes(18).toString('base64url');
    await database.query(
      `CREATE USER '${MASTER.username}'@'%' IDENTIFIED BY '${masterPassword}'; GRANT ALL PRIVILEGES ON *.* TO '${MASTER.username}'@'%' WITH GRANT OPTION; CREATE DATABASE wordpress;`,
    );
    // RDS creates the master secret with a value; Terraform creates the app secret without one.
    secrets = { [MASTER.arn]: [JSON.stringify({ username: MASTER.username, password: masterPassword })], [APP_ARN]: [] };
  });

  afterAll(async () => {
    await namespace?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a server certificate from another CA is refused, and nothing is created', async () => {
    const output = await invoke(otherCaPem);
    // The password was generated and stored first, before any connection.
    expect(secrets[APP_ARN]).toHaveLength(1);
    expect(output.error).toMatch(/self-signed certificate in certificate chain|unable to verify|certificate/i);
    expect(await appUser()).toBe('');
  });

  test('a run creates the user, TLS required, with the password generated and stored before anything else', async () => {
    const output = await invoke(rdsCaPem);
    // The run that failed above had already stored the password: this one keeps it.
    expect(output).toMatchObject({ result: { username: 'wordpress', generated: false, changed: true } });
    expect(secrets[APP_ARN]).toHaveLength(1);
    const app = JSON.parse(secrets[APP_ARN][0]);
    expect(app).toEqual({ username: 'wordpress', password: expect.stringMatching(/^[A-Za-z0-9_-]{40}$/) });
    expect(JSON.stringify(output.result)).not.toContain(app.password);
    expect(await appUser()).toBe('wordpress ANY\n');
    expect(await passwordMatches(app.password)).toBe('1\n');
    expect(await database.query("SHOW GRANTS FOR 'wordpress'@'%'")).toContain('GRANT ALL PRIVILEGES ON `wordpress`.* TO `wordpress`@`%`');
  });

  test('a second run changes nothing; a new value in the secret becomes the password', async () => {
    const before = await database.query('CHECKSUM TABLE mysql.global_priv');
    expect(await invoke(rdsCaPem)).toMatchObject({ result: { generated: false, changed: false } });
    expect(await database.query('CHECKSUM TABLE mysql.global_priv')).toBe(before);
    expect(secrets[APP_ARN]).toHaveLength(1);
    // WHEN an operator puts a new password into the secret and the invocation runs again
    const changed = crypto.randomBytes(30).toString('base64url');
    secrets[APP_ARN].push(JSON.stringify({ username: 'wordpress', password: changed }));
    expect(await invoke(rdsCaPem)).toMatchObject({ result: { changed: true } });
    expect(await passwordMatches(changed)).toBe('1\n');
  });

  test('an event without its fields, or with a name that would need quoting, is refused before any connection', async () => {
    expect((await invoke(rdsCaPem, { ...event, host: '' })).error).toBe("event.host is missing; the invocation's input must name it");
    expect((await invoke(rdsCaPem, { ...event, database: 'word`press' })).error).toBe('event.database "word`press" is not a database name');
  });
});
