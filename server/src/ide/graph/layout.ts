/**
 * Places the diagram on a grid, the way people draw VPCs: one frame per VPC, Availability Zones as
 * columns, subnets of one tier (public, NAT, closed…) in one row across the zones, workloads and
 * endpoint interfaces as rows inside their subnet, the private-DNS names as bands over a tint that
 * covers the whole VPC, and gateway endpoints below the grid. Edges are orthogonal: each leaves its
 * client on the right into a lane of the gutter beside the client's column, runs down or up that
 * lane, and enters the endpoint interface from the right; an edge to another column crosses over on
 * a track below the grid. Edges from one client with the same verdict share a lane, so a client that
 * calls three endpoints draws one trunk with three arrowheads. The grid needs no general graph layout
 * (see docs/diagram.md for the measurements behind that choice). Text widths are estimated from
 * character classes, with room to spare; text that does not fit is cut with an ellipsis and kept
 * whole in the tooltip. Coordinates are integers, so the same diagram always gives the same picture.
 */
import type { Diagram, DiagramEdge, DiagramSubnet, DiagramVpc, EdgeState, ElementSource } from './graph-model';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type TextStyle = 'vpc-name' | 'name' | 'detail' | 'zone' | 'band' | 'tag' | 'edge-label' | 'legend';

export interface TextItem {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly style: TextStyle;
  readonly anchor: 'start' | 'middle' | 'end';
  /** Extra classes, such as the route state of a subnet. */
  readonly classes?: readonly string[];
  /** The whole text, or why a value is unknown, for a tooltip. */
  readonly title?: string;
}

export type BoxKind = 'vpc' | 'dns-coverage' | 'dns' | 'zone' | 'subnet' | 'workload' | 'interface' | 'gateway-route' | 'endpoint' | 'note' | 'legend' | 'legend-item';

export interface BoxShape {
  readonly kind: BoxKind;
  readonly classes: readonly string[];
  readonly rect: Rect;
  readonly radius: number;
  readonly source?: ElementSource;
  readonly title?: string;
  readonly texts: readonly TextItem[];
  readonly children: readonly BoxShape[];
  /** A small drawing inside the box (a legend sample): an edge of this state, or a box of this kind. */
  readonly sample?: { readonly kind: 'edge'; readonly state: EdgeState } | { readonly kind: 'box'; readonly classes: readonly string[] };
}

export interface EdgeShape {
  readonly id: string;
  readonly state: EdgeState;
  readonly points: readonly Point[];
  readonly from: ElementSource | undefined;
  readonly to: ElementSource | undefined;
  readonly title: string;
}

export interface EdgeLabelShape {
  readonly state: EdgeState;
  readonly text: string;
  readonly rect: Rect;
  /** From the edge's lane to the label. */
  readonly leader: readonly Point[];
  readonly title: string;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  /** One sentence naming what is drawn, for the picture's accessible name. */
  readonly title: string;
  readonly boxes: readonly BoxShape[];
  readonly edges: readonly EdgeShape[];
  readonly labels: readonly EdgeLabelShape[];
}

// ── Measures (pixels) ────────────────────────────────────────────────────────────────────────

const MARGIN = 16;
const VPC_PAD = 16;
const VPC_GAP = 24;
const VPC_HEADER = 40;
const BAND_HEIGHT = 24;
const BAND_GAP = 6;
const ZONE_HEADER = 24;
const ROW_GAP = 18;
const SUBNET_HEADER = 44;
const SUBNET_PAD = 8;
const ITEM_HEIGHT = 24;
const ITEM_GAP = 6;
const GATEWAY_ROW = 18;
const COLUMN_MIN = 220;
const COLUMN_MAX = 420;
const GUTTER_BASE = 14;
const LANE = 8;
const TRACK = 8;
const LABEL_HEIGHT = 15;
const STRIP_BOX_HEIGHT = 56;
const STRIP_GAP = 12;

const FONT_SIZES: Readonly<Record<TextStyle, number>> = { 'vpc-name': 14, name: 12, detail: 11, zone: 11, band: 12, tag: 10, 'edge-label': 11, legend: 11 };
/** Measured against DejaVu Sans, a wide font, in Chromium: estimates came within 16 %; this covers the rest. */
const SAFETY = 1.12;
const BOLD: ReadonlySet<TextStyle> = new Set(['vpc-name', 'name', 'zone', 'tag', 'edge-label']);

/**
 * An estimate of a text's width, generous on purpose: the picture is rendered with whatever sans-serif
 * font the viewer has, and a box a little too wide reads better than a text that overflows.
 */
export function textWidth(text: string, style: TextStyle): number {
  const size = FONT_SIZES[style];
  // Bands are set in a monospace font, where every character is 0.6 em wide.
  if (style === 'band') return Math.ceil([...text].length * 0.62 * size * SAFETY);
  let ems = 0;
  for (const char of text) {
    if (' .,:;|!il\'Ijtf()[]·'.includes(char)) ems += 0.34;
    else if ('mwMW@%'.includes(char)) ems += 0.9;
    else if (/[A-Z]/.test(char)) ems += 0.7;
    else if (/[a-z0-9]/.test(char)) ems += 0.6;
    else if (char.charCodeAt(0) > 0x7f) ems += 0.9;
    else ems += 0.62;
  }
  return Math.ceil(ems * size * (BOLD.has(style) ? 1.12 : 1) * SAFETY);
}

/** The text cut with an ellipsis to fit `width`. */
export function fitText(text: string, style: TextStyle, width: number): string {
  if (textWidth(text, style) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, style) > width) chars.pop();
  return `${chars.join('')}…`;
}

// ── The diagram ─────────────────────────────────────────────────────────────────────────────

/** Lays out a whole diagram: its VPCs one under the other, then the legend. */
export function layoutDiagram(diagram: Diagram): Layout {
  const boxes: BoxShape[] = [];
  const edges: EdgeShape[] = [];
  const labels: EdgeLabelShape[] = [];
  let y = MARGIN;
  let width = 0;
  for (const vpc of diagram.vpcs) {
    const placed = layoutVpc(vpc, MARGIN, y);
    boxes.push(placed.box);
    edges.push(...placed.edges);
    labels.push(...placed.labels);
    y += placed.box.rect.height + VPC_GAP;
    width = Math.max(width, placed.box.rect.width);
  }
  if (diagram.vpcs.length === 0) {
    const text = diagram.empty ?? 'Nothing to draw.';
    const noteWidth = textWidth(text, 'name') + 32;
    boxes.push({ kind: 'note', classes: [], rect: { x: MARGIN, y, width: noteWidth, height: 40 }, radius: 6, texts: [{ text, x: MARGIN + 16, y: y + 25, style: 'name', anchor: 'start' }], children: [] });
    y += 40 + VPC_GAP;
    width = Math.max(width, noteWidth);
  }
  const legend = layoutLegend(MARGIN, y, Math.max(width, 600));
  boxes.push(legend);
  width = Math.max(width, legend.rect.width);
  const names = diagram.vpcs.map((vpc) => vpc.label.text);
  return {
    width: width + 2 * MARGIN,
    height: y + legend.rect.height + MARGIN,
    title: names.length > 0 ? `Network diagram of ${names.join(', ')}` : 'Network diagram',
    boxes,
    edges,
    labels,
  };
}

// ── One VPC ─────────────────────────────────────────────────────────────────────────────────

interface NodePlace {
  /** Column (zone index). */
  readonly column: number;
  /** The box the edge attaches to. */
  rect: Rect;
  readonly source: ElementSource | undefined;
  /** For a subnet that is a client, edges leave from its name line rather than the middle of the box. */
  readonly anchorY?: number;
}

interface Bundle {
  readonly key: string;
  readonly from: string;
  readonly state: EdgeState;
  readonly label: string;
  readonly sourceColumn: number;
  readonly targetColumn: number;
  readonly edges: DiagramEdge[];
  exitY: number;
  arrivals: Map<string, number>;
  sourceLane: number;
  targetLane: number;
  track: number;
}

function layoutVpc(vpc: DiagramVpc, x0: number, y0: number): { box: BoxShape; edges: EdgeShape[]; labels: EdgeLabelShape[] } {
  const zones = vpc.zones;
  const conditional = (condition: string | undefined): string[] => (condition ? ['conditional'] : []);

  // Rows: each tier gets as many rows as its largest zone needs.
  const rowsOfTier = vpc.tiers.map((_, tier) => Math.max(1, ...zones.map((zone) => zone.subnets.filter((subnet) => subnet.tier === tier).length)));
  const tierStart: number[] = [];
  let rowCount = 0;
  for (const rows of rowsOfTier) {
    tierStart.push(rowCount);
    rowCount += rows;
  }
  const rowOf = new Map<string, number>();
  for (const zone of zones) {
    const seen = new Map<number, number>();
    for (const subnet of zone.subnets) {
      const index = seen.get(subnet.tier) ?? 0;
      seen.set(subnet.tier, index + 1);
      rowOf.set(subnet.id, (tierStart[subnet.tier] ?? 0) + index);
    }
  }

  // Vertical measures first: they do not depend on the widths.
  const subnetHeight = (subnet: DiagramSubnet): number => {
    const items = subnet.workloads.length + subnet.interfaces.length;
    const body = items * (ITEM_HEIGHT + ITEM_GAP) + subnet.gateways.length * GATEWAY_ROW;
    return Math.max(SUBNET_HEADER + 8, SUBNET_HEADER + body + (body > 0 ? SUBNET_PAD - ITEM_GAP + 4 : 0));
  };
  const rowHeights = Array.from({ length: rowCount }, () => 0);
  for (const zone of zones) {
    for (const subnet of zone.subnets) {
      const row = rowOf.get(subnet.id) ?? 0;
      rowHeights[row] = Math.max(rowHeights[row] ?? 0, subnetHeight(subnet));
    }
  }
  // Rows that no zone fills (a tier with fewer subnets in every zone) collapse.
  const bands = vpc.privateDns;
  const bandsTop = y0 + VPC_HEADER;
  const zonesTop = bandsTop + bands.length * (BAND_HEIGHT + BAND_GAP) + (bands.length > 0 ? 6 : 0);
  const gridTop = zonesTop + ZONE_HEADER + 4;
  const rowTops: number[] = [];
  let cursor = gridTop;
  for (const height of rowHeights) {
    rowTops.push(cursor);
    cursor += height > 0 ? height + ROW_GAP : 0;
  }
  const gridBottom = zones.length > 0 ? cursor - ROW_GAP : gridTop + 24;

  // Where every node is (vertically), and the column widths its texts need.
  const places = new Map<string, NodePlace>();
  const columnWidths = zones.map((zone) => {
    let needed = textWidth(zone.label.text, 'zone') + 24;
    for (const subnet of zone.subnets) {
      needed = Math.max(needed, textWidth(subnet.label, 'name') + textWidth(subnet.route.text, 'detail') + 40);
      needed = Math.max(needed, textWidth(subnet.cidr.text, 'detail') + (subnet.condition ? textWidth(`if ${subnet.condition}`, 'tag') + 16 : 0) + 24);
      for (const item of [...subnet.workloads, ...subnet.interfaces]) {
        needed = Math.max(needed, textWidth(item.label, 'name') + textWidth(item.detail + (item.condition ? ` · if ${item.condition}` : ''), 'detail') + 2 * SUBNET_PAD + 28);
      }
      for (const gateway of subnet.gateways) needed = Math.max(needed, textWidth(`→ ${gateway.label} ${gateway.detail}`, 'detail') + 2 * SUBNET_PAD + 16);
    }
    return Math.min(COLUMN_MAX, Math.max(COLUMN_MIN, Math.ceil(needed)));
  });
  zones.forEach((zone, column) => {
    for (const subnet of zone.subnets) {
      const top = rowTops[rowOf.get(subnet.id) ?? 0] ?? gridTop;
      places.set(subnet.id, { column, rect: { x: 0, y: top, width: 0, height: SUBNET_HEADER }, source: subnet.source, anchorY: top + 17 });
      let itemTop = top + SUBNET_HEADER;
      for (const item of [...subnet.workloads, ...subnet.interfaces]) {
        places.set(item.id, { column, rect: { x: 0, y: itemTop, width: 0, height: ITEM_HEIGHT }, source: item.source });
        itemTop += ITEM_HEIGHT + ITEM_GAP;
      }
    }
  });

  // Bundles: the edges of one client with one verdict into one column share a lane.
  const bundles = new Map<string, Bundle>();
  for (const edge of vpc.edges) {
    const from = places.get(edge.from);
    const to = places.get(edge.to);
    if (!from || !to) continue;
    const key = `${edge.from}|${edge.state}|${edge.label}|${to.column}`;
    let bundle = bundles.get(key);
    if (!bundle) {
      bundle = { key, from: edge.from, state: edge.state, label: edge.label, sourceColumn: from.column, targetColumn: to.column, edges: [], exitY: 0, arrivals: new Map(), sourceLane: 0, targetLane: 0, track: -1 };
      bundles.set(key, bundle);
    }
    bundle.edges.push(edge);
  }
  const bundleList = [...bundles.values()];
  // Exits: bundles leaving one box spread over its side; arrivals likewise over the interface's side.
  const bySource = groupBy(bundleList, (bundle) => bundle.from);
  for (const list of bySource.values()) {
    list.forEach((bundle, index) => {
      const place = places.get(bundle.from);
      if (!place) return;
      const middle = place.anchorY ?? place.rect.y + place.rect.height / 2;
      bundle.exitY = Math.round(middle + (index - (list.length - 1) / 2) * 6);
    });
  }
  const arrivalsAt = new Map<string, Bundle[]>();
  for (const bundle of bundleList) {
    for (const edge of bundle.edges) {
      const list = arrivalsAt.get(edge.to) ?? [];
      if (!list.includes(bundle)) list.push(bundle);
      arrivalsAt.set(edge.to, list);
    }
  }

  // Lanes per gutter, shortest span innermost so that nested spans do not cross.
  const spanOf = (bundle: Bundle): [number, number] => {
    const ys = [bundle.exitY];
    for (const edge of bundle.edges) {
      const target = places.get(edge.to);
      if (target) ys.push(target.rect.y + target.rect.height / 2);
    }
    if (bundle.sourceColumn !== bundle.targetColumn) ys.push(Number.MAX_SAFE_INTEGER / 2);
    return [Math.min(...ys), Math.max(...ys)];
  };
  const lanesOf = zones.map((_, gutter) => {
    const users: { bundle: Bundle; role: 'source' | 'target'; span: [number, number] }[] = [];
    for (const bundle of bundleList) {
      if (bundle.sourceColumn === gutter) users.push({ bundle, role: 'source', span: spanOf(bundle) });
      else if (bundle.targetColumn === gutter) users.push({ bundle, role: 'target', span: spanOf(bundle) });
    }
    users.sort((a, b) => a.span[1] - a.span[0] - (b.span[1] - b.span[0]) || a.span[0] - b.span[0] || compare(a.bundle.key, b.bundle.key));
    users.forEach((user, index) => {
      if (user.role === 'source') user.bundle.sourceLane = index;
      else user.bundle.targetLane = index;
    });
    return users.length;
  });
  // Arrival order at an interface follows the lanes, inner lane on top, so that arrivals do not cross each other.
  for (const [target, list] of arrivalsAt) {
    const laneAt = (bundle: Bundle): number => (bundle.sourceColumn === bundle.targetColumn ? bundle.sourceLane : bundle.targetLane);
    list.sort((a, b) => laneAt(a) - laneAt(b));
    const place = places.get(target);
    if (!place) continue;
    list.forEach((bundle, index) => bundle.arrivals.set(target, Math.round(place.rect.y + (place.rect.height * (index + 1)) / (list.length + 1))));
  }
  const crossing = bundleList.filter((bundle) => bundle.sourceColumn !== bundle.targetColumn);
  crossing.sort((a, b) => Math.abs(a.sourceColumn - a.targetColumn) - Math.abs(b.sourceColumn - b.targetColumn) || compare(a.key, b.key));
  crossing.forEach((bundle, index) => (bundle.track = index));

  // Widths: a gutter holds its lanes and the labels of the edges that leave from its column.
  const labelWidths = zones.map((_, gutter) =>
    Math.max(0, ...bundleList.filter((bundle) => bundle.sourceColumn === gutter && bundle.state !== 'allowed').map((bundle) => textWidth(bundle.label, 'edge-label') + 10)),
  );
  const gutterWidths = zones.map((_, gutter) => GUTTER_BASE + (lanesOf[gutter] ?? 0) * LANE + ((labelWidths[gutter] ?? 0) > 0 ? 6 + (labelWidths[gutter] ?? 0) : 0));
  const columnX: number[] = [];
  let x = x0 + VPC_PAD;
  zones.forEach((_, column) => {
    columnX.push(x);
    x += (columnWidths[column] ?? COLUMN_MIN) + (gutterWidths[column] ?? GUTTER_BASE);
  });
  const gridWidth = zones.length > 0 ? x - (x0 + VPC_PAD) : 0;
  const laneX = (column: number, lane: number): number => (columnX[column] ?? 0) + (columnWidths[column] ?? 0) + 12 + lane * LANE;
  const labelX = (column: number): number => laneX(column, lanesOf[column] ?? 0) + 2;

  // Now the horizontal positions of the nodes.
  for (const place of places.values()) {
    const column = columnX[place.column] ?? 0;
    const width = columnWidths[place.column] ?? COLUMN_MIN;
    const isSubnet = place.anchorY !== undefined;
    place.rect = isSubnet ? { ...place.rect, x: column, width } : { ...place.rect, x: column + SUBNET_PAD, width: width - 2 * SUBNET_PAD };
  }

  // Bus tracks below the grid, then the strip of endpoints without interfaces.
  // The tint that shows private DNS covering the VPC ends below the grid with its caption.
  const covered = bands.some((band) => band.state === 'on');
  const coverageBottom = gridBottom + (covered ? 22 : 0);
  const busTop = coverageBottom + 12;
  const busHeight = crossing.length > 0 ? 8 + crossing.length * TRACK : 0;
  const stripTop = busTop + busHeight + (crossing.length > 0 ? 4 : 0);
  const strip: BoxShape[] = [];
  let stripX = x0 + VPC_PAD;
  let stripY = stripTop;
  const stripLimit = Math.max(gridWidth, 480);
  for (const endpoint of vpc.endpoints) {
    const label = endpoint.label + (endpoint.condition ? `  if ${endpoint.condition}` : '');
    const width = Math.min(COLUMN_MAX + 120, Math.max(textWidth(label, 'name'), textWidth(endpoint.detail, 'detail'), textWidth(endpoint.note.text, 'detail')) + 24);
    if (stripX > x0 + VPC_PAD && stripX + width > x0 + VPC_PAD + stripLimit) {
      stripX = x0 + VPC_PAD;
      stripY += STRIP_BOX_HEIGHT + STRIP_GAP;
    }
    strip.push({
      kind: 'endpoint',
      classes: [endpoint.kind, ...conditional(endpoint.condition)],
      rect: { x: stripX, y: stripY, width, height: STRIP_BOX_HEIGHT },
      radius: 6,
      source: endpoint.source,
      title: `${endpoint.label}: ${endpoint.detail}; ${endpoint.note.text}${endpoint.note.unknown ? ` (${endpoint.note.unknown})` : ''}${endpoint.condition ? `; only if ${endpoint.condition}` : ''}`,
      texts: [
        { text: fitText(endpoint.label, 'name', width - 20), x: stripX + 10, y: stripY + 18, style: 'name', anchor: 'start' },
        ...(endpoint.condition ? [{ text: `if ${endpoint.condition}`, x: stripX + width - 10, y: stripY + 18, style: 'tag' as const, anchor: 'end' as const, classes: ['condition'] }] : []),
        { text: fitText(endpoint.detail, 'detail', width - 20), x: stripX + 10, y: stripY + 34, style: 'detail', anchor: 'start' },
        { text: fitText(endpoint.note.text, 'detail', width - 20), x: stripX + 10, y: stripY + 48, style: 'detail', anchor: 'start', classes: endpoint.note.unknown ? ['unknown-value'] : [], ...(endpoint.note.unknown ? { title: endpoint.note.unknown } : {}) },
      ],
      children: [],
    });
    stripX += width + STRIP_GAP;
  }
  const stripRight = Math.max(x0 + VPC_PAD, ...strip.map((box) => box.rect.x + box.rect.width));
  const stripBottom = strip.length > 0 ? stripY + STRIP_BOX_HEIGHT : stripTop - 12;

  // The frame.
  const header = headerTexts(vpc, x0, y0);
  const headerWidth = header.reduce((right, text) => Math.max(right, text.x + textWidth(text.text, text.style)), x0) - x0 + VPC_PAD;
  const bandWidthNeeded = Math.max(0, ...bands.map((band) => textWidth(`Private DNS  ${band.text}${band.state === 'unknown' ? ' (if private DNS is on)' : ''}`, 'band') + 40));
  const innerWidth = Math.max(gridWidth, stripRight - (x0 + VPC_PAD), headerWidth - VPC_PAD, bandWidthNeeded, zones.length === 0 ? 320 : 0);
  const frameWidth = innerWidth + 2 * VPC_PAD;
  const frameHeight = stripBottom + VPC_PAD - y0;

  const children: BoxShape[] = [];
  if (covered) {
    const rect = { x: x0 + VPC_PAD - 8, y: bandsTop - 6, width: innerWidth + 16, height: coverageBottom - (bandsTop - 6) };
    children.push({
      kind: 'dns-coverage',
      classes: [],
      rect,
      radius: 8,
      title: `Private DNS is a hosted zone associated with the whole VPC: these names resolve to the endpoints' interfaces from every subnet of ${vpc.label.text}.`,
      texts: [{ text: `private DNS answers in every subnet of ${vpc.label.text}`, x: rect.x + rect.width - 8, y: rect.y + rect.height - 6, style: 'tag', anchor: 'end', classes: ['coverage-caption'] }],
      children: [],
    });
  }
  bands.forEach((band, index) => {
    const top = bandsTop + index * (BAND_HEIGHT + BAND_GAP);
    const text = `${band.text}${band.state === 'unknown' ? ' (if private DNS is on)' : ''}`;
    children.push({
      kind: 'dns',
      classes: [band.state === 'on' ? 'dns-on' : 'dns-unknown', ...conditional(band.condition)],
      rect: { x: x0 + VPC_PAD, y: top, width: innerWidth, height: BAND_HEIGHT },
      radius: 4,
      source: band.source,
      title: `Private DNS of ${band.source.logicalId}: ${band.names.join(', ')} resolve to its interfaces from every subnet of ${vpc.label.text}${band.unknown ? `, if private DNS is on (${band.unknown})` : ''}${band.condition ? `; only if ${band.condition}` : ''}.`,
      texts: [
        { text: 'Private DNS', x: x0 + VPC_PAD + 10, y: top + 16, style: 'tag', anchor: 'start', classes: ['band-tag'] },
        { text: fitText(text, 'band', innerWidth - 100), x: x0 + VPC_PAD + 84, y: top + 16, style: 'band', anchor: 'start' },
      ],
      children: [],
    });
  });

  zones.forEach((zone, column) => {
    const left = columnX[column] ?? 0;
    const width = columnWidths[column] ?? COLUMN_MIN;
    children.push({
      kind: 'zone',
      classes: zone.label.unknown !== undefined ? ['unknown-value'] : [],
      rect: { x: left, y: zonesTop, width, height: ZONE_HEADER - 4 },
      radius: 4,
      ...(zone.label.unknown !== undefined ? { title: `${zone.label.text}: ${zone.label.unknown}` } : {}),
      texts: [{ text: fitText(zone.label.text, 'zone', width - 12), x: left + width / 2, y: zonesTop + 14, style: 'zone', anchor: 'middle' }],
      children: [],
    });
    for (const subnet of zone.subnets) {
      const place = places.get(subnet.id);
      if (!place) continue;
      const top = place.rect.y;
      const height = rowHeights[rowOf.get(subnet.id) ?? 0] ?? subnetHeight(subnet);
      children.push(subnetBox(subnet, { x: left, y: top, width, height }, places, vpc.edges.some((edge) => edge.from === subnet.id)));
    }
  });
  if (zones.length === 0) {
    children.push({ kind: 'note', classes: [], rect: { x: x0 + VPC_PAD, y: gridTop, width: 320, height: 24 }, radius: 4, texts: [{ text: 'No subnet of this VPC is declared in the workspace.', x: x0 + VPC_PAD + 8, y: gridTop + 16, style: 'detail', anchor: 'start' }], children: [] });
  }
  children.push(...strip);

  const box: BoxShape = {
    kind: 'vpc',
    classes: [...(vpc.declared ? [] : ['undeclared']), ...conditional(vpc.condition)],
    rect: { x: x0, y: y0, width: frameWidth, height: frameHeight },
    radius: 10,
    ...(vpc.source ? { source: vpc.source } : {}),
    title: `${vpc.label.text}${vpc.label.unknown ? ` (${vpc.label.unknown})` : ''}: ${vpc.cidr.text}${vpc.cidr.unknown ? ` (${vpc.cidr.unknown})` : ''}${vpc.condition ? `; only if ${vpc.condition}` : ''}`,
    texts: header,
    children,
  };

  // Edge paths and labels.
  const edges: EdgeShape[] = [];
  const labels: EdgeLabelShape[] = [];
  for (const bundle of bundleList) {
    const source = places.get(bundle.from);
    if (!source) continue;
    const exitX = source.rect.x + source.rect.width;
    const sourceLaneX = laneX(bundle.sourceColumn, bundle.sourceLane);
    for (const edge of bundle.edges) {
      const target = places.get(edge.to);
      if (!target) continue;
      const arrivalY = bundle.arrivals.get(edge.to) ?? target.rect.y + target.rect.height / 2;
      const entryX = target.rect.x + target.rect.width + 1;
      const points: Point[] = [{ x: exitX, y: bundle.exitY }, { x: sourceLaneX, y: bundle.exitY }];
      if (bundle.sourceColumn !== bundle.targetColumn) {
        const trackY = busTop + 4 + bundle.track * TRACK;
        const targetLaneX = laneX(bundle.targetColumn, bundle.targetLane);
        points.push({ x: sourceLaneX, y: trackY }, { x: targetLaneX, y: trackY }, { x: targetLaneX, y: arrivalY });
      } else {
        points.push({ x: sourceLaneX, y: arrivalY });
      }
      points.push({ x: entryX, y: arrivalY });
      edges.push({ id: edge.id, state: edge.state, points: simplify(points), from: source.source, to: target.source, title: edge.detail });
    }
  }
  // Labels of the edges that are not allowed, beside their lane at the height they leave their client.
  zones.forEach((_, column) => {
    const mine = bundleList.filter((bundle) => bundle.sourceColumn === column && bundle.state !== 'allowed').sort((a, b) => a.exitY - b.exitY || compare(a.key, b.key));
    let lowest = -Infinity;
    for (const bundle of mine) {
      const width = textWidth(bundle.label, 'edge-label') + 10;
      const top = Math.max(bundle.exitY - Math.round(LABEL_HEIGHT / 2), lowest + 2);
      lowest = top + LABEL_HEIGHT;
      const left = labelX(column) + 4;
      const first = bundle.edges[0];
      const details = [...new Set(bundle.edges.map((edge) => edge.detail))];
      labels.push({
        state: bundle.state,
        text: bundle.label,
        rect: { x: left, y: top, width, height: LABEL_HEIGHT },
        leader: [
          { x: laneX(column, bundle.sourceLane), y: bundle.exitY },
          { x: left, y: top + Math.round(LABEL_HEIGHT / 2) },
        ],
        title: first ? details.join('\n') : bundle.label,
      });
    }
  });
  return { box, edges, labels };
}

function headerTexts(vpc: DiagramVpc, x0: number, y0: number): TextItem[] {
  const texts: TextItem[] = [];
  let x = x0 + VPC_PAD;
  const y = y0 + 25;
  const add = (text: string, style: TextStyle, classes: string[] = [], title?: string): void => {
    texts.push({ text, x, y, style, anchor: 'start', ...(classes.length > 0 ? { classes } : {}), ...(title !== undefined ? { title } : {}) });
    x += textWidth(text, style) + 12;
  };
  add(vpc.label.text, 'vpc-name', vpc.label.unknown !== undefined ? ['unknown-value'] : [], vpc.label.unknown);
  add(vpc.cidr.text, 'detail', vpc.cidr.unknown !== undefined ? ['unknown-value'] : [], vpc.cidr.unknown);
  if (vpc.condition) add(`if ${vpc.condition}`, 'tag', ['condition']);
  if (!vpc.declared) add('not declared in the workspace', 'tag', ['unknown-value']);
  return texts;
}

/** A subnet's box; `calls` when edges leave from the subnet itself, which then stands for any interface in it. */
function subnetBox(subnet: DiagramSubnet, rect: Rect, places: ReadonlyMap<string, NodePlace>, calls: boolean): BoxShape {
  const { x, y, width } = rect;
  const routeWidth = textWidth(subnet.route.text, 'detail');
  const texts: TextItem[] = [
    { text: fitText(subnet.label, 'name', width - routeWidth - 32), x: x + 10, y: y + 18, style: 'name', anchor: 'start' },
    { text: subnet.route.text, x: x + width - 10, y: y + 18, style: 'detail', anchor: 'end', classes: [`route-${subnet.route.kind}`], ...(subnet.route.unknown ? { title: subnet.route.unknown } : {}) },
    { text: fitText(subnet.cidr.text, 'detail', width - 24), x: x + 10, y: y + 34, style: 'detail', anchor: 'start', ...(subnet.cidr.unknown ? { classes: ['unknown-value'], title: subnet.cidr.unknown } : {}) },
  ];
  if (subnet.condition) texts.push({ text: `if ${subnet.condition}`, x: x + width - 10, y: y + 34, style: 'tag', anchor: 'end', classes: ['condition'] });
  else if (calls) texts.push({ text: 'any interface here', x: x + width - 10, y: y + 34, style: 'tag', anchor: 'end', classes: ['client-note'] });
  const children: BoxShape[] = [];
  for (const workload of subnet.workloads) children.push(itemBox('workload', workload, places));
  for (const eni of subnet.interfaces) children.push(itemBox('interface', eni, places));
  let gatewayY = y + SUBNET_HEADER + (subnet.workloads.length + subnet.interfaces.length) * (ITEM_HEIGHT + ITEM_GAP);
  for (const gateway of subnet.gateways) {
    const text = `→ ${gateway.label} · ${gateway.detail}`;
    children.push({
      kind: 'gateway-route',
      classes: [],
      rect: { x: x + SUBNET_PAD, y: gatewayY, width: width - 2 * SUBNET_PAD, height: GATEWAY_ROW - 2 },
      radius: 3,
      source: gateway.source,
      title: `The route table of ${subnet.label} sends ${gateway.detail.replace('gateway · ', '')} traffic to gateway endpoint ${gateway.label}.`,
      texts: [{ text: fitText(text, 'detail', width - 2 * SUBNET_PAD - 12), x: x + SUBNET_PAD + 6, y: gatewayY + 12, style: 'detail', anchor: 'start' }],
      children: [],
    });
    gatewayY += GATEWAY_ROW;
  }
  const classes = [`route-${subnet.route.kind}`, ...(subnet.declared ? [] : ['undeclared']), ...(subnet.client ? ['client'] : []), ...(subnet.condition ? ['conditional'] : [])];
  const unknowns = [subnet.cidr.unknown, subnet.route.unknown, subnet.zone.unknown].filter((text): text is string => text !== undefined);
  return {
    kind: 'subnet',
    classes,
    rect,
    radius: 6,
    ...(subnet.source ? { source: subnet.source } : {}),
    title: `${subnet.label}: ${subnet.cidr.text}, ${subnet.route.text}, ${subnet.zone.text}${unknowns.length > 0 ? ` (${unknowns.join('; ')})` : ''}${subnet.condition ? `; only if ${subnet.condition}` : ''}`,
    texts,
    children,
  };
}

function itemBox(kind: 'workload' | 'interface', item: { id: string; label: string; detail: string; source: ElementSource; condition: string | undefined }, places: ReadonlyMap<string, NodePlace>): BoxShape {
  const rect = places.get(item.id)?.rect ?? { x: 0, y: 0, width: 0, height: ITEM_HEIGHT };
  const detail = item.detail + (item.condition ? ` · if ${item.condition}` : '');
  const label = fitText(item.label, 'name', Math.min(textWidth(item.label, 'name'), rect.width * 0.6));
  return {
    kind,
    classes: item.condition ? ['conditional'] : [],
    rect,
    radius: 4,
    source: item.source,
    title: `${item.label}: ${item.detail}${item.condition ? `; only if ${item.condition}` : ''}`,
    texts: [
      { text: label, x: rect.x + 8, y: rect.y + 16, style: 'name', anchor: 'start' },
      // Details right-aligned, so that the kinds of the items of a subnet line up.
      { text: fitText(detail, 'detail', rect.width - textWidth(label, 'name') - 24), x: rect.x + rect.width - 8, y: rect.y + 16, style: 'detail', anchor: 'end' },
    ],
    children: [],
  };
}

// ── Legend ──────────────────────────────────────────────────────────────────────────────────

const LEGEND_ITEMS: readonly { readonly text: string; readonly sample: NonNullable<BoxShape['sample']> }[] = [
  { text: 'allowed on TCP 443', sample: { kind: 'edge', state: 'allowed' } },
  { text: 'blocked (at the named hop)', sample: { kind: 'edge', state: 'blocked' } },
  { text: 'unknown (hover for why)', sample: { kind: 'edge', state: 'unknown' } },
  { text: 'workload', sample: { kind: 'box', classes: ['workload'] } },
  { text: 'endpoint interface', sample: { kind: 'box', classes: ['interface'] } },
  { text: 'private DNS: the whole VPC', sample: { kind: 'box', classes: ['dns-coverage'] } },
  { text: 'only under a condition', sample: { kind: 'box', classes: ['conditional-sample'] } },
];

function layoutLegend(x0: number, y0: number, maxWidth: number): BoxShape {
  const children: BoxShape[] = [];
  let x = x0 + 10;
  let y = y0 + 8;
  let right = x;
  for (const item of LEGEND_ITEMS) {
    const width = 34 + textWidth(item.text, 'legend') + 18;
    if (x > x0 + 10 && x + width > x0 + maxWidth) {
      x = x0 + 10;
      y += 22;
    }
    children.push({
      kind: 'legend-item',
      classes: [],
      rect: { x, y, width, height: 18 },
      radius: 0,
      sample: item.sample,
      texts: [{ text: item.text, x: x + 34, y: y + 13, style: 'legend', anchor: 'start' }],
      children: [],
    });
    x += width;
    right = Math.max(right, x);
  }
  return { kind: 'legend', classes: [], rect: { x: x0, y: y0, width: right - x0 + 4, height: y - y0 + 26 }, radius: 6, texts: [], children };
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────

/** Drops repeated points and points in the middle of a straight run. */
function simplify(points: readonly Point[]): Point[] {
  const rounded = points.map((point) => ({ x: Math.round(point.x), y: Math.round(point.y) }));
  const unique = rounded.filter((point, index) => index === 0 || point.x !== rounded[index - 1]?.x || point.y !== rounded[index - 1]?.y);
  return unique.filter((point, index) => {
    const before = unique[index - 1];
    const after = unique[index + 1];
    if (!before || !after) return true;
    return !((before.x === point.x && point.x === after.x) || (before.y === point.y && point.y === after.y));
  });
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return groups;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
