import { execFile } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';

/**
 * CDK Terrain, the maintained fork of cdktf, as this project installs it in place of cdktf: the
 * package under cdktf's name (an npm alias), so every `import ... from 'cdktf'` stays as it is,
 * and `overrides` so the provider bindings' peer dependency on cdktf resolves to the same copy.
 * cdktn 0.24.0 asks for constructs >=10.6.0 <10.8.0. The provider bindings stay
 * @cdktf/provider-aws 20.x (AWS provider 5.x): CDK Terrain's prebuilt bindings are for the AWS
 * provider 6.x, which the local provider mirror does not hold.
 */
export const CDK_TERRAIN = { package: 'cdktn', version: '0.24.0', constructs: '10.7.0' } as const;

/**
 * Dev dependencies the scratch install leaves out: cdktf-cli pins cdktf 0.21.0 exactly and pulls
 * in about 300 MB the tests never run (CDK Terrain's own CLI is cdktn-cli; the tests run the app
 * command the CLI would run).
 */
const LEFT_OUT = ['cdktf-cli'];

/** The project's package.json with cdktn installed as cdktf. */
export function cdkTerrainPackageJson(projectPackageJson: Record<string, any>): Record<string, any> {
  const devDependencies = { ...projectPackageJson.devDependencies };
  for (const name of LEFT_OUT) delete devDependencies[name];
  devDependencies.cdktf = `npm:${CDK_TERRAIN.package}@${CDK_TERRAIN.version}`;
  devDependencies.constructs = CDK_TERRAIN.constructs;
  // "$name" is npm's reference to the root's own spec of that dependency.
  return { ...projectPackageJson, devDependencies, overrides: { cdktf: '$cdktf', constructs: '$constructs' } };
}

/** Runs a command; a failure carries its output, which is where npm and tsc explain. */
export async function run(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(file, [...args], {
      cwd: options.cwd,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ...options.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed in ${options.cwd}:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, {
      cause: error,
    });
  }
}

/** npm writes node_modules/.package-lock.json last, once the install is complete. */
const isInstalled = (folder: string) => fs.existsSync(path.join(folder, 'node_modules', '.package-lock.json'));

/**
 * node_modules with cdktn in place of cdktf, installed once per content of the project's
 * package.json and package-lock.json into node_modules/.cache/cdk-terrain/<key>/ (about a minute
 * and 600 MB; a re-run with the same lock file reuses it). The install starts from the project's
 * lock file, so every other package keeps its locked version, and uses the project's npm cache.
 * Returns the folder that holds the installed node_modules.
 */
export async function installCdkTerrain(root: string): Promise<string> {
  const packageJson = cdkTerrainPackageJson(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')));
  const lockFile = fs.readFileSync(path.join(root, 'package-lock.json'));
  const key = crypto.createHash('sha256').update(JSON.stringify(packageJson)).update('\0').update(lockFile).digest('hex').slice(0, 16);
  const cacheRoot = path.join(root, 'node_modules', '.cache', 'cdk-terrain');
  const installed = path.join(cacheRoot, key);
  if (isInstalled(installed)) return installed;
  fs.mkdirSync(cacheRoot, { recursive: true });
  // Installed beside and renamed into place: an interrupted install never looks finished.
  const staging = fs.mkdtempSync(path.join(cacheRoot, `.${key}-`));
  try {
    fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
    fs.writeFileSync(path.join(staging, 'package-lock.json'), lockFile);
    await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: staging });
    // Installs of other keys are stale (one lock file's install is about 600 MB), and so is the
    // staging folder of an install interrupted more than an hour ago.
    const stale = (name: string) =>
      name.startsWith('.')
        ? Date.now() - fs.statSync(path.join(cacheRoot, name)).mtimeMs > 3_600_000 && !staging.endsWith(name)
        : name !== key;
    for (const old of fs.readdirSync(cacheRoot).filter(stale)) fs.rmSync(path.join(cacheRoot, old), { recursive: true, force: true });
    if (isInstalled(installed)) {
      // Another run finished the same install first.
      fs.rmSync(staging, { recursive: true, force: true });
      return installed;
    }
    // A folder without npm's record of the install is a broken one.
    fs.rmSync(installed, { recursive: true, force: true });
    fs.renameSync(staging, installed);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (isInstalled(installed)) return installed;
    throw error;
  }
  return installed;
}

/**
 * The project's source files (what git tracks, plus new files not ignored; deleted ones are
 * skipped), relative to `root`.
 */
export async function projectFiles(root: string): Promise<string[]> {
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  return [...new Set(listed.split('\0').filter((file) => file !== ''))].filter((file) =>
    fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile(),
  );
}

/** Copies `files` of `root` into `destination` and links `nodeModules` in as its node_modules. */
export function scratchCopy(root: string, files: readonly string[], destination: string, nodeModules: string): string {
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(destination, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(destination, file));
  }
  fs.symlinkSync(nodeModules, path.join(destination, 'node_modules'), 'dir');
  return destination;
}

/** The folders of examples/ that hold a consumer program (a main.ts). */
export function exampleNames(root: string): string[] {
  const examples = path.join(root, 'examples');
  return fs
    .readdirSync(examples, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(examples, entry.name, 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Compiles examples/ in `copy` (against its dist/) and synthesizes each into `<outdir>/<example>`.
 * Runs with `cwd` as the working directory: the examples' local backends write absolute paths
 * under it, so both builds must share it.
 */
export async function synthesizeExamples(copy: string, outdir: string, cwd: string): Promise<Record<string, string>> {
  await run(process.execPath, [path.join(copy, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(copy, 'examples')], {
    cwd: copy,
  });
  const out: Record<string, string> = {};
  for (const example of exampleNames(copy)) {
    out[example] = path.join(outdir, example);
    fs.mkdirSync(out[example], { recursive: true });
    await run(process.execPath, [path.join(copy, 'examples', 'dist', example, 'main.js'), out[example]], { cwd });
  }
  return out;
}
