import * as fs from 'fs';
import * as path from 'path';

// Locks of the plan cache (plan-cache.ts) name the process that holds them, so a process that
// died holding one (a jest worker killed at a timeout, a prewarm stopped by the teardown) leaves
// a lock the others break instead of waiting on forever. The races left are harmless: at worst
// two processes plan the same stack, and since the cache is keyed by content they store the same
// plan, each with an atomic rename.

/**
 * Whether a process with this id exists (signal 0 checks without signalling; EPERM: it exists,
 * not ours). A negative id asks whether any process of that process group is left.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process id written in a lock or marker file; undefined when the file is gone. */
export function ownerOf(file: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text, 10);
  // Files are written whole before they appear (writeOwnerFile): anything else is a foreign file.
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

let written = 0;
/** Writes `pid` to a fresh file beside `target` and returns its name, for a link or rename into place. */
function writeOwnerFile(target: string, pid: number): string {
  const temp = `${target}.${process.pid}-${++written}.tmp`;
  fs.writeFileSync(temp, String(pid));
  return temp;
}

/**
 * Takes a lock: a file holding this process's id, made with link(2) so that it appears whole and
 * only if no other process holds it. Returns false when another process does.
 */
export function tryLock(lockFile: string): boolean {
  const temp = writeOwnerFile(lockFile, process.pid);
  try {
    fs.linkSync(temp, lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Removes a lock whose owner is dead. True when the lock is free now (broken, or released meanwhile). */
export function breakStaleLock(lockFile: string): boolean {
  const owner = ownerOf(lockFile);
  if (owner !== undefined && isProcessAlive(owner)) return false;
  // Gone, dead, or not a lock this code writes (no process id in it): nobody is planning.
  fs.rmSync(lockFile, { recursive: true, force: true });
  return true;
}

/** Releases a lock this process holds; one that is no longer ours (it was broken) is left alone. */
export function unlock(lockFile: string): void {
  if (ownerOf(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
}

/**
 * The marker of a pending batch: a process (the tests' plan prewarm) that will soon claim
 * stacks of this cache but is still synthesizing them, so it cannot hold their locks yet. A
 * process that misses the cache waits while the marker names a live process instead of planning
 * a stack the batch is about to plan.
 */
export const PENDING_MARKER = 'pending-batch.pid';

/** Announces a pending batch by process `pid` (written whole, by rename). */
export function announcePendingBatch(cacheDir: string, pid: number): void {
  const marker = path.join(cacheDir, PENDING_MARKER);
  fs.renameSync(writeOwnerFile(marker, pid), marker);
}

/** Withdraws the marker: the batch holds its locks now, or gave up. */
export function clearPendingBatch(cacheDir: string): void {
  fs.rmSync(path.join(cacheDir, PENDING_MARKER), { force: true });
}

/** The live process of a pending batch other than this one; undefined when there is none (or it died). */
export function pendingBatchOwner(cacheDir: string): number | undefined {
  const owner = ownerOf(path.join(cacheDir, PENDING_MARKER));
  return owner !== undefined && owner !== process.pid && isProcessAlive(owner) ? owner : undefined;
}
