// Puts a finished cache entry (a synthesis, a dependency install) into place. Two checks of the
// same base may run at once (two environments, two terminals): each builds in a staging folder
// of its own, and the first to finish wins; the other's copy is dropped, so a reader never sees a
// folder being replaced under it.
import * as fs from 'fs';
import * as path from 'path';

/** Renames `staging` to `target`, unless another process already put a complete `target` (one holding `marker`) there. */
export function placeCacheEntry(staging: string, target: string, marker: string): void {
  if (fs.existsSync(path.join(target, marker))) {
    fs.rmSync(staging, { recursive: true, force: true });
    return;
  }
  // An incomplete target is the leftover of a run that was killed half-way.
  fs.rmSync(target, { recursive: true, force: true });
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    if (!fs.existsSync(path.join(target, marker))) throw error;
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
