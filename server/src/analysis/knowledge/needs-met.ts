/**
 * How each need of a workload is met, subnet by subnet: by an interface endpoint of its VPC, by a
 * gateway endpoint on the subnet's route table (S3, DynamoDB), by a route to an internet or NAT
 * gateway, or not at all; unknown, with the reason, where the template cannot tell. This is the
 * pure function behind the workload hover's "what it needs" section and the rules about unmet needs.
 */
import {
  exists,
  gatewayEndpointsOfRouteTable,
  resourceOf,
  routeTableOfSubnet,
  routesOfRouteTable,
  vpcOf,
  type NetworkModel,
  type Route,
  type RouteTableHandle,
  type Subnet,
  type VpcEndpoint,
  type VpcHandle,
  type Workload,
} from '../../model';
import { evaluateRef } from '../../model';
import { literalString, type Scenario } from '../../template';
import { endpointView, hasPrivateDns, known, unknownBecause, type EndpointView, type Known } from '../endpoints';
import { workloadSubnets } from '../captures';
import { describeTarget, internetAccessOf, type InternetAccess } from '../routes';
import { needsOf, type Need, type UnknownNeed } from './workload-needs';

/** How one need is met from one subnet. */
export type NeedMet =
  | { readonly kind: 'interface-endpoint'; readonly endpoint: VpcEndpoint; readonly privateDns: boolean }
  | { readonly kind: 'gateway-endpoint'; readonly endpoint: VpcEndpoint }
  | { readonly kind: 'internet'; readonly via: 'internetGateway' | 'egressOnlyInternetGateway' | 'natGateway'; readonly route: Route }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface NeedInSubnet {
  readonly subnet: Subnet;
  readonly met: NeedMet;
}

export interface MetNeed {
  readonly need: Need;
  /** One entry per declared subnet of the workload. */
  readonly subnets: readonly NeedInSubnet[];
}

export interface WorkloadNeeds {
  readonly workload: Workload;
  readonly needs: readonly MetNeed[];
  /** What may show further needs but the template does not decide. */
  readonly unknown: readonly UnknownNeed[];
  /** The declared subnets of the workload. */
  readonly subnets: readonly Subnet[];
  readonly vpc: VpcHandle | undefined;
  /** The endpoints of that VPC in the scenario. */
  readonly services: VpcServices | undefined;
}

/** What the workload needs in the scenario and how each need is met. */
export function workloadNeeds(model: NetworkModel, workload: Workload, scenario: Scenario): WorkloadNeeds {
  const { needs, unknown } = needsOf(model, workload, scenario);
  const subnets = workloadSubnets(model, workload, scenario);
  const first = subnets[0];
  const vpc = first ? vpcOf(model, first, scenario) : undefined;
  const services = vpc ? vpcServices(model, vpc, scenario) : undefined;
  const places = subnets.map((subnet) => ({ subnet, table: routeTableOfSubnet(model, subnet, scenario), internet: internetAccessOf(model, subnet, scenario) }));
  return {
    workload,
    needs: needs.map((need) => ({
      need,
      subnets: services ? places.map((place) => ({ subnet: place.subnet, met: meetNeed(model, need, place, services, scenario) })) : [],
    })),
    unknown,
    subnets,
    vpc,
    services,
  };
}

/** The endpoints of a VPC by service and kind, in the scenario. */
export interface VpcServices {
  readonly vpc: VpcHandle;
  readonly interfaces: ReadonlyMap<string, readonly EndpointView[]>;
  readonly gateways: ReadonlyMap<string, readonly EndpointView[]>;
  /** Set when an endpoint might serve the VPC with a service the template does not decide. */
  readonly unknownReason: string | undefined;
}

/** The endpoints that exist in the VPC in the scenario, by service. */
export function vpcServices(model: NetworkModel, vpc: VpcHandle, scenario: Scenario): VpcServices {
  const interfaces = new Map<string, EndpointView[]>();
  const gateways = new Map<string, EndpointView[]>();
  let unknownReason: string | undefined;
  for (const endpoint of model.vpcEndpoints) {
    const key = vpcOf(model, endpoint, scenario).key;
    if (key !== undefined && key !== vpc.key) continue;
    if (!exists(endpoint, scenario)) continue;
    if (key === undefined || vpc.key === undefined) {
      unknownReason ??= `the VPC of endpoint "${endpoint.logicalId}" is unknown`;
      continue;
    }
    const view = endpointView(model, endpoint, scenario);
    if (!view.type.known) {
      unknownReason ??= `the type of endpoint "${endpoint.logicalId}" is unknown`;
      continue;
    }
    if (!view.serviceName.known) {
      unknownReason ??= `the service of endpoint "${endpoint.logicalId}" is unknown`;
      continue;
    }
    const service = view.serviceName.value.service;
    if (service === undefined) continue;
    const byKind = view.type.value === 'Interface' ? interfaces : view.type.value === 'Gateway' ? gateways : undefined;
    if (!byKind) continue;
    byKind.set(service, [...(byKind.get(service) ?? []), view]);
  }
  return { vpc, interfaces, gateways, unknownReason };
}

interface Place {
  readonly subnet: Subnet;
  readonly table: RouteTableHandle;
  readonly internet: Known<InternetAccess>;
}

/** How a need is met from one subnet. */
function meetNeed(model: NetworkModel, need: Need, place: Place, services: VpcServices, scenario: Scenario): NeedMet {
  let unknownReason: string | undefined;
  if (need.endpointKind !== 'interface') {
    const gateways = services.gateways.get(need.service) ?? [];
    if (gateways.length > 0) {
      const served = gatewayServing(model, gateways, place.table, scenario);
      if (served.known && served.value) return { kind: 'gateway-endpoint', endpoint: served.value.endpoint };
      if (!served.known) unknownReason = served.reason;
    }
  }
  if (need.endpointKind !== 'gateway') {
    const interfaces = services.interfaces.get(need.service) ?? [];
    const best = interfaces.find(hasPrivateDns) ?? interfaces[0];
    if (best) return { kind: 'interface-endpoint', endpoint: best.endpoint, privateDns: hasPrivateDns(best) };
  }
  unknownReason ??= services.unknownReason;
  if (!place.internet.known) return { kind: 'unknown', reason: place.internet.reason };
  if (place.internet.value.internet) return { kind: 'internet', via: place.internet.value.via, route: place.internet.value.route };
  unknownReason ??= routeElsewhere(model, place.table, scenario);
  return unknownReason !== undefined ? { kind: 'unknown', reason: unknownReason } : { kind: 'nothing' };
}

/**
 * Why a subnet without a route to the internet may still reach the service: a route to a transit
 * gateway, a peering connection, a VPN gateway, an instance or a network interface may lead to
 * endpoints shared from another VPC (the centralized endpoints pattern) or to a proxy.
 */
function routeElsewhere(model: NetworkModel, table: RouteTableHandle, scenario: Scenario): string | undefined {
  for (const route of routesOfRouteTable(model, table, scenario) ?? []) {
    switch (route.targetKind) {
      case 'transitGateway':
      case 'vpcPeering':
      case 'networkInterface':
      case 'instance':
      case 'localGateway':
      case 'coreNetwork':
        return `route "${route.logicalId}" leads to ${describeTarget(route.targetKind)}, which may reach endpoints shared from another network or a proxy`;
      case 'internetGateway': {
        const target = evaluateRef(route.target, scenario);
        const resource = resourceOf(model, target);
        const text = target ? literalString(target) : undefined;
        if (resource?.type === 'AWS::EC2::VPNGateway' || text?.startsWith('vgw-')) return `route "${route.logicalId}" leads to a VPN gateway, which may reach a proxy or shared endpoints`;
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

/** The gateway endpoint among `gateways` that lists the route table, or none; unknown when a list or the table is unknown. */
export function gatewayServing(model: NetworkModel, gateways: readonly EndpointView[], table: RouteTableHandle, scenario: Scenario): Known<EndpointView | undefined> {
  if (table.kind === 'unknown') return unknownBecause(table.reason);
  if (table.key === undefined) return unknownBecause('the main route table of a VPC outside the workspace is unknown');
  const listing = gatewayEndpointsOfRouteTable(model, table, scenario);
  const found = gateways.find((view) => listing.includes(view.endpoint));
  if (found) return known(found);
  const unknownList = gateways.find((view) => view.routeTables.unknownReason !== undefined);
  return unknownList ? unknownBecause(`the route tables of "${unknownList.endpoint.logicalId}" are unknown: ${unknownList.routeTables.unknownReason}`) : known(undefined);
}
