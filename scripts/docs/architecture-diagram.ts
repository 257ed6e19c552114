// docs/architecture.svg, the diagram the README shows, drawn from the synthesized stacks as
// `npm run diagram` draws it, and the DOT source it is rendered from (docs/architecture.dot).
// Graphviz's SVG output varies with its version and fonts, so the graph is what must be current:
// the SVG is rendered again only when the DOT source changed (or the SVG is missing), and
// otherwise kept as it is on disk.
import * as fs from 'fs';
import * as path from 'path';
import { environmentsOf, stacksOfEnvironment, synthesizeStacks } from '../cli/synthesized';
import { renderDot, renderSvg, stackSvgs } from '../diagram/dot';
import { buildDiagram } from '../diagram/graph';
import { GeneratedFile } from './generated-file';

export const ARCHITECTURE_DOT = 'docs/architecture.dot';
export const ARCHITECTURE_SVG = 'docs/architecture.svg';

export function architectureDiagramFiles(root: string): GeneratedFile[] {
  const stacks = synthesizeStacks();
  const dots = environmentsOf(stacks).map((environment) =>
    renderDot(buildDiagram(stacksOfEnvironment(stacks, environment), stacks), environment),
  );
  const dot = dots.join('\n');
  const read = (file: string) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : undefined);
  const svg = read(ARCHITECTURE_DOT) === dot ? read(ARCHITECTURE_SVG) : undefined;
  return [
    { path: ARCHITECTURE_DOT, content: dot },
    { path: ARCHITECTURE_SVG, content: svg ?? stackSvgs(dots.map(renderSvg)) },
  ];
}
