/**
 * Whether a subnet has a route to the internet: a default route (`0.0.0.0/0` or `::/0`) in its route
 * table (the VPC's main route table when it has no association) to an internet gateway, an
 * egress-only internet gateway or a public NAT gateway. A default route to an instance, a network
 * interface, a transit gateway or a peering may or may not lead to the internet: unknown.
 */
import {
  entityOf,
  evaluateRef,
  resourceOf,
  routeTableOfSubnet,
  routesOfRouteTable,
  type NetworkModel,
  type Route,
  type Subnet,
} from '../model';
import { literalString, type Scenario } from '../template';
import { known, unknownBecause, type Known } from './endpoints';

export type InternetAccess =
  | { readonly internet: true; readonly route: Route; readonly via: 'internetGateway' | 'egressOnlyInternetGateway' | 'natGateway' }
  | { readonly internet: false };

/** Whether `subnet` has a route to the internet, and which route gives it. */
export function internetAccessOf(model: NetworkModel, subnet: Subnet, scenario: Scenario): Known<InternetAccess> {
  const table = routeTableOfSubnet(model, subnet, scenario);
  if (table.kind === 'unknown') return unknownBecause(table.reason);
  const routes = routesOfRouteTable(model, table, scenario);
  if (!routes) return unknownBecause(`the main route table of ${table.kind === 'main' && table.vpc.vpc ? `"${table.vpc.vpc.logicalId}"` : 'a VPC outside the workspace'} may have routes the templates do not show`);
  let unknownReason: string | undefined;
  for (const route of routes) {
    const verdict = internetRoute(model, route, scenario);
    if (verdict.known && verdict.value.internet) return verdict;
    if (!verdict.known) unknownReason ??= verdict.reason;
  }
  return unknownReason !== undefined ? unknownBecause(unknownReason) : known({ internet: false });
}

/** Whether one route is a default route to the internet. */
export function internetRoute(model: NetworkModel, route: Route, scenario: Scenario): Known<InternetAccess> {
  const v4 = evaluateRef(route.destinationCidrBlock, scenario);
  const v6 = evaluateRef(route.destinationIpv6CidrBlock, scenario);
  const destination = v4 ?? v6;
  if (destination === undefined) return known({ internet: false });
  const text = literalString(destination);
  if (text === undefined) return unknownBecause(`the destination of route "${route.logicalId}" is unknown`);
  if (text.trim() !== '0.0.0.0/0' && text.trim() !== '::/0') return known({ internet: false });
  const target = evaluateRef(route.target, scenario);
  const targetText = target ? literalString(target) : undefined;
  switch (route.targetKind) {
    case 'internetGateway': {
      // `GatewayId` also takes virtual private gateways and `local`.
      const entity = entityOf(model, target);
      if (entity?.kind === 'internetGateway') return known({ internet: true, route, via: 'internetGateway' });
      const resource = resourceOf(model, target);
      if (resource) return resource.type === 'AWS::EC2::InternetGateway' ? known({ internet: true, route, via: 'internetGateway' }) : known({ internet: false });
      if (targetText?.startsWith('igw-')) return known({ internet: true, route, via: 'internetGateway' });
      if (targetText !== undefined && (targetText.startsWith('vgw-') || targetText === 'local')) return known({ internet: false });
      return unknownBecause(`route "${route.logicalId}" goes to a gateway that is not known`);
    }
    case 'egressOnlyInternetGateway':
      return known({ internet: true, route, via: 'egressOnlyInternetGateway' });
    case 'natGateway': {
      const gateway = entityOf(model, target);
      if (gateway?.kind === 'natGateway') {
        const connectivity = evaluateRef(gateway.connectivityType, scenario);
        const type = connectivity ? literalString(connectivity) : 'public';
        if (type === 'private') return known({ internet: false });
        if (type !== 'public') return unknownBecause(`the connectivity type of NAT gateway "${gateway.logicalId}" is unknown`);
      }
      return known({ internet: true, route, via: 'natGateway' });
    }
    case 'localGateway':
    case 'carrierGateway':
    case 'vpcPeering':
    case 'vpcEndpoint':
    case 'transitGateway':
    case 'networkInterface':
    case 'instance':
    case 'coreNetwork':
    case 'unknown':
      return unknownBecause(`route "${route.logicalId}" sends default traffic to ${describeTarget(route.targetKind)}, which may or may not lead to the internet`);
  }
}

/** What a route leads to, in a few words: `a transit gateway`, `a peering connection`… */
export function describeTarget(kind: Route['targetKind']): string {
  switch (kind) {
    case 'instance':
      return 'an instance';
    case 'networkInterface':
      return 'a network interface';
    case 'transitGateway':
      return 'a transit gateway';
    case 'vpcPeering':
      return 'a peering connection';
    case 'vpcEndpoint':
      return 'a VPC endpoint';
    case 'localGateway':
      return 'a local gateway';
    case 'coreNetwork':
      return 'a core network';
    default:
      return 'a target';
  }
}
