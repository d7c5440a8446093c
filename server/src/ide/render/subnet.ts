/**
 * The hover of a subnet: where it is (VPC, AZ, CIDR), its route to the internet, the workloads in
 * it, and which endpoints answer which names there. Private DNS answers in every subnet of the VPC,
 * so the table lists every interface endpoint of the VPC with private DNS on, whether its network
 * interface is in this subnet, in another subnet of the same AZ or only in other AZs, and whether
 * the clients here get through on TCP 443. Gateway endpoints that serve the subnet's route table
 * follow, and endpoints without private DNS are named with what that means.
 */
import { endpointView, internetAccessOf, isInterface, sameZone, zoneOf } from '../../analysis';
import { exists, gatewayEndpointsOfRouteTable, listOf as itemsOf, routeTableOfSubnet, subnetOf, vpcOf, type Subnet, type VpcEndpoint, type Workload } from '../../model';
import { clientsInSubnet, endpointClients, markSymbol, verdictIn, type EndpointClients } from '../endpoint-clients';
import { conditionsNote } from './conditions';
import { cidrText, entityName, hopPlace, hopSentence, internetSentence, zoneText, type RenderContext } from './labels';
import { bullets, code, listOf, sections, table, text } from './markdown';

const MAX_NOTES = 8;

export function renderSubnet(ctx: RenderContext, subnet: Subnet): string {
  const vpc = vpcOf(ctx.model, subnet, ctx.scenario);
  const zone = zoneText(subnet, ctx.scenario);
  const cidr = cidrText(subnet, ctx.scenario);
  const vpcName = vpc.vpc ? entityName(ctx, vpc.vpc) : vpc.value?.kind === 'string' ? code(vpc.value.value) : 'an unknown VPC';
  const titleLine = `**${entityName(ctx, subnet)}** · subnet of ${vpcName} · ${zone.unknownReason !== undefined ? `AZ unknown (${text(zone.unknownReason)})` : zone.cell} · ${cidr.unknownReason !== undefined ? `CIDR unknown (${text(cidr.unknownReason)})` : cidr.cell}`;

  const access = internetAccessOf(ctx.model, subnet, ctx.scenario);
  const table0 = routeTableOfSubnet(ctx.model, subnet, ctx.scenario);
  const routeTable = table0.kind === 'declared' ? ` Its route table is ${entityName(ctx, table0.routeTable)}.` : table0.kind === 'main' ? ` It uses the main route table of ${vpcName}.` : '';
  const routeLine = `${internetSentence(ctx, access)}${access.known && !access.value.internet ? routeTable : ''}`;

  const workloads = ctx.model.workloads.filter((workload) => exists(workload, ctx.scenario) && workloadIsIn(ctx, workload, subnet));
  const workloadLine = workloads.length > 0 ? `Workloads: ${listOf(workloads.map((workload) => entityName(ctx, workload)))}.` : 'No declared workload: the subnet stands for any ENI that may be placed in it.';

  const endpoints = vpc.key === undefined ? [] : ctx.model.vpcEndpoints.filter((endpoint) => exists(endpoint, ctx.scenario) && vpcOf(ctx.model, endpoint, ctx.scenario).key === vpc.key);
  const facts = endpoints.map((endpoint) => endpointClients(ctx.model, endpoint, ctx.scenario)).filter((entry) => isInterface(entry.view));
  const withDns = facts.filter((entry) => entry.view.privateDns.known && entry.view.privateDns.value);
  const undecided = facts.filter((entry) => !entry.view.privateDns.known);
  const withoutDns = facts.filter((entry) => entry.view.privateDns.known && !entry.view.privateDns.value);

  const notes = new ClientNotes();
  const unknownDns: string[] = [];
  const rows = [...withDns, ...undecided].map((entry) => {
    const names = entry.view.dnsNames.length > 0 ? entry.view.dnsNames.map(code).join(', ') : text(entry.view.displayName);
    const dns = entry.view.privateDns.known ? '' : ' (private DNS unknown)';
    if (!entry.view.privateDns.known) unknownDns.push(`? Private DNS of ${entityName(ctx, entry.view.endpoint)}: ${text(entry.view.privateDns.reason)}.`);
    return [names, `${entityName(ctx, entry.view.endpoint)}${dns}`, eniPlacement(ctx, entry, subnet), clientsHere(ctx, entry, subnet, notes)];
  });
  const endpointSection =
    rows.length > 0
      ? sections(`Names that private DNS answers here, as in every subnet of ${vpcName}:`, table(['Name', 'Endpoint', 'Endpoint ENI', 'Clients here on TCP 443'], rows), notes.lines().length + unknownDns.length > 0 ? bullets(limit([...unknownDns, ...notes.lines()])) : undefined)
      : vpc.key === undefined
        ? undefined
        : `No interface endpoint of ${vpcName} has private DNS on: AWS service names resolve to their public addresses here.`;
  const offLine =
    withoutDns.length > 0
      ? `Private DNS off: ${listOf(withoutDns.map((entry) => `${entityName(ctx, entry.view.endpoint)} (${code(entry.view.serviceName.known ? (entry.view.serviceName.value.service ?? entry.view.serviceName.value.full) : '?')})`))}; only calls to ${withoutDns.length === 1 ? 'its' : 'their'} endpoint-specific names go there.`
      : undefined;
  const gateways = gatewayEndpointsOfRouteTable(ctx.model, table0, ctx.scenario);
  const gatewayLine =
    gateways.length > 0
      ? `Gateway endpoints on its route table: ${listOf(gateways.map((endpoint) => gatewayLabel(ctx, endpoint)))}.`
      : undefined;

  return sections([titleLine, routeLine, workloadLine].join('\n'), endpointSection, [offLine, gatewayLine].filter(Boolean).join('\n'), conditionsNote(ctx.recording));
}

/** Whether a workload has interfaces in the subnet. */
function workloadIsIn(ctx: RenderContext, workload: Workload, subnet: Subnet): boolean {
  return workload.subnets.some((ref) => itemsOf(ref, ctx.scenario).items.some((item) => subnetOf(ctx.model, item.value) === subnet));
}

/** Where the endpoint's interface is as seen from this subnet. */
function eniPlacement(ctx: RenderContext, entry: EndpointClients, subnet: Subnet): string {
  if (entry.endpointSubnets.includes(subnet)) return 'in this subnet';
  const here = zoneOf(subnet, ctx.scenario);
  const same = entry.endpointSubnets.filter((other) => sameZone(here, zoneOf(other, ctx.scenario)) === true);
  if (same.length > 0) return `same AZ: ${listOf(same.map((other) => entityName(ctx, other)))}`;
  const undecided = entry.endpointSubnets.filter((other) => sameZone(here, zoneOf(other, ctx.scenario)) === undefined);
  if (undecided.length > 0 || entry.view.subnets.unknownReason !== undefined || entry.otherEndpointSubnets.length > 0) return '? (AZs cannot be compared)';
  if (entry.endpointSubnets.length === 0) return 'none anywhere';
  return `other AZs only (cross-AZ): ${listOf(entry.endpointSubnets.map((other) => entityName(ctx, other)))}`;
}

/** The verdicts of the clients in this subnet, with a note for each ✗ and ?. */
function clientsHere(ctx: RenderContext, entry: EndpointClients, subnet: Subnet, notes: ClientNotes): string {
  const here = clientsInSubnet(entry.clients, subnet);
  if (here.length === 0) return '—';
  return here
    .map((verdict) => {
      const name = verdict.client.kind === 'subnet' ? '*any ENI*' : entityName(ctx, verdict.client.entity);
      const result = verdictIn(verdict, subnet);
      const endpoint = entityName(ctx, entry.view.endpoint);
      if (result.mark === 'blocked' && result.hop) notes.add(`✗ ${name}`, endpoint, hopSentence(ctx, result.hop));
      if (result.mark === 'unknown' && result.reason !== undefined) notes.add(`? ${name}`, endpoint, `unknown ${result.unknownHop ? `${hopPlace(result.unknownHop)} ` : ''}(${text(result.reason)}).`);
      return `${markSymbol(result.mark)} ${name}`;
    })
    .join(', ');
}

function gatewayLabel(ctx: RenderContext, endpoint: VpcEndpoint): string {
  const view = endpointView(ctx.model, endpoint, ctx.scenario);
  const service = view.serviceName.known ? view.serviceName.value.service : undefined;
  return `${entityName(ctx, endpoint)}${service ? ` (${code(service)})` : ''}`;
}

/** Notes on clients, one line per client and explanation, naming every endpoint it concerns. */
class ClientNotes {
  private readonly byKey = new Map<string, { readonly head: string; readonly explanation: string; readonly endpoints: string[] }>();
  add(head: string, endpoint: string, explanation: string): void {
    const key = `${head}\u0000${explanation}`;
    const entry = this.byKey.get(key) ?? { head, explanation, endpoints: [] };
    entry.endpoints.push(endpoint);
    this.byKey.set(key, entry);
  }
  lines(): string[] {
    return [...this.byKey.values()].map((entry) => `${entry.head} → ${listOf(entry.endpoints)}: ${entry.explanation}`);
  }
}

function limit(notes: readonly string[]): string[] {
  const shown = notes.slice(0, MAX_NOTES);
  if (notes.length > shown.length) shown.push(`… and ${notes.length - shown.length} more.`);
  return shown;
}
