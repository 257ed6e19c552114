import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  inBundle?: boolean;
  dev?: boolean;
  [key: string]: unknown;
}

const REGISTRY = 'https://registry.npmjs.org';

/**
 * Where the registry serves a package's tarball. Lock files written with
 * `omit-lockfile-registry-resolved` leave this out, and without it npm must fetch the
 * package's metadata to find the tarball, which an offline install cannot.
 */
function registryTarballUrl(lockKey: string, version: string): string {
  const name = lockKey.slice(lockKey.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return `${REGISTRY}/${name}/-/${name.split('/').pop()}-${version}.tgz`;
}

/**
 * A package-lock.json for a consumer project that depends on a packed tarball and on some of
 * this repository's packages, built from this repository's own lock file. With it,
 * `npm ci --offline` needs only the tarballs `npm ci` already put in the cache: a plain
 * `npm install --offline` would also need every package's registry metadata, which `npm ci`
 * never downloads.
 */
export function consumerLockfile(options: {
  readonly repoLockFile: string;
  readonly consumerName: string;
  /** The packed library, relative to the consumer folder and absolute. */
  readonly tarball: { readonly relative: string; readonly absolute: string };
  /** Packages the consumer names itself, resolved like the library's own dependencies. */
  readonly directDependencies: readonly string[];
}): { packageJson: Record<string, unknown>; lockfile: Record<string, unknown> } {
  const repoLock = JSON.parse(fs.readFileSync(options.repoLockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const library = repoLock.packages[''] as LockEntry & { name: string };
  const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(options.tarball.absolute)).digest('base64')}`;
  const librarySpec = `file:${options.tarball.relative}`;

  const packages: Record<string, LockEntry> = {};
  const queue = [...Object.keys(library.dependencies ?? {}), ...Object.keys(library.peerDependencies ?? {}), ...options.directDependencies];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const key = `node_modules/${name}`;
    const entry = repoLock.packages[key];
    if (!entry) {
      throw new Error(`${name} is not in ${path.basename(options.repoLockFile)}; the consumer cannot install it offline`);
    }
    // The package and whatever it bundles or nests under its own folder.
    for (const [candidate, body] of Object.entries(repoLock.packages)) {
      if (candidate === key || candidate.startsWith(`${key}/node_modules/`)) {
        const { dev: _dev, devOptional: _devOptional, ...rest } = body;
        packages[candidate] = rest.inBundle || rest.resolved ? rest : { ...rest, resolved: registryTarballUrl(candidate, rest.version!) };
        // A nested package's own dependencies resolve upwards, to the top level when nothing
        // nearer has them (mysql2's nested iconv-lite needs the hoisted safer-buffer).
        if (candidate !== key) {
          queue.push(
            ...Object.keys(body.dependencies ?? {}).filter(
              (dependency) =>
                !repoLock.packages[`${candidate}/node_modules/${dependency}`] && !repoLock.packages[`${key}/node_modules/${dependency}`],
            ),
          );
        }
      }
    }
    // Dependencies nested (or bundled) under the package's folder came along above.
    const hoisted = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {})].filter(
      (dependency) => !repoLock.packages[`${key}/node_modules/${dependency}`],
    );
    queue.push(...hoisted);
  }

  const rootDependencies = Object.fromEntries([
    [library.name, librarySpec],
    ...options.directDependencies.map((name) => [name, repoLock.packages[`node_modules/${name}`].version!]),
  ]);
  packages[`node_modules/${library.name}`] = {
    version: library.version as string,
    resolved: librarySpec,
    integrity,
    license: library.license,
    dependencies: library.dependencies,
    peerDependencies: library.peerDependencies,
    engines: library.engines,
  };
  const packageJson = { name: options.consumerName, version: '1.0.0', private: true, dependencies: rootDependencies };
  return {
    packageJson,
    lockfile: {
      name: options.consumerName,
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: options.consumerName, version: '1.0.0', dependencies: rootDependencies }, ...packages },
    },
  };
}
