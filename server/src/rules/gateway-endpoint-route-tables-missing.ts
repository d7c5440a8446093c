/**
 * `gateway-endpoint-route-tables-missing`: a gateway endpoint (S3, DynamoDB) serves only the subnets
 * whose route tables it lists in `RouteTableIds`. Reported when the list is missing or empty (the
 * endpoint serves no subnet at all), and when a subnet hosting a workload that needs the service has
 * a route table no gateway endpoint of the service lists: without a route to the internet the calls
 * cannot leave the subnet (warning); through a NAT gateway they work but pay for its data processing (info).
 */
import {
  endpointView,
  gatewayServing,
  hasPrivateDns,
  internetAccessOf,
  serviceTitle,
  vpcLabel,
  vpcServices,
  workloadsOfVpc,
  type EndpointView,
} from '../analysis';
import { exists, routeTableOfSubnet, type NetworkModel, type RouteTableHandle, type Subnet, type VpcEndpoint, type Workload } from '../model';
import { ANY_SCENARIO, type Scenario } from '../template';
import { routeTableKey, routeTablesFor, routeTableValue } from './endpoint-additions';
import { entityFromData } from './fix-helpers';
import { exploreItems, itemConditions, keyRange, listNames, qualify, quoted, relatedResource, valueRange, type ExploredItem } from './helpers';
import type { EditIntent, Report, Rule, TemplateValue } from './rule';

/** A route table the endpoint should list, with the subnets and workloads behind it. */
interface MissingTable {
  readonly view: EndpointView;
  readonly table: RouteTableHandle;
  readonly subnet: Subnet;
  readonly workloads: readonly Workload[];
  readonly through: 'nothing' | 'nat';
}

const GATEWAY_SERVICES = new Set(['s3', 'dynamodb']);
/** Properties of interface endpoints: an endpoint that has them is `endpoint-type-property-mismatch`'s finding. */
const INTERFACE_PROPERTIES = ['SubnetIds', 'SecurityGroupIds', 'PrivateDnsEnabled'];

export const rule: Rule = {
  meta: {
    id: 'gateway-endpoint-route-tables-missing',
    description: 'A gateway endpoint lists no route tables, or misses the route table of a subnet whose workloads need its service.',
    category: 'workload',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(ctx) {
    const reports: Report[] = [];
    for (const endpoint of ctx.model.vpcEndpoints) {
      if (INTERFACE_PROPERTIES.some((key) => endpoint.resource.properties?.pairs.some((pair) => pair.key.value === key))) continue;
      const empty = ctx.explore((scenario) => {
        const view = gatewayView(ctx.model, endpoint, scenario);
        if (!view || view.routeTables.unknownReason !== undefined || view.routeTables.items.length > 0) return [];
        const service = serviceTitle(view.serviceName.known ? (view.serviceName.value.service ?? '') : '');
        return [
          {
            file: endpoint.file,
            range: endpoint.routeTableIds ? valueRange(endpoint, endpoint.routeTableIds) : keyRange(endpoint),
            logicalId: endpoint.logicalId,
            message: `Gateway endpoint ${quoted(endpoint)} lists no route tables, so it serves no subnet of VPC ${vpcLabel(view.vpc)} and ${service} calls from the VPC never use it.`,
            data: { endpoint: endpoint.id, reason: 'empty' },
          },
        ];
      });
      reports.push(...empty);
      const items = exploreItems(ctx, (scenario) => missingTables(ctx.model, endpoint, scenario));
      if (items.length > 0) reports.push(reportOf(endpoint, items));
    }
    return reports;
  },
  fix(ctx, finding) {
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    if (!endpoint) return [];
    const view = endpointView(ctx.model, endpoint, ANY_SCENARIO);
    const service = view.serviceName.known ? view.serviceName.value.service : undefined;
    if (!service) return [];
    const wanted = finding.data?.reason === 'empty' ? routeTablesFor(ctx.model, view.vpc, service) : tablesFromData(ctx.model, finding.data?.subnets);
    const values = wanted.map((table) => routeTableValue(table, endpoint.file));
    if (values.length === 0 || values.some((value) => value === undefined)) return [];
    const node = endpoint.routeTableIds?.node;
    const intents: EditIntent[] =
      node?.kind === 'seq'
        ? (values as TemplateValue[]).map((value) => ({ kind: 'appendToList', file: endpoint.file, list: node, value }))
        : [{ kind: 'setResourceValue', file: endpoint.file, logicalId: endpoint.logicalId, path: ['Properties', 'RouteTableIds'], value: values as TemplateValue[] }];
    const names = wanted.map(tableName);
    return [{ title: `Add ${names.length === 1 ? 'route table' : 'route tables'} ${listNames(names, names.length)} to ${quoted(endpoint)}`, preferred: true, intents }];
  },
};

/** The endpoint's view when it is certainly a gateway endpoint for S3 or DynamoDB that exists in the scenario. */
function gatewayView(model: NetworkModel, endpoint: VpcEndpoint, scenario: Scenario): EndpointView | undefined {
  if (!exists(endpoint, scenario)) return undefined;
  const view = endpointView(model, endpoint, scenario);
  if (!view.type.known || view.type.value !== 'Gateway' || !view.serviceName.known) return undefined;
  const service = view.serviceName.value.service;
  return service !== undefined && GATEWAY_SERVICES.has(service) ? view : undefined;
}

/**
 * The route tables of subnets whose workloads need the endpoint's service and that no gateway
 * endpoint of the service lists. Only the first gateway endpoint of the service in the VPC reports,
 * so that one missing table is one finding.
 */
function* missingTables(model: NetworkModel, endpoint: VpcEndpoint, scenario: Scenario): Generator<readonly [string, MissingTable]> {
  const view = gatewayView(model, endpoint, scenario);
  if (!view || view.vpc.key === undefined) return;
  if (view.routeTables.unknownReason !== undefined || view.routeTables.items.length === 0) return;
  const service = (view.serviceName as { value: { service: string } }).value.service;
  const services = vpcServices(model, view.vpc, scenario);
  const gateways = services.gateways.get(service) ?? [];
  if (gateways[0]?.endpoint !== endpoint) return;
  const interfaceServes = (services.interfaces.get(service) ?? []).some(hasPrivateDns);
  const byTable = new Map<string, MissingTable>();
  for (const entry of workloadsOfVpc(model, view.vpc, scenario)) {
    const need = entry.needs.needs.find((candidate) => candidate.service === service && candidate.level === 'required' && candidate.endpointKind !== 'interface');
    if (!need || (need.endpointKind === 'either' && interfaceServes)) continue;
    for (const subnet of entry.subnets) {
      const table = routeTableOfSubnet(model, subnet, scenario);
      const key = routeTableKey(table);
      if (key === undefined) continue;
      const served = gatewayServing(model, gateways, table, scenario);
      if (!served.known || served.value) continue;
      const access = internetAccessOf(model, subnet, scenario);
      if (!access.known) continue;
      const through = !access.value.internet ? 'nothing' : access.value.via === 'natGateway' ? 'nat' : undefined;
      if (!through) continue;
      const known = byTable.get(key);
      if (known) {
        if (!known.workloads.includes(entry.workload)) byTable.set(key, { ...known, workloads: [...known.workloads, entry.workload] });
      } else byTable.set(key, { view, table, subnet, workloads: [entry.workload], through });
    }
  }
  for (const [key, value] of byTable) yield [key, value];
}

/** `"PrivateRouteTableB"`, or `the main route table of "Vpc"`. */
function tableName(table: RouteTableHandle): string {
  if (table.kind === 'declared') return quoted(table.routeTable);
  if (table.kind === 'main') return `the main route table of ${table.vpc.vpc ? quoted(table.vpc.vpc) : 'the VPC'}`;
  return 'a route table';
}

function reportOf(endpoint: VpcEndpoint, items: readonly ExploredItem<MissingTable>[]): Report {
  const first = items[0] as ExploredItem<MissingTable>;
  const service = serviceTitle(first.value.view.serviceName.known ? (first.value.view.serviceName.value.service ?? '') : '');
  const conditions = itemConditions(items);
  const tables = items.map((item) => conditions.nameOf(item, `${tableName(item.value.table)} (subnet ${quoted(item.value.subnet)})`));
  const workloads = [...new Set(items.flatMap((item) => item.value.workloads))];
  const closed = items.some((item) => item.value.through === 'nothing');
  const nat = items.some((item) => item.value.through === 'nat');
  const consequence =
    closed && nat
      ? 'cannot leave the subnets without a route to the internet and go through a NAT gateway from the others'
      : closed
        ? `cannot leave ${items.length === 1 ? 'the subnet' : 'those subnets'}`
        : 'go through a NAT gateway instead, which bills their data processing';
  const subject = items.length === 1 ? 'route table' : 'route tables';
  const message = `Gateway endpoint ${quoted(endpoint)} does not list ${subject} ${listNames(tables, tables.length)}, so ${service} calls of ${listNames(workloads.map(quoted))} from there ${consequence}.`;
  return {
    file: endpoint.file,
    range: endpoint.routeTableIds ? valueRange(endpoint, endpoint.routeTableIds) : keyRange(endpoint),
    logicalId: endpoint.logicalId,
    message: qualify(message, conditions.shared),
    severity: closed ? 'warning' : 'info',
    related: [
      ...workloads.map((workload) => relatedResource(workload, `${quoted(workload)} calls ${service}.`)),
      ...items.flatMap((item) => (item.value.table.kind === 'declared' ? [relatedResource(item.value.table.routeTable, `Route table of subnet ${quoted(item.value.subnet)}.`)] : [])),
    ],
    data: {
      endpoint: endpoint.id,
      reason: 'missing',
      subnets: items.map((item) => item.value.subnet.id),
    },
    ...(conditions.shared ? { conditions: conditions.shared } : {}),
  };
}

/** The route tables of the subnets a finding names, in its order, each once. */
function tablesFromData(model: NetworkModel, subnets: unknown): RouteTableHandle[] {
  if (!Array.isArray(subnets)) return [];
  const tables: RouteTableHandle[] = [];
  for (const id of subnets) {
    const subnet = typeof id === 'string' ? model.byId.get(id) : undefined;
    if (subnet?.kind !== 'subnet') continue;
    const table = routeTableOfSubnet(model, subnet, ANY_SCENARIO);
    const key = routeTableKey(table);
    if (key !== undefined && !tables.some((known) => routeTableKey(known) === key)) tables.push(table);
  }
  return tables;
}
