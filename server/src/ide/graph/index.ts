/**
 * The network diagram's public surface: `renderDiagram(analysis, options)` draws the VPCs of an
 * analysis as SVG or Mermaid text through one model (`graph-model.ts`) and one layout (`layout.ts`),
 * for the CLI's `graph` command and the editor's diagram view alike.
 */
import type { Analysis } from '../analysis';
import { buildDiagram, type Diagram, type DiagramOptions, type ElementSource } from './graph-model';
import { layoutDiagram } from './layout';
import { renderMermaid } from './mermaid';
import { renderSvg } from './svg';

export type DiagramFormat = 'svg' | 'mermaid';

export interface RenderOptions extends DiagramOptions {
  readonly format?: DiagramFormat;
  /** For SVG: embed the stylesheet (default true); the webview brings its own. */
  readonly embedStyle?: boolean;
}

export interface RenderedDiagram {
  readonly text: string;
  readonly diagram: Diagram;
  /** Every resource drawn, once each, in drawing order: what a click may reveal. */
  readonly resources: readonly ElementSource[];
}

/** Draw the VPCs of an analysis. */
export function renderDiagram(analysis: Analysis, options: RenderOptions = {}): RenderedDiagram {
  const diagram = buildDiagram(analysis, options);
  const text = options.format === 'mermaid' ? renderMermaid(diagram) : renderSvg(layoutDiagram(diagram), { embedStyle: options.embedStyle !== false });
  return { text, diagram, resources: resourcesOf(diagram) };
}

/** The resources a diagram draws, without repeats. */
export function resourcesOf(diagram: Diagram): ElementSource[] {
  const seen = new Map<string, ElementSource>();
  const add = (source: ElementSource | undefined): void => {
    if (source && !seen.has(`${source.file}#${source.logicalId}`)) seen.set(`${source.file}#${source.logicalId}`, source);
  };
  for (const vpc of diagram.vpcs) {
    add(vpc.source);
    for (const band of vpc.privateDns) add(band.source);
    for (const zone of vpc.zones) {
      for (const subnet of zone.subnets) {
        add(subnet.source);
        for (const item of [...subnet.workloads, ...subnet.interfaces, ...subnet.gateways]) add(item.source);
      }
    }
    for (const endpoint of vpc.endpoints) add(endpoint.source);
  }
  return [...seen.values()];
}

export { buildDiagram, type Diagram, type DiagramOptions, type ElementSource } from './graph-model';
export { layoutDiagram } from './layout';
export { renderSvg, DIAGRAM_CSS, escapeXml } from './svg';
export { renderMermaid } from './mermaid';
