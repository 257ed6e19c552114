import type { BootFile, BootFiles } from '../boot-files';
import type { Database } from '../database';
import type { DatabaseSetup } from '../database-setup';
import type { FileSystem } from '../file-system';
import type { RuntimeSecret } from '../runtime-secret';
import type { WebServers } from '../web-servers';

/** The parts of a WordPress site whose access to each other `wireWordPressAccess` opens. */
export interface WordPressParts {
  readonly webServers: WebServers;
  readonly database: Database;
  readonly fileSystem: FileSystem;
  readonly databaseSetup: DatabaseSetup;
  readonly bootFiles: BootFiles;
  readonly caBundle: BootFile;
  readonly adminSecret: RuntimeSecret;
  readonly databaseUserSecret: RuntimeSecret;
}

/**
 * Grants the web servers what they need and nothing more, and makes them launch after it: they
 * read the CA bundle and the app user's secret and write only the administrator's; never the
 * master secret. They launch after their grants and after the database user exists. The network
 * opens MySQL and NFS from the web servers only.
 */
export function wireWordPressAccess(parts: WordPressParts): void {
  const { webServers } = parts;
  webServers.addLaunchDependency(
    parts.databaseSetup.invocation,
    parts.bootFiles.grantRead(webServers, parts.caBundle),
    parts.databaseUserSecret.grantRead(webServers),
    parts.adminSecret.grantRead(webServers),
    parts.adminSecret.grantWrite(webServers),
  );

  parts.database.connections.allowDefaultPortFrom(webServers, 'MySQL from the web servers');
  parts.fileSystem.connections.allowDefaultPortFrom(webServers, 'NFS from the web servers');
}
