import { tmpdir } from 'os';
import * as path from 'path';

/**
 * A cache folder in the temp dir for this user only (`<tmpdir>/<name>-<uid>`). The temp dir is
 * shared: a folder another user made first (root's, from a run under sudo) is read-only to the
 * next user, whose synth could then not write a new archive into it.
 */
export function userTempDir(name: string): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return path.join(tmpdir(), uid === undefined ? name : `${name}-${uid}`);
}
