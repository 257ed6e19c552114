// npm packages a Lambda function needs at run time, found in this package's own dependencies and
// zipped beside the handler (`node_modules/<name>`), so the function is built at synth with no
// npm install and no network, from exactly the versions package.json pins.
import * as fs from 'fs';
import * as path from 'path';
import { compareCodeUnits } from '../../core/code-unit-order';

/** The folder of an installed package, resolved from `from` as Node would. */
function packageDir(name: string, from: string): string {
  let dir = path.dirname(require.resolve(name, { paths: [from] }));
  while (!isPackageRoot(dir, name)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of npm package ${name}`);
    dir = parent;
  }
  return dir;
}

function isPackageRoot(dir: string, name: string): boolean {
  const manifest = path.join(dir, 'package.json');
  return fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === name;
}

/** A folder to zip and where it goes in the archive. */
export interface FunctionPackage {
  readonly dir: string;
  readonly prefix: string;
}

/**
 * Each package and its run-time dependencies, as folders to zip under `node_modules/`. A
 * dependency installed inside another package's folder (a nested version) travels with it.
 * Found once per process for the same names and starting folder (the app asks for mysql2 once
 * per environment, and the search reads a dozen manifests), as Node resolves a module once per
 * process: packages installed meanwhile are not seen until the next run.
 */
export function functionPackages(names: readonly string[], from: string = __dirname): readonly FunctionPackage[] {
  const key = JSON.stringify([from, ...names]);
  let packages = packagesFound.get(key);
  if (packages === undefined) {
    packages = Object.freeze(findPackages(names, from).map((entry) => Object.freeze(entry)));
    packagesFound.set(key, packages);
  }
  return packages;
}

const packagesFound = new Map<string, readonly FunctionPackage[]>();

function findPackages(names: readonly string[], from: string): FunctionPackage[] {
  const found = new Map<string, string>();
  const visited = new Set<string>();
  const visit = (name: string, base: string) => {
    const dir = packageDir(name, base);
    if (visited.has(dir)) return;
    visited.add(dir);
    // Inside a folder already zipped: it travels with it, but its own dependencies may not.
    const nested = [...found.values()].some((taken) => dir.startsWith(`${taken}${path.sep}`));
    if (!nested) {
      if (found.has(name)) throw new Error(`npm package ${name} is installed twice in different versions; the function can hold one`);
      found.set(name, dir);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  for (const name of names) visit(name, from);
  return [...found.entries()].sort(([a], [b]) => compareCodeUnits(a, b)).map(([name, dir]) => ({ dir, prefix: `node_modules/${name}/` }));
}
