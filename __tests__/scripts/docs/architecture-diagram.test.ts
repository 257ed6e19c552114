import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ARCHITECTURE_DOT, ARCHITECTURE_SVG, architectureDiagramFiles } from '../../../scripts/docs/architecture-diagram';

describe('architecture diagram (npm run docs)', () => {
  test('the graph decides staleness: the SVG on disk is kept while the DOT source matches, and drawn anew when it does not', () => {
    // GIVEN an empty root: both files are produced, the SVG drawn from the DOT source
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'architecture-'));
    fs.mkdirSync(path.join(root, 'docs'));
    const [dot, svg] = architectureDiagramFiles(root);
    expect([dot.path, svg.path]).toEqual([ARCHITECTURE_DOT, ARCHITECTURE_SVG]);
    expect(dot.content).toContain('digraph');
    expect(dot.content).toContain('web-stack-dev-db-setup');
    expect(svg.content).toMatch(/^<\?xml[\s\S]*<svg/);
    // WHEN the files are on disk, the SVG as another Graphviz might have drawn it
    fs.writeFileSync(path.join(root, ARCHITECTURE_DOT), dot.content);
    fs.writeFileSync(path.join(root, ARCHITECTURE_SVG), `${svg.content}<!-- other Graphviz -->\n`);
    // THEN the SVG is current as it is
    expect(architectureDiagramFiles(root)[1].content).toBe(`${svg.content}<!-- other Graphviz -->\n`);
    // AND once the graph differs, the SVG is drawn again
    fs.writeFileSync(path.join(root, ARCHITECTURE_DOT), dot.content.replace('web-stack-dev-db-setup', 'something-else'));
    expect(architectureDiagramFiles(root)[1].content).toBe(svg.content);
  });
});
