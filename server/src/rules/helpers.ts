/**
 * Small helpers shared by rules: where to report on an entity, how to name things in messages, and
 * the loop over endpoints under every scenario that most endpoint rules start with.
 */
import { exists, type EntityBase, type NetworkModel, type NodeRef, type Subnet, type VpcEndpoint } from '../model';
import { captures, endpointView, reach, serviceTitle, subnetCidr, type Client, type EndpointView, type Hop, type Reach } from '../analysis';
import { pairOf, type Node, type TextRange } from '../syntax';
import { describeAssignment, type Scenario } from '../template';
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

/** Something a check found in some scenarios, with the conditions under which it holds. */
export interface ExploredItem<T> {
  /** The value from the first scenario that found the item. */
  readonly value: T;
  /** The conditions (`file#name` → value) under which it holds; undefined when it holds in every combination. */
  readonly conditions: Readonly<Record<string, boolean>> | undefined;
}

/**
 * Run `check` under every satisfiable combination of the conditions it consults, like `ctx.explore`,
 * for checks that find several items (blocked clients, endpoints) that one finding names: every item
 * comes back once, with the conditions under which it holds, so that a finding can say which of its
 * items are conditional. The items travel through `ctx.explore` as reports keyed by item, so that the
 * scenario semantics stay the runner's.
 */
export function exploreItems<T>(ctx: RuleContext, check: (scenario: Scenario) => Iterable<readonly [string, T]>): ExploredItem<T>[] {
  const reports = ctx.explore((scenario) => {
    const found: Report[] = [];
    for (const [key, value] of check(scenario)) found.push({ file: key, range: [0, 0], message: '', data: { value } });
    return found;
  });
  return reports.map((report) => ({ value: (report.data as { value: T }).value, conditions: report.conditions }));
}

/**
 * The clients an endpoint's private DNS captures in the scenario, each with how far it gets on
 * `hops`; undefined when the endpoint does not exist there or its clients are unknown (no private
 * DNS captures none).
 */
export function capturedClients(model: NetworkModel, endpoint: VpcEndpoint, scenario: Scenario, hops: readonly Hop[]): { view: EndpointView; clients: { client: Client; reach: Reach }[] } | undefined {
  if (!exists(endpoint, scenario)) return undefined;
  const view = endpointView(model, endpoint, scenario);
  const capture = captures(model, view, scenario);
  if (!capture.known) return undefined;
  return { view, clients: capture.value.clients.map((client) => ({ client, reach: reach(model, client, view, scenario, { hops }) })) };
}

/** `"IsProd" is true`, for conditions as `ExploredItem` and `Report` carry them. */
function describeConditions(conditions: Readonly<Record<string, boolean>>): string {
  return describeAssignment(new Map(Object.entries(conditions)));
}

/** A message qualified by the conditions under which it holds: `… (when "IsProd" is true).` */
export function qualify(message: string, conditions: Readonly<Record<string, boolean>> | undefined): string {
  if (!conditions || Object.keys(conditions).length === 0) return message;
  return `${message.replace(/\.$/, '')} (when ${describeConditions(conditions)}).`;
}

/**
 * How one finding that names several items states their conditions: when every item holds under the
 * same conditions, the whole finding is qualified (`shared`); otherwise each conditional item's name
 * is (`nameOf`), and the finding holds under no single set of conditions.
 */
export function itemConditions<T>(items: readonly ExploredItem<T>[]): {
  readonly shared: Readonly<Record<string, boolean>> | undefined;
  nameOf(item: ExploredItem<T>, name: string): string;
} {
  const keyOf = (conditions: Readonly<Record<string, boolean>> | undefined): string =>
    conditions ? Object.entries(conditions).map(([name, value]) => `${name}=${value}`).sort().join('&') : '';
  const first = items[0];
  const same = first !== undefined && items.every((item) => keyOf(item.conditions) === keyOf(first.conditions));
  if (same) return { shared: first.conditions, nameOf: (_item, name) => name };
  return {
    shared: undefined,
    nameOf: (item, name) => {
      if (!item.conditions || Object.keys(item.conditions).length === 0) return name;
      const when = `when ${describeConditions(item.conditions)}`;
      // `"Bastion" (subnet "A", 10.0.9.0/24)` becomes `"Bastion" (subnet "A", 10.0.9.0/24, when "X" is true)`.
      return name.endsWith(')') ? `${name.slice(0, -1)}, ${when})` : `${name} (${when})`;
    },
  };
}

/** `subnet "PublicSubnet" (172.30.0.0/24)`, the CIDR left out when it is unknown. */
function subnetLabel(subnet: Subnet, scenario: Scenario): string {
  const cidr = subnetCidr(subnet, 'ipv4', scenario);
  return cidr.known ? `subnet ${quoted(subnet)} (${cidr.value.text})` : `subnet ${quoted(subnet)}`;
}

/**
 * A client for messages: `"PublicInstance" (subnet "PublicSubnet", 172.30.0.0/24)` for a workload in
 * one subnet, `"Workers" (subnets "A" and "B")` for one in several, `subnet "B" (172.30.1.0/24)` for
 * a subnet that stands for itself. `subnets` are the subnets that matter to the finding.
 */
export function clientLabel(client: Client, subnets: readonly Subnet[], scenario: Scenario): string {
  if (client.kind === 'subnet') return subnetLabel(client.entity as Subnet, scenario);
  return workloadInSubnets(client.entity, subnets, scenario);
}

/** `"Worker" (subnet "PrivateA", 10.0.1.0/24)`, or `"Worker" (subnets "A" and "B")` for several. */
export function workloadInSubnets(workload: EntityBase, subnets: readonly Subnet[], scenario: Scenario): string {
  const [only] = subnets;
  if (subnets.length === 1 && only) {
    const cidr = subnetCidr(only, 'ipv4', scenario);
    return `${quoted(workload)} (subnet ${quoted(only)}${cidr.known ? `, ${cidr.value.text}` : ''})`;
  }
  return `${quoted(workload)} (subnets ${listNames(subnets.map(quoted))})`;
}

/** Workload kinds that run the SSM agent, for which `ssm` calls are Session Manager's. */
const SESSION_MANAGER_HOSTS: ReadonlySet<string> = new Set(['instance', 'autoScalingGroup', 'eksNodegroup', 'batchComputeEnvironment']);

/**
 * What clients lose when they cannot reach a service, for messages: `Session Manager` for the
 * Session Manager endpoints called from instances (or from subnets, where instances may live),
 * the service's title otherwise, or undefined when the service is not known or has no title.
 */
export function serviceCallsTitle(service: string | undefined, clients: readonly Client[]): string | undefined {
  if (service === undefined) return undefined;
  if ((service === 'ssm' || service === 'ssmmessages' || service === 'ec2messages') && clients.every((client) => client.kind === 'subnet' || SESSION_MANAGER_HOSTS.has((client.entity as { workloadKind?: string }).workloadKind ?? ''))) {
    return 'Session Manager';
  }
  const title = serviceTitle(service);
  // A service without a title of its own reads better as its DNS name.
  return title === service ? undefined : title;
}

/** The text with its first letter in upper case, for labels that start a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
