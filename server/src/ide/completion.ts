/**
 * Network-aware completion where other language servers offer only names: in `SubnetIds`,
 * `SecurityGroupIds`, `VpcId`, `RouteTableIds` and a workload's subnets and groups, the subnets,
 * security groups, VPCs and route tables of the workspace, each with its AZ, CIDR and VPC in the
 * detail. Those of the resource's own VPC come first, and for an endpoint's subnets, those in AZs the
 * endpoint does not cover yet. A resource of this template is inserted as `!Ref X` (or `{Ref: X}` in a
 * YAML file written in long form, `{"Ref": "X"}` in JSON); one of another template only when that
 * template exports it under a literal name, as `!ImportValue Name`.
 *
 * The slot is found from the text around the cursor rather than from the syntax tree, because the
 * document is half-typed while completion runs: the key before `:`, the key above a `- ` item, or the
 * key of the `[` list the cursor is in.
 */
import { endpointView, internetAccessOf, sameZone, subnetCidr, zoneOf, type Zone } from '../analysis';
import {
  entityOf,
  evaluateRef,
  exists,
  listOf as itemsOf,
  routeTableOfSubnet,
  vpcOf,
  type Entity,
  type NetworkModel,
  type NodeRef,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from '../model';
import { scalarText, valueOf, type MapNode, type Node, type TextRange } from '../syntax';
import { ANY_SCENARIO, identityOf, literalString, type Resource, type Template } from '../template';
import { exportsOf } from '../workspace/link';
import type { Analysis, FileAnalysis } from './analysis';
import { fileName } from './render/labels';
import { detectStyle } from './edit';
import { isPlainSafe } from './edit/render-value';

export type CompletionEntityKind = 'subnet' | 'securityGroup' | 'vpc' | 'routeTable';

export interface CompletionItem {
  /** The logical id (or export name) offered. */
  readonly label: string;
  readonly kind: CompletionEntityKind;
  /** AZ, CIDR and VPC, on one line. */
  readonly detail: string;
  /** A few lines of markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** What the editor matches the typed text against. */
  readonly filterText: string;
  readonly sortText: string;
  /** The text the item replaces. */
  readonly range: TextRange;
}

/** Properties that take subnets, security groups, VPCs or route tables, and whether they take a list. */
const SLOTS: Readonly<Record<string, { readonly kind: CompletionEntityKind; readonly list: boolean }>> = {
  SubnetIds: { kind: 'subnet', list: true },
  SubnetId: { kind: 'subnet', list: false },
  Subnets: { kind: 'subnet', list: true },
  VPCZoneIdentifier: { kind: 'subnet', list: true },
  SecurityGroupIds: { kind: 'securityGroup', list: true },
  SecurityGroups: { kind: 'securityGroup', list: true },
  GroupSet: { kind: 'securityGroup', list: true },
  Groups: { kind: 'securityGroup', list: true },
  SecurityGroupIdList: { kind: 'securityGroup', list: true },
  GroupId: { kind: 'securityGroup', list: false },
  SourceSecurityGroupId: { kind: 'securityGroup', list: false },
  DestinationSecurityGroupId: { kind: 'securityGroup', list: false },
  VpcId: { kind: 'vpc', list: false },
  VPCId: { kind: 'vpc', list: false },
  RouteTableIds: { kind: 'routeTable', list: true },
  RouteTableId: { kind: 'routeTable', list: false },
};

/** Slots that mean something else on some resource types. */
const NOT_A_SLOT: Readonly<Record<string, ReadonlySet<string>>> = {
  // An instance's `SecurityGroups` takes group names, which only the default VPC accepts.
  SecurityGroups: new Set(['AWS::EC2::Instance']),
  GroupId: new Set(['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate']),
};

/** How references are written in the file. */
type Style = 'yaml-short' | 'yaml-long' | 'json';

interface Slot {
  readonly property: string;
  /** Whether the cursor is on an item of a list (a `- ` item or inside `[…]`). */
  readonly inList: boolean;
  readonly range: TextRange;
  /** The text typed so far, from the start of `range` to the cursor. */
  readonly typed: string;
}

/** The completion items at an offset; empty where the cursor is not on a network slot. */
export function completionsAt(analysis: Analysis, file: string, offset: number): CompletionItem[] {
  const entry = analysis.files.get(file);
  if (!entry?.isTemplate) return [];
  const template = entry.template;
  const resource = resourceAt(template, offset);
  if (!resource) return [];
  const style = styleOf(entry);
  const slot = slotAt(entry.text, offset, style);
  if (!slot) return [];
  const spec = SLOTS[slot.property];
  if (!spec || NOT_A_SLOT[slot.property]?.has(resource.type ?? '')) return [];
  const wrapList = spec.list && !slot.inList;

  const model = analysis.model;
  const env = model.templates.get(file)?.env;
  const context = contextOf(model, template, resource, slot.property);
  const candidates = candidatesOf(model, spec.kind);
  const items: CompletionItem[] = [];
  candidates.forEach((entity, index) => {
    if (context.listed.has(`ref:${entity.file}#${entity.logicalId}`)) return;
    const reference = entity.file === file ? refText(entity.logicalId, style) : env ? importText(analysis, entity, style) : undefined;
    if (!reference) return;
    const insertText = wrapList ? `[${reference.text}]` : reference.text;
    const group = rank(model, entity, context, entity.file === file);
    items.push({
      label: reference.label,
      kind: spec.kind,
      detail: detailOf(model, entity, file),
      ...docsOf(model, entity),
      insertText,
      filterText: filterFor(slot.typed, insertText, reference.label),
      sortText: `${group}-${String(index).padStart(5, '0')}`,
      range: slot.range,
    });
  });
  return items.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
}

/** The resource whose block the offset is in: the last resource key before it, inside `Resources`. */
function resourceAt(template: Template, offset: number): Resource | undefined {
  const section = template.root.pairs.find((pair) => pair.key.value === 'Resources');
  if (!section || offset < section.value.range[0]) return undefined;
  const next = template.root.pairs.find((pair) => pair.key.range[0] > section.key.range[0]);
  if (next && offset >= next.key.range[0]) return undefined;
  let found: Resource | undefined;
  for (const resource of template.resources.values()) {
    if (resource.keyNode.range[1] < offset && (!found || resource.keyNode.range[0] > found.keyNode.range[0])) found = resource;
  }
  return found;
}

/** The form references take in the file, as quick fixes write them (`detectStyle`): JSON, long-form or short-form YAML. */
function styleOf(entry: FileAnalysis): Style {
  const style = detectStyle(entry.parse);
  return style.format === 'json' ? 'json' : style.shortTags ? 'yaml-short' : 'yaml-long';
}

/** The property slot at the cursor, from the text around it. */
export function slotAt(text: string, offset: number, style: Style): Slot | undefined {
  const before = text.slice(0, offset);
  const word = /[A-Za-z0-9]*$/.exec(before)?.[0] ?? '';
  let start = offset - word.length;
  let end = offset + (/^[A-Za-z0-9]*/.exec(text.slice(offset))?.[0].length ?? 0);
  if (style === 'json') {
    if (text[start - 1] === '"') {
      const ref = /\{\s*"Ref"\s*:\s*"$/.exec(text.slice(0, start));
      start = ref ? start - ref[0].length : start - 1;
      const after = ref ? /^"\s*\}/.exec(text.slice(end)) : /^"/.exec(text.slice(end));
      if (after) end += after[0].length;
    }
  } else {
    const tag = /!Ref[ \t]+$|!Ref$/.exec(text.slice(0, start));
    if (tag) start -= tag[0].length;
  }
  const typed = text.slice(start, offset);
  const key = keyBefore(text, start);
  return key ? { property: key.property, inList: key.inList, range: [start, end], typed } : undefined;
}

/** The property whose value starts at `start`: after `key:`, a `- ` item under `key:`, or an item of `key: [`. */
function keyBefore(text: string, start: number): { property: string; inList: boolean } | undefined {
  let at = start - 1;
  while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  const char = text[at];
  if (char === ':') {
    const key = keyEndingAt(text, at);
    return key ? { property: key, inList: false } : undefined;
  }
  if (char === '-') {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    if (text.slice(lineStart, at).trim().replace(/-\s*/g, '') !== '') return undefined;
    return blockListKey(text, lineStart, at - lineStart);
  }
  if (char === '[' || char === ',' || char === '\n' || char === '\r') {
    const open = unmatchedOpen(text, at);
    if (open === undefined || text[open] !== '[') return undefined;
    let colon = open - 1;
    while (colon >= 0 && /\s/.test(text[colon] ?? '')) colon--;
    if (text[colon] !== ':') return undefined;
    const key = keyEndingAt(text, colon);
    return key ? { property: key, inList: true } : undefined;
  }
  return undefined;
}

/** The key written just before the colon at `colon` (`Key`, `"Key"`, `'Key'`). */
function keyEndingAt(text: string, colon: number): string | undefined {
  const match = /["']?([A-Za-z][A-Za-z0-9]*)["']?\s*$/.exec(text.slice(Math.max(0, colon - 200), colon));
  return match?.[1];
}

/** The key of the block list whose `-` is at `column` of the line at `lineStart`. */
function blockListKey(text: string, lineStart: number, column: number): { property: string; inList: boolean } | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    const content = line.trim();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent > column) continue;
    if (content.startsWith('-') && indent === column) continue;
    const match = /^(?:-\s+)*["']?([A-Za-z][A-Za-z0-9]*)["']?\s*:\s*(#.*)?$/.exec(content);
    return match?.[1] ? { property: match[1], inList: true } : undefined;
  }
  return undefined;
}

/** The offset of the `[` or `{` that encloses `at`, skipping balanced pairs and quoted strings. */
function unmatchedOpen(text: string, at: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let index = at; index >= 0 && at - index < 20_000; index--) {
    const char = text[index];
    if (quote) {
      if (char === quote && text[index - 1] !== '\\') quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === ']' || char === '}') depth++;
    else if (char === '[' || char === '{') {
      if (depth === 0) return index;
      depth--;
    }
  }
  return undefined;
}

interface SlotContext {
  /** The VPC the resource is in, as a key, when something in it tells. */
  readonly vpcKey: string | undefined;
  /** What the slot already lists, by identity, so that it is not offered again. */
  readonly listed: ReadonlySet<string>;
  /** For an endpoint's subnets: the zones it covers already. */
  readonly coveredZones: readonly Zone[] | undefined;
}

/** What the resource tells about the slot: its VPC, what is listed already, the zones covered. */
function contextOf(model: NetworkModel, template: Template, resource: Resource, property: string): SlotContext {
  const env = model.templates.get(template.file)?.env;
  const base = model.byId.get(`${template.file}#${resource.logicalId}`);
  const refs: NodeRef[] = [];
  const visit = (node: Node | undefined, depth: number): void => {
    if (!node || depth > 8 || !env) return;
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        if (SLOTS[String(pair.key.value)]) refs.push({ node: pair.value, env });
        else visit(pair.value, depth + 1);
      }
    } else if (node.kind === 'seq') for (const item of node.items) visit(item, depth + 1);
  };
  visit(resource.properties, 0);
  let vpcKey: string | undefined;
  for (const ref of refs) {
    for (const item of itemsOf(ref).items) {
      const entity = entityOf(model, item.value);
      vpcKey ??= entity ? vpcKeyOf(model, entity) : undefined;
    }
  }
  const own = env ? valueOf(resource.properties as MapNode | undefined, property) : undefined;
  const listed = new Set<string>();
  if (own && env && SLOTS[property]?.list) {
    for (const item of itemsOf({ node: own, env }).items) {
      const key = identityOf(item.value);
      if (key !== undefined) listed.add(key);
    }
  }
  let coveredZones: Zone[] | undefined;
  if (base?.kind === 'vpcEndpoint' && property === 'SubnetIds') {
    const view = endpointView(model, base, ANY_SCENARIO);
    coveredZones = view.subnets.items.map((item) => entityOf(model, item.value)).filter((entity): entity is Subnet => entity?.kind === 'subnet').map((subnet) => zoneOf(subnet, ANY_SCENARIO));
  }
  return { vpcKey, listed, coveredZones };
}

function vpcKeyOf(model: NetworkModel, entity: Entity): string | undefined {
  if (entity.kind === 'vpc') return `ref:${entity.id}`;
  if (entity.kind === 'subnet' || entity.kind === 'securityGroup' || entity.kind === 'routeTable' || entity.kind === 'vpcEndpoint') return vpcOf(model, entity).key;
  return undefined;
}

type Candidate = Subnet | SecurityGroup | Vpc | RouteTable;

function candidatesOf(model: NetworkModel, kind: CompletionEntityKind): readonly Candidate[] {
  switch (kind) {
    case 'subnet':
      return model.subnets;
    case 'securityGroup':
      return model.securityGroups;
    case 'vpc':
      return model.vpcs;
    case 'routeTable':
      return model.routeTables;
  }
}

/**
 * The sort group: the resource's own VPC first (for an endpoint's subnets, uncovered AZs and closed
 * subnets first), then the rest of this file, then other files.
 */
function rank(model: NetworkModel, entity: Candidate, context: SlotContext, sameFile: boolean): string {
  const inVpc = context.vpcKey !== undefined && vpcKeyOf(model, entity) === context.vpcKey;
  if (inVpc) {
    if (entity.kind === 'subnet' && context.coveredZones) {
      // An endpoint's interfaces belong in AZs it does not cover yet, and preferably in closed subnets.
      const zone = zoneOf(entity, ANY_SCENARIO);
      const covered = context.coveredZones.some((other) => sameZone(other, zone) !== false);
      const access = internetAccessOf(model, entity, ANY_SCENARIO);
      const closed = access.known && !access.value.internet;
      return `${covered ? 1 : 0}${closed ? 0 : 1}`;
    }
    return '00';
  }
  return sameFile ? '20' : '30';
}

function refText(logicalId: string, style: Style): { label: string; text: string } {
  switch (style) {
    case 'json':
      return { label: logicalId, text: `{"Ref": "${logicalId}"}` };
    case 'yaml-long':
      return { label: logicalId, text: `{Ref: ${logicalId}}` };
    case 'yaml-short':
      return { label: logicalId, text: `!Ref ${logicalId}` };
  }
}

/** `!ImportValue Name` for an entity another template exports under a literal name. */
function importText(analysis: Analysis, entity: Candidate, style: Style): { label: string; text: string } | undefined {
  const linked = analysis.model.templates.get(entity.file);
  if (!linked) return undefined;
  for (const entry of exportsOf(linked.template, linked.env)) {
    if (entry.name.symbols && entry.name.symbols.length > 0) continue;
    const value = entry.valueNode ? evaluateRef({ node: entry.valueNode, env: linked.env }) : undefined;
    if (value?.kind !== 'ref' || value.target.logicalId !== entity.logicalId || value.target.file !== entity.file) continue;
    const name = entry.name.value;
    const text = style === 'json' ? `{"Fn::ImportValue": ${JSON.stringify(name)}}` : style === 'yaml-long' ? `{"Fn::ImportValue": ${yamlScalar(name)}}` : `!ImportValue ${yamlScalar(name)}`;
    return { label: name, text };
  }
  return undefined;
}

/** A plain scalar when YAML 1.1 and 1.2 both read it back as this string (`isPlainSafe`), else double-quoted. */
function yamlScalar(value: string): string {
  return isPlainSafe(value, 'flow', 'value') ? value : JSON.stringify(value);
}

/** `1st AZ · 172.30.0.0/24 · Vpc`, `Vpc · Instances`, `172.30.0.0/16`. */
function detailOf(model: NetworkModel, entity: Candidate, file: string): string {
  const parts: string[] = [];
  const vpcName = (): string | undefined => {
    const vpc = vpcOf(model, entity as Subnet);
    return vpc.vpc?.logicalId ?? (vpc.value ? literalString(vpc.value) : undefined);
  };
  switch (entity.kind) {
    case 'subnet': {
      const zone = zoneOf(entity, ANY_SCENARIO);
      const cidr = subnetCidr(entity, 'ipv4', ANY_SCENARIO);
      parts.push(zone.concrete ? zone.label.replace(/^the /, '') : 'AZ ?', cidr.known ? cidr.value.text : 'CIDR ?');
      const vpc = vpcName();
      if (vpc) parts.push(vpc);
      break;
    }
    case 'securityGroup': {
      const vpc = vpcName();
      if (vpc) parts.push(vpc);
      const description = scalarText(valueOf(entity.resource.properties, 'GroupDescription'));
      if (description) parts.push(description);
      break;
    }
    case 'vpc': {
      const cidr = evaluateRef(entity.cidrBlock);
      parts.push(cidr ? (literalString(cidr) ?? 'CIDR ?') : 'CIDR ?');
      break;
    }
    case 'routeTable': {
      const vpc = vpcName();
      if (vpc) parts.push(vpc);
      const subnets = model.subnets.filter((subnet) => {
        const table = routeTableOfSubnet(model, subnet, ANY_SCENARIO);
        return table.kind === 'declared' && table.routeTable === entity;
      });
      parts.push(`${subnets.length} ${subnets.length === 1 ? 'subnet' : 'subnets'}`);
      break;
    }
  }
  if (entity.condition !== undefined) parts.push(`if ${entity.condition}`);
  if (entity.file !== file) parts.push(`in ${fileName(entity.file)}`);
  return parts.join(' · ');
}

/** A line of documentation for subnets: their route to the internet. */
function docsOf(model: NetworkModel, entity: Candidate): { documentation?: string } {
  if (entity.kind !== 'subnet' || !exists(entity, ANY_SCENARIO)) return {};
  const access = internetAccessOf(model, entity, ANY_SCENARIO);
  const route = !access.known ? 'unknown route to the internet' : access.value.internet ? 'route to the internet' : 'no route to the internet (closed)';
  return { documentation: `Subnet \`${entity.logicalId}\`: ${route}.` };
}

/** Match what the user typed: `!Ref Pub` against the reference, `Pub` against the name. */
function filterFor(typed: string, insertText: string, label: string): string {
  return /^[!{"[]/.test(typed.trimStart()) ? insertText : label;
}
