// `npm run docs`: regenerates every generated document (policy tables, configuration reference,
// API reference in docs/api/, the architecture diagram, and any generator added to DOCS_GENERATORS). `npm run docs -- --check` writes nothing and
// fails when a document is out of date; __tests__/scripts/docs.test.ts does the same check.
import * as fs from 'fs';
import * as path from 'path';
import { apiReferenceFiles, orphanedApiFiles } from './docs/api-reference';
import { architectureDiagramFiles } from './docs/architecture-diagram';
import { configReferenceFiles } from './docs/config-reference';
import { dayTwoDocFiles } from './docs/day-two-doc';
import { DocsGenerator, GeneratedFile } from './docs/generated-file';
import { policyDocsFiles } from './docs/policy-docs';

/** Every generator; add one here and the check and the test pick it up. */
export const DOCS_GENERATORS: readonly DocsGenerator[] = [
  { name: 'policy rules', render: policyDocsFiles },
  { name: 'configuration reference', render: configReferenceFiles },
  { name: 'day-2 scenarios', render: dayTwoDocFiles },
  { name: 'API reference', render: apiReferenceFiles },
  { name: 'architecture diagram', render: architectureDiagramFiles },
];

export const ROOT =
  [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((dir) => fs.existsSync(path.join(dir, 'package.json'))) ??
  process.cwd();

/** The generated files whose content on disk differs from what the generators produce. */
export function staleFiles(root: string, generators: readonly DocsGenerator[] = DOCS_GENERATORS): GeneratedFile[] {
  return generators
    .flatMap((g) => g.render(root))
    .filter((file) => {
      const target = path.join(root, file.path);
      return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== file.content;
    });
}

export function main(args: readonly string[] = [], generators: readonly DocsGenerator[] = DOCS_GENERATORS): number {
  const check = args.includes('--check');
  const stale = staleFiles(ROOT, generators);
  // Pages of removed API members: no generator writes them any more, so only deleting helps.
  // Only when the API reference is among the generators: finding orphans runs TypeDoc.
  const orphans = generators.some((g) => g.render === apiReferenceFiles) ? orphanedApiFiles(ROOT) : [];
  if (check) {
    if (stale.length === 0 && orphans.length === 0) return 0;
    const names = [...stale.map((f) => f.path), ...orphans.map((f) => `${f} (to delete)`)];
    process.stderr.write(`Out of date: ${names.join(', ')}. Run npm run docs and commit the result.\n`);
    return 1;
  }
  for (const orphan of orphans) {
    fs.rmSync(path.join(ROOT, orphan));
    process.stdout.write(`docs: deleted ${orphan}\n`);
  }
  for (const file of stale) {
    fs.mkdirSync(path.dirname(path.join(ROOT, file.path)), { recursive: true });
    fs.writeFileSync(path.join(ROOT, file.path), file.content);
    process.stdout.write(`docs: wrote ${file.path}\n`);
  }
  if (stale.length === 0 && orphans.length === 0) process.stdout.write('docs: every generated document is up to date\n');
  return 0;
}
