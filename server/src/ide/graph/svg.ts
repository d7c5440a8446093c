/**
 * Renders a laid-out diagram as SVG text. Template content is untrusted, so every text and attribute
 * is escaped and characters XML forbids are replaced; the output has no scripts, no event handlers,
 * no `style` attributes (a webview's content security policy would refuse them) and no external
 * references. Elements carry CSS classes for their kind and state (`subnet`, `interface`,
 * `edge-blocked`…), and boxes that stand for a resource carry `data-logical-id` and `data-file` so
 * that a viewer can reveal the resource on a click. Colours come from CSS variables (`--cnl-…`) with
 * light defaults, which the editor's webview maps to the theme's colours. One element per line, in a
 * fixed order, so that the same layout always gives the same text.
 */
import type { BoxShape, EdgeLabelShape, EdgeShape, Layout, Point, TextItem } from './layout';
import type { EdgeState } from './graph-model';

export interface SvgOptions {
  /**
   * Put the stylesheet inside the SVG (the default), for a standalone file. The editor's webview
   * passes false and adds `DIAGRAM_CSS` itself, under its content security policy's nonce.
   */
  readonly embedStyle?: boolean;
}

const STATES: readonly EdgeState[] = ['allowed', 'blocked', 'unknown'];

/**
 * The stylesheet: every colour is a CSS variable with a default for a light background. A host maps
 * the variables to its own colours (the webview maps them to VS Code's theme colours).
 */
export const DIAGRAM_CSS = `.cnl-diagram { font-family: var(--cnl-font-family, system-ui, -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif); }
.cnl-diagram .background { fill: var(--cnl-background, #ffffff); }
.cnl-diagram text { fill: var(--cnl-foreground, #1f2328); white-space: pre; }
.cnl-diagram .t-vpc-name { font-size: 14px; font-weight: 700; }
.cnl-diagram .t-name { font-size: 12px; font-weight: 600; }
.cnl-diagram .t-zone { font-size: 11px; font-weight: 600; fill: var(--cnl-muted, #59636e); }
.cnl-diagram .t-detail, .cnl-diagram .t-legend { font-size: 11px; fill: var(--cnl-muted, #59636e); }
.cnl-diagram .t-legend { fill: var(--cnl-foreground, #1f2328); }
.cnl-diagram .t-band { font-size: 12px; font-family: var(--cnl-mono-font-family, ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace); }
.cnl-diagram .t-tag, .cnl-diagram .t-edge-label { font-size: 10px; font-weight: 600; }
.cnl-diagram .t-edge-label { font-size: 11px; }
.cnl-diagram .vpc > .frame { fill: var(--cnl-vpc-fill, #f6f8fa); stroke: var(--cnl-vpc-stroke, #6e7781); stroke-width: 1.5; }
.cnl-diagram .dns-coverage > .frame { fill: var(--cnl-dns-tint, #f3ecfd); stroke: var(--cnl-dns-stroke, #a475f9); stroke-dasharray: 3 3; }
.cnl-diagram .coverage-caption { fill: var(--cnl-dns-text, #6639ba); font-weight: 600; }
.cnl-diagram .dns > .frame { fill: var(--cnl-dns-fill, #e9dcfd); stroke: var(--cnl-dns-stroke, #a475f9); }
.cnl-diagram .dns .t-band, .cnl-diagram .band-tag { fill: var(--cnl-dns-text, #6639ba); }
.cnl-diagram .dns.dns-unknown > .frame { fill: var(--cnl-vpc-fill, #f6f8fa); stroke-dasharray: 5 3; }
.cnl-diagram .zone > .frame { fill: var(--cnl-zone-fill, #eaeef2); stroke: none; }
.cnl-diagram .subnet > .frame { fill: var(--cnl-subnet-fill, #ffffff); stroke: var(--cnl-subnet-stroke, #8c959f); }
.cnl-diagram .subnet.route-internet > .frame { stroke: var(--cnl-internet, #1a7f37); }
.cnl-diagram .subnet.route-unknown > .frame { stroke: var(--cnl-unknown, #9a6700); }
.cnl-diagram .t-detail.route-internet { fill: var(--cnl-internet, #1a7f37); font-weight: 600; }
.cnl-diagram .t-detail.route-closed { fill: var(--cnl-muted, #59636e); font-weight: 600; }
.cnl-diagram .t-detail.route-unknown, .cnl-diagram .unknown-value { fill: var(--cnl-unknown, #9a6700); }
.cnl-diagram .workload > .frame { fill: var(--cnl-workload-fill, #ddf4ff); stroke: var(--cnl-workload-stroke, #0969da); }
.cnl-diagram .interface > .frame { fill: var(--cnl-interface-fill, #fbefff); stroke: var(--cnl-interface-stroke, #8250df); }
.cnl-diagram .gateway-route > .frame { fill: none; stroke: none; }
.cnl-diagram .endpoint > .frame { fill: var(--cnl-subnet-fill, #ffffff); stroke: var(--cnl-interface-stroke, #8250df); }
.cnl-diagram .note > .frame, .cnl-diagram .legend > .frame { fill: var(--cnl-background, #ffffff); stroke: var(--cnl-subnet-stroke, #8c959f); }
.cnl-diagram .conditional > .frame, .cnl-diagram .conditional-sample > .frame { stroke-dasharray: 5 3; }
.cnl-diagram .conditional-sample > .frame { fill: none; stroke: var(--cnl-subnet-stroke, #8c959f); }
.cnl-diagram .undeclared > .frame { stroke-dasharray: 2 3; }
.cnl-diagram .condition { fill: var(--cnl-muted, #59636e); }
.cnl-diagram .client-note { fill: var(--cnl-muted, #59636e); font-weight: 400; font-style: italic; }
.cnl-diagram .edge { fill: none; stroke-width: 1.75; }
.cnl-diagram .edge-allowed { stroke: var(--cnl-allowed, #1a7f37); }
.cnl-diagram .edge-blocked { stroke: var(--cnl-blocked, #cf222e); stroke-dasharray: 7 3; }
.cnl-diagram .edge-unknown { stroke: var(--cnl-unknown, #9a6700); stroke-dasharray: 2 3; }
.cnl-diagram .arrow-allowed { fill: var(--cnl-allowed, #1a7f37); }
.cnl-diagram .arrow-blocked { fill: var(--cnl-blocked, #cf222e); }
.cnl-diagram .arrow-unknown { fill: var(--cnl-unknown, #9a6700); }
.cnl-diagram .edge-label > .frame { fill: var(--cnl-background, #ffffff); stroke-width: 1; }
.cnl-diagram .edge-label > .leader { fill: none; stroke-width: 1; stroke-dasharray: 1 2; }
.cnl-diagram .edge-label-blocked > .frame, .cnl-diagram .edge-label-blocked > .leader { stroke: var(--cnl-blocked, #cf222e); }
.cnl-diagram .edge-label-blocked > text { fill: var(--cnl-blocked, #cf222e); }
.cnl-diagram .edge-label-unknown > .frame, .cnl-diagram .edge-label-unknown > .leader { stroke: var(--cnl-unknown, #9a6700); }
.cnl-diagram .edge-label-unknown > text { fill: var(--cnl-unknown, #9a6700); }
.cnl-diagram [data-logical-id] { cursor: pointer; }
.cnl-diagram .focus > .frame { stroke: var(--cnl-focus, #0969da); stroke-width: 3; }
`;

/** The SVG text of a layout. */
export function renderSvg(layout: Layout, options: SvgOptions = {}): string {
  const lines: string[] = [];
  lines.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="cnl-diagram" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="cnl-diagram-title">`,
  );
  lines.push(`<title id="cnl-diagram-title">${escapeXml(layout.title)}</title>`);
  if (options.embedStyle !== false) lines.push(`<style>\n${DIAGRAM_CSS}</style>`);
  lines.push('<defs>');
  for (const state of STATES) {
    lines.push(`<marker id="cnl-arrow-${state}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="arrow arrow-${state}" d="M0,0 L10,5 L0,10 z"/></marker>`);
  }
  lines.push('</defs>');
  lines.push(`<rect class="background" x="0" y="0" width="${layout.width}" height="${layout.height}"/>`);
  for (const box of layout.boxes) {
    if (box.kind !== 'legend') renderBox(box, lines, 0);
  }
  lines.push('<g class="edges">');
  for (const edge of layout.edges) renderEdge(edge, lines);
  lines.push('</g>');
  lines.push('<g class="edge-labels">');
  for (const label of layout.labels) renderLabel(label, lines);
  lines.push('</g>');
  for (const box of layout.boxes) {
    if (box.kind === 'legend') renderBox(box, lines, 0);
  }
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}

function renderBox(box: BoxShape, lines: string[], depth: number): void {
  const indent = '  '.repeat(depth);
  const data = box.source ? ` data-logical-id="${escapeXml(box.source.logicalId)}" data-file="${escapeXml(box.source.file)}"` : '';
  lines.push(`${indent}<g class="${[box.kind, ...box.classes].join(' ')}"${data}>`);
  if (box.title !== undefined) lines.push(`${indent}  <title>${escapeXml(box.title)}</title>`);
  const { x, y, width, height } = box.rect;
  if (box.kind !== 'legend-item') lines.push(`${indent}  <rect class="frame" x="${x}" y="${y}" width="${width}" height="${height}" rx="${box.radius}"/>`);
  if (box.sample?.kind === 'edge') {
    const state = box.sample.state;
    lines.push(`${indent}  <path class="edge edge-${state}" d="M${x},${y + 9} H${x + 26}" marker-end="url(#cnl-arrow-${state})"/>`);
  } else if (box.sample?.kind === 'box') {
    lines.push(`${indent}  <g class="${box.sample.classes.join(' ')}"><rect class="frame" x="${x}" y="${y + 2}" width="26" height="14" rx="3"/></g>`);
  }
  for (const text of box.texts) lines.push(`${indent}  ${renderText(text)}`);
  for (const child of box.children) renderBox(child, lines, depth + 1);
  lines.push(`${indent}</g>`);
}

function renderText(text: TextItem): string {
  const anchor = text.anchor === 'start' ? '' : ` text-anchor="${text.anchor}"`;
  const classes = [`t-${text.style}`, ...(text.classes ?? [])].join(' ');
  const title = text.title !== undefined ? `<title>${escapeXml(text.title)}</title>` : '';
  return `<text class="${classes}" x="${round(text.x)}" y="${round(text.y)}"${anchor}>${title}${escapeXml(text.text)}</text>`;
}

function renderEdge(edge: EdgeShape, lines: string[]): void {
  const from = edge.from ? ` data-from="${escapeXml(edge.from.logicalId)}"` : '';
  const to = edge.to ? ` data-to="${escapeXml(edge.to.logicalId)}"` : '';
  lines.push(`  <path class="edge edge-${edge.state}" d="${pathData(edge.points)}" marker-end="url(#cnl-arrow-${edge.state})"${from}${to}><title>${escapeXml(edge.title)}</title></path>`);
}

function renderLabel(label: EdgeLabelShape, lines: string[]): void {
  const { x, y, width, height } = label.rect;
  lines.push(`  <g class="edge-label edge-label-${label.state}">`);
  lines.push(`    <title>${escapeXml(label.title)}</title>`);
  lines.push(`    <path class="leader" d="${pathData(label.leader)}"/>`);
  lines.push(`    <rect class="frame" x="${x}" y="${y}" width="${width}" height="${height}" rx="3"/>`);
  lines.push(`    <text class="t-edge-label" x="${x + 5}" y="${y + height - 4}">${escapeXml(label.text)}</text>`);
  lines.push('  </g>');
}

function pathData(points: readonly Point[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)},${round(point.y)}`).join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Text safe inside an element or a double- or single-quoted attribute: markup characters become
 * entities, and characters XML 1.0 does not allow (most control characters, lone surrogates,
 * U+FFFE and U+FFFF) become U+FFFD, so that no template content can break the document.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
