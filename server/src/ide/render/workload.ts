/**
 * The hover of a workload (an instance, an Auto Scaling group, a function, a service…): where its
 * interfaces are, and for each AWS service the VPC has an endpoint for, whether the workload reaches
 * it through the endpoint, through the internet, or not at all; then the same for every other
 * service. A private-DNS endpoint that does not admit the workload makes the service unreachable even
 * from a subnet with an internet route, because the service's name no longer resolves to the public
 * service there.
 *
 * The hover is a list of sections over facts computed once (`WorkloadFacts`); a new section (such as
 * what the workload needs, from a knowledge base) is one more function in `WORKLOAD_SECTIONS`.
 */
import {
  endpointView,
  groupHandle,
  internetAccessOf,
  isInterface,
  serviceTitle,
  workloadGroups,
  type EndpointView,
  type GroupSet,
  type InternetAccess,
  type Known,
} from '../../analysis';
import {
  exists,
  gatewayEndpointsOfRouteTable,
  listOf as itemsOf,
  routeTableOfSubnet,
  subnetOf,
  vpcOf,
  type Subnet,
  type VpcHandle,
  type Workload,
  WORKLOAD_KIND_LABELS,
} from '../../model';
import { endpointClients, markSymbol, verdictIn, type Mark, type SubnetVerdict } from '../endpoint-clients';
import { conditionsNote } from './conditions';
import { cidrText, entityName, groupName, hopPlace, hopSentence, internetCell, internetSentence, zoneText, type RenderContext } from './labels';
import { bullets, capitalize, code, count, listOf, sections, table, text } from './markdown';
import { needsSection } from './workload-needs';

/** How a workload gets to one service. */
export type ServiceRoute =
  | { readonly kind: 'endpoint'; readonly view: EndpointView; readonly verdict: SubnetVerdict | undefined }
  | { readonly kind: 'gateway-endpoint'; readonly view: EndpointView }
  | { readonly kind: 'internet'; readonly access: Known<InternetAccess>; readonly privateDnsOff?: EndpointView }
  | { readonly kind: 'unknown'; readonly view: EndpointView; readonly reason: string };

export interface ServiceReach {
  /** The service id (`ssm`); undefined for the row of every other AWS service. */
  readonly service: string | undefined;
  readonly names: readonly string[];
  readonly route: ServiceRoute;
  readonly mark: Mark;
}

/** What the sections of a workload hover read. */
export interface WorkloadFacts {
  readonly workload: Workload;
  /** The declared subnets its interfaces are in. */
  readonly subnets: readonly Subnet[];
  /** Why some of its subnets are unknown, when they are. */
  readonly subnetsUnknown: string | undefined;
  readonly vpc: VpcHandle | undefined;
  readonly groups: GroupSet;
  /** The route to the internet of each of its subnets. */
  readonly internet: ReadonlyMap<Subnet, Known<InternetAccess>>;
  /** One entry per endpoint of its VPC, then one for every other AWS service. */
  readonly services: readonly ServiceReach[];
}

/** One section of the hover: markdown, or undefined to leave it out. */
export type WorkloadSection = (ctx: RenderContext, facts: WorkloadFacts) => string | undefined;

/** The sections, in order. */
export const WORKLOAD_SECTIONS: readonly WorkloadSection[] = [placementSection, servicesSection, summarySection, needsSection];

export function renderWorkload(ctx: RenderContext, workload: Workload): string {
  const facts = workloadFacts(ctx, workload);
  return sections(...WORKLOAD_SECTIONS.map((section) => section(ctx, facts)), conditionsNote(ctx.recording));
}

/** The facts every section reads. */
export function workloadFacts(ctx: RenderContext, workload: Workload): WorkloadFacts {
  const subnets: Subnet[] = [];
  let subnetsUnknown: string | undefined;
  for (const ref of workload.subnets) {
    const list = itemsOf(ref, ctx.scenario);
    if (list.unknownReason !== undefined) subnetsUnknown ??= list.unknownReason;
    for (const item of list.items) {
      const subnet = subnetOf(ctx.model, item.value);
      if (subnet && !subnets.includes(subnet)) subnets.push(subnet);
      if (!subnet) subnetsUnknown ??= `subnet ${describeItem(item.value)} is not declared in the workspace`;
    }
  }
  const first = subnets[0];
  const vpc = first ? vpcOf(ctx.model, first, ctx.scenario) : undefined;
  const internet = new Map(subnets.map((subnet) => [subnet, internetAccessOf(ctx.model, subnet, ctx.scenario)] as const));
  const groups = vpc ? workloadGroups(workload, vpc, ctx.scenario) : { values: [] };
  return { workload, subnets, subnetsUnknown, vpc, groups, internet, services: vpc ? servicesOf(ctx, workload, subnets, vpc, internet) : [] };
}

function describeItem(value: import('../../template').Value): string {
  return value.kind === 'string' ? value.value : value.kind === 'unknown' ? `(${value.reason})` : value.kind;
}

/** How the workload gets to each service that has an endpoint in its VPC, and to every other one. */
function servicesOf(ctx: RenderContext, workload: Workload, subnets: readonly Subnet[], vpc: VpcHandle, internet: ReadonlyMap<Subnet, Known<InternetAccess>>): ServiceReach[] {
  const services: ServiceReach[] = [];
  const internetRoute = (): { route: ServiceRoute & { kind: 'internet' }; mark: Mark } => {
    const access = combinedInternet(subnets, internet);
    return { route: { kind: 'internet', access }, mark: !access.known ? 'unknown' : access.value.internet ? 'admitted' : 'blocked' };
  };
  const endpoints = vpc.key === undefined ? [] : ctx.model.vpcEndpoints.filter((endpoint) => exists(endpoint, ctx.scenario) && vpcOf(ctx.model, endpoint, ctx.scenario).key === vpc.key);
  const tables = subnets.map((subnet) => routeTableOfSubnet(ctx.model, subnet, ctx.scenario));
  for (const endpoint of endpoints) {
    const view = endpointView(ctx.model, endpoint, ctx.scenario);
    const service = view.serviceName.known ? view.serviceName.value.service : undefined;
    const names = view.dnsNames;
    if (view.type.known && view.type.value === 'Gateway') {
      const serves = tables.length > 0 && tables.every((table0) => gatewayEndpointsOfRouteTable(ctx.model, table0, ctx.scenario).includes(endpoint));
      if (serves) services.push({ service, names, route: { kind: 'gateway-endpoint', view }, mark: 'admitted' });
      continue;
    }
    if (!isInterface(view)) continue;
    if (!view.privateDns.known) {
      services.push({ service, names, route: { kind: 'unknown', view, reason: `whether private DNS is on is unknown: ${view.privateDns.reason}` }, mark: 'unknown' });
      continue;
    }
    if (!view.privateDns.value) {
      const fallback = internetRoute();
      services.push({ service, names, route: { ...fallback.route, privateDnsOff: view }, mark: fallback.mark });
      continue;
    }
    const client = endpointClients(ctx.model, endpoint, ctx.scenario).clients.find((candidate) => candidate.client.id === workload.id);
    const verdict = client ? verdictIn(client) : undefined;
    services.push({ service, names, route: { kind: 'endpoint', view, verdict }, mark: verdict?.mark ?? 'unknown' });
  }
  const rest = internetRoute();
  services.push({ service: undefined, names: [], route: rest.route, mark: rest.mark });
  return services;
}

/** The route to the internet of all the subnets together: known only when they agree. */
function combinedInternet(subnets: readonly Subnet[], internet: ReadonlyMap<Subnet, Known<InternetAccess>>): Known<InternetAccess> {
  const accesses = subnets.map((subnet) => internet.get(subnet)).filter((access): access is Known<InternetAccess> => access !== undefined);
  const unknownAccess = accesses.find((access) => !access.known);
  if (unknownAccess) return unknownAccess;
  const known = accesses.filter((access): access is { known: true; value: InternetAccess } => access.known);
  if (known.length === 0) return { known: false, reason: 'the subnets of the workload are unknown' };
  const withInternet = known.filter((access) => access.value.internet);
  if (withInternet.length === known.length) return withInternet[0] as Known<InternetAccess>;
  if (withInternet.length === 0) return { known: true, value: { internet: false } };
  return { known: false, reason: 'some of its subnets have a route to the internet and others do not' };
}

/** Where its interfaces are, with which security groups, and their route to the internet. */
function placementSection(ctx: RenderContext, facts: WorkloadFacts): string {
  const kind = WORKLOAD_KIND_LABELS[facts.workload.workloadKind];
  const vpcName = facts.vpc?.vpc ? entityName(ctx, facts.vpc.vpc) : facts.vpc?.value?.kind === 'string' ? code(facts.vpc.value.value) : 'an unknown VPC';
  const place = (subnet: Subnet): string => {
    const zone = zoneText(subnet, ctx.scenario);
    const cidr = cidrText(subnet, ctx.scenario);
    return `${entityName(ctx, subnet)} (${zone.cell}, ${cidr.cell})`;
  };
  const where =
    facts.subnets.length === 0
      ? ''
      : facts.subnets.length === 1
        ? ` in ${place(facts.subnets[0] as Subnet)} of ${vpcName}`
        : ` in ${count(facts.subnets.length, 'subnet')} of ${vpcName}: ${listOf(facts.subnets.map(place))}`;
  const lines = [`**${entityName(ctx, facts.workload)}** · ${kind}${where}`];
  if (facts.subnetsUnknown !== undefined) lines.push(`Some of its subnets are unknown: ${text(facts.subnetsUnknown)}.`);
  if (facts.subnets.length > 0) lines.push(groupsLine(ctx, facts));
  const only = facts.subnets.length === 1 ? facts.subnets[0] : undefined;
  const onlyAccess = only ? facts.internet.get(only) : undefined;
  if (onlyAccess) lines.push(internetSentence(ctx, onlyAccess));
  else if (facts.subnets.length > 1) {
    const routes = facts.subnets.map((subnet) => `${internetCell(facts.internet.get(subnet) ?? { known: false, reason: '' })} from ${entityName(ctx, subnet)}`);
    lines.push(`Route to the internet: ${listOf(routes)}.`);
  }
  return lines.join('\n');
}

function groupsLine(ctx: RenderContext, facts: WorkloadFacts): string {
  const names = facts.groups.values.map((value) => groupName(ctx, groupHandle(ctx.model, value)));
  const unknown = facts.groups.unknownReason !== undefined ? [`? (${text(facts.groups.unknownReason)})`] : [];
  const implicit = facts.groups.implicit ? ['groups AWS adds'] : [];
  const all = [...names, ...unknown, ...implicit];
  return all.length > 0 ? `Security groups: ${listOf(all)}.` : 'Security groups: none known.';
}

/** A table with one row per endpoint service and one for every other service. */
function servicesSection(ctx: RenderContext, facts: WorkloadFacts): string | undefined {
  if (facts.subnets.length === 0) return facts.subnetsUnknown !== undefined ? 'What it reaches cannot be told while its subnets are unknown.' : undefined;
  const notes = new Notes();
  const rows = facts.services.map((entry) => {
    const label = entry.service === undefined ? 'Other AWS services' : serviceLabel(entry.service);
    const names = entry.service === undefined ? 'public names' : entry.names.length > 0 ? entry.names.map(code).join(', ') : '—';
    noteFor(ctx, entry, label, notes);
    return [label, names, throughCell(ctx, entry), markSymbol(entry.mark)];
  });
  const blockedByEndpoint = facts.services.some((entry) => entry.route.kind === 'endpoint' && entry.mark === 'blocked');
  const anyInternet = [...facts.internet.values()].some((access) => access.known && access.value.internet);
  const internetNote = blockedByEndpoint && anyInternet ? 'The internet route does not help: private DNS resolves these names to the endpoints in every subnet of the VPC.' : undefined;
  const lines = notes.lines();
  return sections(table(['Service', 'Name it calls', 'Through', 'Reaches it'], rows), lines.length > 0 ? bullets(lines) : undefined, internetNote);
}

/** Notes that explain ✗ and ?, one line per explanation, naming every service it explains. */
class Notes {
  private readonly byText = new Map<string, string[]>();
  add(mark: '✗' | '?', label: string, explanation: string): void {
    const key = `${mark} ${explanation}`;
    const labels = this.byText.get(key) ?? [];
    labels.push(label);
    this.byText.set(key, labels);
  }
  lines(): string[] {
    return [...this.byText].map(([key, labels]) => `${key.slice(0, 1)} ${listOf(labels)}: ${key.slice(2)}`);
  }
}

function serviceLabel(service: string): string {
  const title = serviceTitle(service);
  return title === service ? code(service) : `${text(title)} (${code(service)})`;
}

function throughCell(ctx: RenderContext, entry: ServiceReach): string {
  const route = entry.route;
  switch (route.kind) {
    case 'endpoint':
      return `endpoint ${entityName(ctx, route.view.endpoint)}`;
    case 'gateway-endpoint':
      return `gateway endpoint ${entityName(ctx, route.view.endpoint)}`;
    case 'unknown':
      return `endpoint ${entityName(ctx, route.view.endpoint)}?`;
    case 'internet': {
      const cell = internetCell(route.access);
      return cell === 'closed' ? 'nothing: no route to the internet' : cell === '?' ? 'the internet?' : cell;
    }
  }
}

/** Adds the note that explains a ✗ or ?. */
function noteFor(ctx: RenderContext, entry: ServiceReach, label: string, notes: Notes): void {
  const route = entry.route;
  if (entry.mark === 'admitted') return;
  if (route.kind === 'endpoint' && route.verdict?.mark === 'blocked' && route.verdict.hop) notes.add('✗', label, hopSentence(ctx, route.verdict.hop));
  else if (route.kind === 'endpoint' && route.verdict?.mark === 'unknown') notes.add('?', label, `unknown ${route.verdict.unknownHop ? `${hopPlace(route.verdict.unknownHop)} ` : ''}(${text(route.verdict.reason ?? 'no reason given')}).`);
  else if (route.kind === 'endpoint' && !route.verdict) notes.add('?', label, 'the workload is not among the endpoint\'s clients.');
  else if (route.kind === 'unknown') notes.add('?', label, `${capitalize(text(route.reason))}.`);
  else if (route.kind === 'internet' && !route.access.known) notes.add('?', label, `the route to the internet is unknown (${text(route.access.reason)}).`);
}

/** One line each: through an endpoint, through the internet, not at all. */
function summarySection(_ctx: RenderContext, facts: WorkloadFacts): string | undefined {
  if (facts.subnets.length === 0) return undefined;
  const name = (entry: ServiceReach): string => (entry.service === undefined ? 'every other AWS service' : serviceLabel(entry.service));
  const viaEndpoint = facts.services.filter((entry) => entry.mark === 'admitted' && (entry.route.kind === 'endpoint' || entry.route.kind === 'gateway-endpoint'));
  const viaInternet = facts.services.filter((entry) => entry.mark === 'admitted' && entry.route.kind === 'internet');
  const notAtAll = facts.services.filter((entry) => entry.mark === 'blocked');
  return bullets([
    `**Through an endpoint:** ${viaEndpoint.length > 0 ? listOf(viaEndpoint.map(name)) : 'nothing'}.`,
    `**Through the internet:** ${viaInternet.length > 0 ? listOf(viaInternet.map(name)) : 'nothing'}.`,
    `**Not at all:** ${notAtAll.length > 0 ? listOf(notAtAll.map(name)) : 'nothing'}.`,
  ]);
}
