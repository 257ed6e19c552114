// npm packages a Lambda function needs at run time, found in this package's own dependencies and
// zipped beside the handler (`node_modules/<name>`), so the function is built at synth with no
// npm install and no network, from exactly the versions package.json pins.
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { compareCodeUnits } from '../../core/code-unit-order';
import { zipCacheIndex } from './zip-cache-index';

/**
 * The folder of an installed package, resolved from `from` as Node would. Every path the answer
 * depends on goes into `readFrom`: the folders Node looks for the package in (a package
 * installed nearer, later, changes one), the file it resolves to and the manifests read.
 */
function packageDir(name: string, from: string, readFrom: Set<string>): string {
  for (const folder of createRequire(path.join(from, 'package.json')).resolve.paths(name) ?? []) readFrom.add(folder);
  const resolved = require.resolve(name, { paths: [from] });
  readFrom.add(resolved);
  let dir = path.dirname(resolved);
  while (!isPackageRoot(dir, name, readFrom)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of npm package ${name}`);
    dir = parent;
  }
  return dir;
}

function isPackageRoot(dir: string, name: string, readFrom: Set<string>): boolean {
  const manifest = path.join(dir, 'package.json');
  readFrom.add(manifest);
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
 * per environment), as Node resolves a module once per process: packages installed meanwhile
 * are not seen until the next run. A later process takes the answer from the zip cache's index
 * (`zip-cache-index.ts`) while every manifest read, every resolved file and every `node_modules`
 * folder Node would look in keeps its stats: the search resolves and reads a dozen manifests,
 * about 7 ms of every synth.
 */
export function functionPackages(names: readonly string[], from: string = __dirname): readonly FunctionPackage[] {
  const key = JSON.stringify([from, ...names]);
  let packages = packagesFound.get(key);
  if (packages === undefined) {
    packages = Object.freeze(recalledOrFound(names, from, `function-packages ${key}`).map((entry) => Object.freeze(entry)));
    packagesFound.set(key, packages);
  }
  return packages;
}

const packagesFound = new Map<string, readonly FunctionPackage[]>();

function recalledOrFound(names: readonly string[], from: string, key: string): FunctionPackage[] {
  const index = zipCacheIndex();
  const known = index.knownResult(key);
  if (isPackageList(known)) return known.map(({ dir, prefix }) => ({ dir, prefix }));
  const startedAt = BigInt(Date.now()) * 1_000_000n;
  const readFrom = new Set<string>();
  const found = findPackages(names, from, readFrom);
  index.recordResult(key, found, readFrom, startedAt);
  index.save();
  return found;
}

function isPackageList(value: unknown): value is FunctionPackage[] {
  return Array.isArray(value) && value.every((entry) => typeof entry?.dir === 'string' && typeof entry?.prefix === 'string');
}

function findPackages(names: readonly string[], from: string, readFrom: Set<string>): FunctionPackage[] {
  const found = new Map<string, string>();
  const visited = new Set<string>();
  const visit = (name: string, base: string) => {
    const dir = packageDir(name, base, readFrom);
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
