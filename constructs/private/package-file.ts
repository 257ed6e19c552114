import * as fs from 'fs';
import * as path from 'path';

/**
 * Resolves a file or folder that ships with the package (function sources, templates), from
 * the TypeScript sources (`constructs/…`) and the compiled tree (`dist/constructs/…`) alike.
 */
export function packageFile(...segments: string[]): string {
  const candidates = [path.resolve(__dirname, '..', '..', ...segments), path.resolve(__dirname, '..', '..', '..', ...segments)];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(`${segments.join('/')} not found in the package (looked in ${candidates.join(', ')})`);
  }
  return found;
}
