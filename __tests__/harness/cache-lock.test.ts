import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  announcePendingBatch,
  breakStaleLock,
  clearPendingBatch,
  isProcessAlive,
  ownerOf,
  pendingBatchOwner,
  tryLock,
  unlock,
} from '../../harness/cache-lock';

/** The id of a process that has exited (and been reaped): nobody holds it now. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('plan cache locks', () => {
  let dir: string;
  let lockFile: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-lock-'));
    lockFile = path.join(dir, 'key.lock');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a lock is taken once, names its owner, and leaves no temporary file', () => {
    expect(tryLock(lockFile)).toBe(true);
    expect(tryLock(lockFile)).toBe(false);
    expect(ownerOf(lockFile)).toBe(process.pid);
    expect(fs.readdirSync(dir)).toEqual(['key.lock']);
  });

  test('a lock held by a live process is not broken; one whose owner died is', () => {
    fs.writeFileSync(lockFile, String(process.pid));
    expect(breakStaleLock(lockFile)).toBe(false);
    expect(fs.existsSync(lockFile)).toBe(true);

    fs.writeFileSync(lockFile, String(deadPid()));
    expect(breakStaleLock(lockFile)).toBe(true);
    expect(tryLock(lockFile)).toBe(true);
  });

  test('a lock this code did not write (no process id in it) counts as stale', () => {
    fs.mkdirSync(lockFile);
    expect(breakStaleLock(lockFile)).toBe(true);
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  test('unlock removes only a lock this process still holds', () => {
    expect(tryLock(lockFile)).toBe(true);
    unlock(lockFile);
    expect(fs.existsSync(lockFile)).toBe(false);
    // Broken and taken by someone else meanwhile: theirs now.
    fs.writeFileSync(lockFile, '1');
    unlock(lockFile);
    expect(ownerOf(lockFile)).toBe(1);
  });

  test('process liveness: this process and init are alive, a reaped child is not', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(1)).toBe(true);
    expect(isProcessAlive(deadPid())).toBe(false);
  });
});

describe('the pending batch marker', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-pending-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('names a live process until it is cleared', async () => {
    const other = spawn('sleep', ['30']);
    try {
      announcePendingBatch(dir, other.pid!);
      expect(pendingBatchOwner(dir)).toBe(other.pid);
      clearPendingBatch(dir);
      expect(pendingBatchOwner(dir)).toBeUndefined();
    } finally {
      other.kill();
    }
  });

  test('is ignored when its process died, and by the process it names', () => {
    announcePendingBatch(dir, deadPid());
    expect(pendingBatchOwner(dir)).toBeUndefined();
    announcePendingBatch(dir, process.pid);
    expect(pendingBatchOwner(dir)).toBeUndefined();
  });
});
