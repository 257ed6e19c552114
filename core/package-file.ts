import * as fs from 'fs';
import * as path from 'path';

/** This package's root: the nearest folder above this file with a package.json. */
function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

/**
 * Resolves a file or folder that ships with the package (function sources, templates, prices),
 * from the TypeScript sources (`core/`), the compiled tree (`dist/core/`) and the app's bundle
 * (`dist/bundle/`) alike: each finds the package root by its package.json. In core/ because the
 * library and this repository's app (stacks/, scripts/) both need it.
 */
export function packageFile(...segments: string[]): string {
  const found = path.join(packageRoot(), ...segments);
  if (!fs.existsSync(found)) {
    throw new Error(`${segments.join('/')} not found in the package (looked in ${found})`);
  }
  return found;
}
