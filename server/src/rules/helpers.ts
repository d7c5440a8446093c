/**
 * Small helpers shared by rules: where to report on an entity, how to name things in messages, and
 * the loop over endpoints under every scenario that most endpoint rules start with.
 */
import { exists, type EntityBase, type NodeRef, type VpcEndpoint } from '../model';
import { endpointView, type EndpointView } from '../analysis';
import { pairOf, type Node, type TextRange } from '../syntax';
import type { Scenario } from '../template';
import type { RelatedLocation, Report, RuleContext } from './rule';

/** The range of a resource's logical id key: where a finding about the whole resource goes. */
export function keyRange(entity: EntityBase): TextRange {
  return entity.resource.keyNode.range;
}

/** The range of a property's key (`SubnetIds:`), or of the resource key when the property is missing. */
export function propertyKeyRange(entity: EntityBase, property: string): TextRange {
  const pair = pairOf(entity.resource.properties, property);
  return pair ? pair.key.range : keyRange(entity);
}

/** The range of a property node's value, or of the resource key when the property is missing. */
export function valueRange(entity: EntityBase, ref: NodeRef | undefined): TextRange {
  return ref ? ref.node.range : keyRange(entity);
}

/** A related location pointing at a resource's key. */
export function relatedResource(entity: EntityBase, message: string, node?: Node): RelatedLocation {
  return { file: entity.file, range: node ? node.range : keyRange(entity), logicalId: entity.logicalId, message };
}

/** Run `check` for every VPC endpoint that exists in each scenario, merging the scenarios' reports. */
export function forEachEndpoint(ctx: RuleContext, check: (view: EndpointView, scenario: Scenario) => Report | readonly Report[] | undefined): Report[] {
  const reports: Report[] = [];
  for (const endpoint of ctx.model.vpcEndpoints) {
    reports.push(...ctx.explore((scenario) => {
      if (!exists(endpoint, scenario)) return [];
      const result = check(endpointView(ctx.model, endpoint, scenario), scenario);
      return result === undefined ? [] : Array.isArray(result) ? result : [result as Report];
    }));
  }
  return reports;
}

/** `"Name"` for messages. */
export function quoted(entity: { readonly logicalId: string }): string {
  return `"${entity.logicalId}"`;
}

/** `"A", "B" and "C"` for messages, shortened past `max`. */
export function listNames(names: readonly string[], max = 4): string {
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  const parts = rest > 0 ? [...shown, `${rest} more`] : shown;
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The entity of an endpoint for reports. */
export function endpointReport(endpoint: VpcEndpoint, range: TextRange, message: string, extra: Partial<Report> = {}): Report {
  return { file: endpoint.file, range, logicalId: endpoint.logicalId, message, ...extra };
}
