import * as fs from 'fs';
import * as path from 'path';
import { API_REFERENCE_DIR, apiReferenceFiles, orphanedApiFiles } from '../../../scripts/docs/api-reference';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('API reference (docs/api/)', () => {
  let files: ReturnType<typeof apiReferenceFiles>;

  beforeAll(() => {
    files = apiReferenceFiles(ROOT);
  }, 240_000);

  test('is current: every page TypeDoc renders is committed as rendered (run `npm run docs`)', () => {
    const stale = files.filter((file) => {
      const target = path.join(ROOT, file.path);
      return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== file.content;
    });
    expect(stale.map((file) => file.path)).toEqual([]);
    expect(orphanedApiFiles(ROOT)).toEqual([]);
  });

  test('documents the constructs a consumer composes, with their doc comments', () => {
    const page = (name: string) => files.find((file) => file.path === `${API_REFERENCE_DIR}/${name}.md`)?.content ?? '';
    expect(page('classes/Network')).toMatch(/A VPC with a public and a private subnet in each availability zone/);
    expect(page('classes/WordPress')).toMatch(/# Class: WordPress/);
    expect(page('README')).toMatch(/\[WebStackError\]\(classes\/WebStackError\.md\)/);
  });

  test("leaves out what index.ts does not export, such as this repository's stacks", () => {
    expect(files.filter((file) => /EnvironmentStack|loadConfig|planStackOffline/.test(file.path))).toEqual([]);
  });
});
