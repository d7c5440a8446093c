/**
 * Document symbols (the outline): parameters, conditions and mappings under their sections, the
 * resources grouped by type (`AWS::EC2::Subnet` with its subnets), and the outputs. Network resources
 * carry a short detail (a subnet's AZ and CIDR, an endpoint's service and private DNS) so that the
 * outline reads like a map of the network.
 */
import { evaluateRef, type Entity } from '../model';
import { endpointView, subnetCidr, zoneOf } from '../analysis';
import type { TextRange } from '../syntax';
import { ANY_SCENARIO, literalString, type Template } from '../template';
import type { Analysis } from './analysis';

export type SymbolKind = 'section' | 'resourceType' | 'resource' | 'parameter' | 'condition' | 'mapping' | 'output';

export interface DocumentSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKind;
  /** Everything the symbol covers; contains `selectionRange` and the children's ranges. */
  readonly range: TextRange;
  /** The name to reveal: the key. */
  readonly selectionRange: TextRange;
  readonly children: readonly DocumentSymbol[];
}

/** The outline of a template; empty for a file that is not one. */
export function documentSymbols(analysis: Analysis, file: string): DocumentSymbol[] {
  const entry = analysis.files.get(file);
  if (!entry?.isTemplate) return [];
  const template = entry.template;
  const symbols: DocumentSymbol[] = [];
  const section = (name: string, children: DocumentSymbol[]): void => {
    const pair = template.root.pairs.find((candidate) => candidate.key.value === name);
    if (!pair || children.length === 0) return;
    symbols.push({ name, kind: 'section', detail: `${children.length}`, range: span(pair.key.range, pair.value.range), selectionRange: pair.key.range, children });
  };
  section(
    'Parameters',
    [...template.parameters.values()].map((parameter) => leaf(parameter.name, 'parameter', parameter.keyNode.range, parameter.node.range, parameter.type)),
  );
  section(
    'Mappings',
    (() => {
      const mappings = template.root.pairs.find((pair) => pair.key.value === 'Mappings')?.value;
      return mappings?.kind === 'map' ? mappings.pairs.map((pair) => leaf(String(pair.key.value), 'mapping', pair.key.range, pair.value.range)) : [];
    })(),
  );
  section(
    'Conditions',
    [...template.conditions.values()].map((condition) => leaf(condition.name, 'condition', condition.keyNode.range, condition.node.range)),
  );
  symbols.push(...resourceGroups(analysis, template));
  section(
    'Outputs',
    [...template.outputs.values()].map((output) => leaf(output.name, 'output', output.keyNode.range, output.node.range, output.exportNameNode ? 'exported' : undefined)),
  );
  return symbols.sort((a, b) => a.range[0] - b.range[0]);
}

/** One symbol per resource type, in the order the types first appear, with its resources. */
function resourceGroups(analysis: Analysis, template: Template): DocumentSymbol[] {
  const byType = new Map<string, DocumentSymbol[]>();
  for (const resource of template.resources.values()) {
    const type = resource.type ?? '(no Type)';
    const entity = analysis.model.byId.get(`${template.file}#${resource.logicalId}`);
    const detail = [entity ? entityDetail(analysis, entity) : undefined, resource.condition !== undefined ? `if ${resource.condition}` : undefined].filter(Boolean).join(' · ');
    const list = byType.get(type) ?? [];
    list.push(leaf(resource.logicalId, 'resource', resource.keyNode.range, resource.node.range, detail || undefined));
    byType.set(type, list);
  }
  return [...byType].map(([type, children]) => {
    const first = children[0] as DocumentSymbol;
    const last = children[children.length - 1] as DocumentSymbol;
    return { name: type, kind: 'resourceType', detail: `${children.length}`, range: span(first.range, last.range), selectionRange: first.selectionRange, children };
  });
}

/** A short description of a network entity for the outline. */
function entityDetail(analysis: Analysis, entity: Entity): string | undefined {
  switch (entity.kind) {
    case 'subnet': {
      const cidr = subnetCidr(entity, 'ipv4', ANY_SCENARIO);
      const zone = zoneOf(entity, ANY_SCENARIO);
      return [cidr.known ? cidr.value.text : undefined, zone.concrete ? zone.label.replace(/^the /, '') : undefined].filter(Boolean).join(' · ') || undefined;
    }
    case 'vpc': {
      const cidr = evaluateRef(entity.cidrBlock);
      return cidr ? literalString(cidr) : undefined;
    }
    case 'vpcEndpoint': {
      const view = endpointView(analysis.model, entity, ANY_SCENARIO);
      const service = view.serviceName.known ? (view.serviceName.value.service ?? view.serviceName.value.full) : undefined;
      const dns = view.type.known && view.type.value === 'Interface' ? (view.privateDns.known ? (view.privateDns.value ? 'private DNS' : 'no private DNS') : 'private DNS?') : view.type.known ? view.type.value.toLowerCase() : undefined;
      return [service, dns].filter(Boolean).join(' · ') || undefined;
    }
    default:
      return undefined;
  }
}

function leaf(name: string, kind: SymbolKind, key: TextRange, value: TextRange, detail?: string): DocumentSymbol {
  return { name, kind, range: span(key, value), selectionRange: key, children: [], ...(detail !== undefined ? { detail } : {}) };
}

function span(a: TextRange, b: TextRange): TextRange {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}
