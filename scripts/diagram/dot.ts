import { spawnSync } from 'child_process';
import { CommandError } from '../cli/errors';
import { Diagram, DiagramCluster, DiagramEdge } from './graph';

/** A DOT string literal. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const CLUSTER_STYLE: Record<DiagramCluster['kind'], string> = {
  environment: 'style="rounded,bold"; color="#232f3e"; fontsize=16;',
  vpc: 'style="rounded"; color="#8c4fff"; fontsize=13;',
  zone: 'style="dashed"; color="#147eba"; fontsize=11;',
};

const EDGE_STYLE: Record<DiagramEdge['kind'], string> = {
  'security-group': 'color="#d13212", fontcolor="#d13212", penwidth=1.4',
  route: 'color="#7d8998", fontcolor="#7d8998", style=dashed',
  reference: 'color="#7d8998", style=dotted, arrowhead=vee',
};

/**
 * Writes the diagram as a Graphviz digraph, one statement per line: clusters as nested
 * `subgraph "cluster:<id>"`, nodes as `"<id>" [label=…]`, edges as `"<from>" -> "<to>" [label=…]`.
 */
export function renderDot(diagram: Diagram, title = 'architecture'): string {
  const lines = [
    `digraph ${quote(title)} {`,
    '  graph [rankdir=LR, compound=true, newrank=true, fontname="Helvetica", nodesep=0.35, ranksep=0.6];',
    '  node [fontname="Helvetica", fontsize=10, style=filled, penwidth=0.8];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const children = new Map<string | undefined, DiagramCluster[]>();
  for (const cluster of diagram.clusters) children.set(cluster.parent, [...(children.get(cluster.parent) ?? []), cluster]);
  const writeContents = (clusterId: string | undefined, indent: string) => {
    for (const node of diagram.nodes.filter((n) => n.cluster === clusterId)) {
      lines.push(`${indent}${quote(node.id)} [label=${quote(node.label)}, shape=${node.shape}, fillcolor=${quote(node.color)}];`);
    }
    for (const cluster of children.get(clusterId) ?? []) {
      lines.push(`${indent}subgraph ${quote(`cluster:${cluster.id}`)} {`);
      lines.push(`${indent}  label=${quote(cluster.label)}; ${CLUSTER_STYLE[cluster.kind]}`);
      writeContents(cluster.id, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  writeContents(undefined, '  ');
  for (const edge of diagram.edges) {
    const label = edge.label ? `label=${quote(edge.label)}, ` : '';
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [${label}${EDGE_STYLE[edge.kind]}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Renders DOT to SVG with Graphviz's `dot`, or explains how to install it. */
export function renderSvg(dot: string): string {
  const result = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new CommandError(
      `Graphviz's \`dot\` could not be run (${result.error.message}); install it (Debian: apt-get install graphviz; macOS: brew install graphviz) or use --format dot.`,
    );
  }
  if (result.status !== 0) {
    throw new CommandError(`\`dot -Tsvg\` failed with status ${result.status}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/**
 * Stacks several SVG documents (one per environment) into one, top to bottom, each nested
 * as its own <svg> element so their coordinates stay untouched.
 */
export function stackSvgs(documents: readonly string[], gap = 24): string {
  let offset = 0;
  let width = 0;
  const parts: string[] = [];
  for (const document of documents) {
    const body = document
      .replace(/<\?xml[^>]*\?>/g, '')
      .replace(/<!DOCTYPE[^>]*>/g, '')
      .trim();
    const size = /<svg[^>]*\swidth="([\d.]+)pt"[^>]*\sheight="([\d.]+)pt"/.exec(body);
    if (!size) throw new CommandError('Graphviz produced an SVG without a size in points; cannot combine the environments.');
    // Unitless sizes: inside the outer document one user unit is already one point.
    const nested = body
      .replace(/(<svg[^>]*\s)width="([\d.]+)pt"/, '$1width="$2"')
      .replace(/(<svg[^>]*\s)height="([\d.]+)pt"/, '$1height="$2"')
      .replace('<svg', `<svg x="0" y="${offset}"`);
    parts.push(nested);
    width = Math.max(width, Number(size[1]));
    offset += Number(size[2]) + gap;
  }
  const height = Math.max(offset - gap, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}">`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
