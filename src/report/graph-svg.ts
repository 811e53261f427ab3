import * as dagreUntyped from '@dagrejs/dagre';

interface Point {
  x: number;
  y: number;
}
interface NodeLabel {
  width: number;
  height: number;
  x?: number;
  y?: number;
}
interface EdgeLabel {
  points?: Point[];
}
/**
 * The part of dagre's graph this renderer uses. dagre ships declarations, but they import graphlib's
 * without file extensions, which NodeNext resolution cannot follow, so the class reads as `any`.
 */
interface LayoutGraph {
  setGraph(label: Record<string, string | number>): void;
  setDefaultEdgeLabel(label: () => EdgeLabel): void;
  setNode(name: string, label: NodeLabel): void;
  setEdge(from: string, to: string): void;
  hasNode(name: string): boolean;
  nodes(): string[];
  node(name: string): NodeLabel;
  edges(): { v: string; w: string }[];
  edge(from: string, to: string): EdgeLabel | undefined;
}
const dagre = dagreUntyped as unknown as {
  Graph: new (options: { multigraph: boolean }) => LayoutGraph;
  layout(graph: LayoutGraph): void;
};
import type { Analysis } from './analysis.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The dependency graph as a self-contained SVG, laid out left to right by dagre: stateful
 * services are drawn as storage (teal, double border), one-shot jobs dashed, the entry in bold.
 */
export function renderGraphSvg(a: Analysis): string {
  const g = new dagre.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 70, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  // After layout every node has its centre.
  const at = (name: string) => {
    const n = g.node(name);
    return { x: n.x ?? 0, y: n.y ?? 0, width: n.width, height: n.height };
  };
  for (const s of a.services) g.setNode(s.name, { width: Math.max(90, s.name.length * 8 + 36), height: 46 });
  for (const e of a.edges) if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to);
  dagre.layout(g);
  // Edge routes may leave the nodes' box: frame everything that is drawn.
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  const grow = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const name of g.nodes()) {
    const n = at(name);
    grow(n.x - n.width / 2 - 8, n.y - n.height / 2 - 8);
    grow(n.x + n.width / 2 + 8, n.y + n.height / 2 + 8);
  }
  for (const e of g.edges()) {
    for (const p of g.edge(e.v, e.w)?.points ?? []) {
      grow(p.x - 8, p.y - 8);
      grow(p.x + 8, p.y + 8);
    }
  }
  const width = Math.ceil(maxX - minX);
  const height = Math.ceil(maxY - minY);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="${Math.floor(minX)} ${Math.floor(minY)} ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Dependency graph of ${esc(a.project)}">`,
  );
  parts.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#64748b"/></marker></defs>',
  );
  for (const e of a.edges) {
    const edge = g.edge(e.from, e.to);
    if (!edge?.points?.length) continue;
    const d = edge.points.map((p: Point, i: number) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const healthy = e.condition === 'service_healthy' || e.condition === 'service_completed_successfully';
    parts.push(
      `<path class="edge${healthy ? ' waits' : ''}" d="${d}" fill="none" stroke="#64748b" stroke-width="${healthy ? 1.8 : 1.2}"${e.kinds.includes('depends_on') ? '' : ' stroke-dasharray="4 3"'} marker-end="url(#arrow)"><title>${esc(`${e.from} → ${e.to} (${e.kinds.join(', ')}${e.condition ? `, ${e.condition}` : ''})`)}</title></path>`,
    );
  }
  for (const s of a.services) {
    const n = at(s.name);
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    const cls = ['node', s.stateful ? 'stateful' : '', s.oneShot ? 'job' : '', s.exposure === 'entry' ? 'entry' : '']
      .filter(Boolean)
      .join(' ');
    const fill = s.stateful ? '#ccfbf1' : s.oneShot ? '#fef9c3' : '#e0e7ff';
    const stroke = s.stateful ? '#0f766e' : s.oneShot ? '#a16207' : '#4338ca';
    parts.push(
      `<g class="${cls}" data-service="${esc(s.name)}"><title>${esc(`${s.name}: ${s.role}${s.stateful ? ', stateful' : ''}`)}</title>`,
    );
    if (s.stateful)
      parts.push(
        `<rect x="${(x - 3).toFixed(1)}" y="${(y - 3).toFixed(1)}" width="${(n.width + 6).toFixed(1)}" height="${(n.height + 6).toFixed(1)}" rx="10" fill="none" stroke="${stroke}" stroke-width="1"/>`,
      );
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.width.toFixed(1)}" height="${n.height.toFixed(1)}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="${s.exposure === 'entry' ? 3 : 1.5}"${s.oneShot ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
    parts.push(
      `<text x="${n.x.toFixed(1)}" y="${(n.y - 3).toFixed(1)}" text-anchor="middle" font-size="13" font-weight="600" fill="#0f172a">${esc(s.name)}</text>`,
    );
    parts.push(
      `<text x="${n.x.toFixed(1)}" y="${(n.y + 13).toFixed(1)}" text-anchor="middle" font-size="10.5" fill="#475569">${esc(s.role + (s.stateful ? ' · data' : ''))}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
