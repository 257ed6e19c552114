// Generates the API reference in docs/api/ with TypeDoc and typedoc-plugin-markdown from the doc
// comments of everything index.ts exports (settings in typedoc.json). Markdown, one page per
// class, interface and function, no source links: the pages stay small and a diff shows what
// changed in the API. TypeDoc runs in a child process because it is an ES module and takes a few
// seconds; the result is cached per process, so the check and the write share one run.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GeneratedFile } from './generated-file';

/** The folder the reference is written to; every file in it is generated. */
export const API_REFERENCE_DIR = 'docs/api';

const cache = new Map<string, GeneratedFile[]>();

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => fs.statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** The reference as TypeDoc renders it from the sources under `root`. */
export function apiReferenceFiles(root: string): GeneratedFile[] {
  const cached = cache.get(root);
  if (cached) return cached;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'api-reference-'));
  try {
    const typedoc = path.join(path.dirname(require.resolve('typedoc/package.json', { paths: [root] })), 'bin', 'typedoc');
    try {
      execFileSync(process.execPath, [typedoc, '--options', path.join(root, 'typedoc.json'), '--out', out, '--logLevel', 'Warn'], {
        cwd: root,
        stdio: 'pipe',
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const failed = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`TypeDoc failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, { cause: error });
    }
    const files = listFiles(out).map((file) => ({
      path: `${API_REFERENCE_DIR}/${file}`,
      content: fs.readFileSync(path.join(out, file), 'utf8'),
    }));
    cache.set(root, files);
    return files;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** Files in docs/api/ that TypeDoc no longer writes, such as the page of a removed class. */
export function orphanedApiFiles(root: string): string[] {
  const dir = path.join(root, API_REFERENCE_DIR);
  if (!fs.existsSync(dir)) return [];
  const generated = new Set(apiReferenceFiles(root).map((file) => file.path));
  return listFiles(dir)
    .map((file) => `${API_REFERENCE_DIR}/${file}`)
    .filter((file) => !generated.has(file));
}
