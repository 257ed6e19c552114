import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BootNamespace, waitFor } from './namespace';
import { run, runOk } from './processes';
import { ServerCertificate } from './certificates';

/**
 * Debian's MariaDB in a temporary directory, on its own socket and on port 3306 of one loopback
 * address inside the namespace, with TLS from `certificate` and secure transport required, as
 * RDS for MySQL 8.4 does by default.
 */
export class MariaDb {
  private constructor(public readonly socket: string) {}

  /** `mariadb-install-db` into `dir`; run it early, it is the slow part. */
  static async initialize(dir: string): Promise<void> {
    await runOk('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${path.join(dir, 'data')}`,
      '--auth-root-authentication-method=socket',
      // Only root@localhost, also without root on the host (it would add the user's own account,
      // and MariaDB then answers an unknown user with error 1698 instead of RDS's 1045).
      '--auth-root-socket-user=root',
      '--skip-test-db',
      // As whoever runs the test; the server runs as the namespace's root, the same user.
      `--user=${os.userInfo().username}`,
    ]);
  }

  static async start(namespace: BootNamespace, dir: string, address: string, certificate: ServerCertificate): Promise<MariaDb> {
    const socket = path.join(dir, 'mysqld.sock');
    const errorLog = path.join(dir, 'error.log');
    const server = namespace.spawn([
      'mariadbd',
      '--no-defaults',
      `--datadir=${path.join(dir, 'data')}`,
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      `--bind-address=${address}`,
      '--port=3306',
      '--user=root',
      '--skip-name-resolve',
      '--skip-log-bin',
      `--log-error=${errorLog}`,
      `--ssl-cert=${certificate.cert}`,
      `--ssl-key=${certificate.key}`,
      '--require-secure-transport=ON',
      '--innodb-buffer-pool-size=32M',
      '--innodb-log-file-size=16M',
      '--performance-schema=OFF',
    ]);
    const database = new MariaDb(socket);
    await waitFor('MariaDB to accept connections', async () => {
      if (server.exitCode !== null) {
        throw new Error(`mariadbd exited with ${server.exitCode}:\n${fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : ''}`);
      }
      return (
        fs.existsSync(socket) && (await run('mariadb', ['--no-defaults', '--user=root', `--socket=${socket}`, '-e', 'SELECT 1'])).code === 0
      );
    });
    return database;
  }

  /**
   * Runs SQL as root over the socket; returns tab-separated rows without headers. The server, in
   * the namespace, sees the client as its root also when the test runs without root on the host.
   */
  query(sql: string): Promise<string> {
    return runOk('mariadb', ['--no-defaults', '--user=root', `--socket=${this.socket}`, '--batch', '--skip-column-names', '-e', sql]);
  }
}
