import * as fs from 'fs';
import * as path from 'path';

// The README is an entry page that links into docs/; a moved section must not leave a dead link.
const ROOT = path.join(__dirname, '..');
const DOCUMENTS = [
  'README.md',
  'CHANGELOG.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (heading) anchors.add(slug(heading[1]));
  }
  return anchors;
}

function linksOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((link) => !/^[a-z]+:/.test(link));
}

test.each(DOCUMENTS)('every relative link and anchor in %s resolves', (document) => {
  const source = path.join(ROOT, document);
  const broken = linksOf(source).filter((link) => {
    const [target, anchor] = link.split('#');
    const file = target ? path.resolve(path.dirname(source), target) : source;
    if (!fs.existsSync(file)) return true;
    return anchor !== undefined && file.endsWith('.md') && !anchorsOf(file).has(anchor);
  });
  expect(broken).toEqual([]);
});

test('the README starts with the set-up, install, main job and test commands, in that order', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const quickStart = readme.slice(0, readme.indexOf('## Repository layout'));
  const order = ['npm run setup', 'npm ci', 'npm run plan -- dev --offline', 'npm test'].map((c) => quickStart.indexOf(c));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});
