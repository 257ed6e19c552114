import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOCS_GENERATORS, main, staleFiles } from '../../scripts/docs';
import { DocsGenerator } from '../../scripts/docs/generated-file';

const ROOT = path.join(__dirname, '..', '..');

// TypeDoc takes seconds; the API reference has its own staleness test (docs/api-reference.test.ts).
// Each generator renders once per file: the staleness test and `main --check` read the same
// output (a render synthesizes the app and reads the schema's doc comments, seconds of CPU).
const rendered = new Map<string, ReturnType<DocsGenerator['render']>>();
const WITHOUT_API_REFERENCE: DocsGenerator[] = DOCS_GENERATORS.filter((generator) => generator.name !== 'API reference').map(
  (generator) => ({
    ...generator,
    render: (root: string) => {
      const key = `${generator.name}\0${root}`;
      if (!rendered.has(key)) rendered.set(key, generator.render(root));
      return rendered.get(key)!;
    },
  }),
);

describe('npm run docs', () => {
  test('every generated document is current (run `npm run docs` and commit the result)', () => {
    expect(WITHOUT_API_REFERENCE).toHaveLength(DOCS_GENERATORS.length - 1);
    expect(staleFiles(ROOT, WITHOUT_API_REFERENCE).map((f) => f.path)).toEqual([]);
  });

  test('generates the policy tables and the configuration reference', () => {
    expect(DOCS_GENERATORS.map((g) => g.name)).toEqual(expect.arrayContaining(['policy rules', 'configuration reference']));
  });

  test('--check fails on a stale document and names it; without --check it rewrites it', () => {
    // GIVEN a generator whose document on disk is out of date
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-'));
    fs.writeFileSync(path.join(root, 'out.md'), 'old\n');
    const generator = { name: 'test', render: () => [{ path: 'out.md', content: 'new\n' }] };
    // THEN it is reported, and regenerating makes it current
    expect(staleFiles(root, [generator]).map((f) => f.path)).toEqual(['out.md']);
    fs.writeFileSync(path.join(root, 'out.md'), 'new\n');
    expect(staleFiles(root, [generator])).toEqual([]);
  });

  test('main --check returns 0 when everything is current', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(main(['--check'], WITHOUT_API_REFERENCE)).toBe(0);
    } finally {
      write.mockRestore();
    }
  });
});
