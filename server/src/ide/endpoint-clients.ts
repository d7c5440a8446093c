/**
 * What the editor features show about one interface endpoint: the subnets of its VPC (all of which
 * private DNS affects), the subnets that hold its network interfaces, and every client of the VPC with
 * its verdict on TCP 443 (admitted, blocked at a hop, or unknown with why). Hovers, the code lens and
 * the subnet and workload hovers read the same verdicts, so they never disagree.
 *
 * A client that is a subnet stands for any interface that may ever live there, which may carry any
 * security group: its own egress is not judged (the engine would call it unknown for every subnet),
 * only the endpoint side of the path and the network ACLs are.
 */
import {
  clientsOf,
  endpointView,
  isInterface,
  reach,
  type Client,
  type EndpointView,
  type HopResult,
  type Known,
  type Reach,
} from '../analysis';
import { subnetOf, subnetsOfVpc, type NetworkModel, type Subnet, type VpcEndpoint } from '../model';
import type { Scenario, Value } from '../template';

export interface ClientVerdict {
  readonly client: Client;
  readonly reach: Reach;
}

export interface EndpointClients {
  readonly view: EndpointView;
  /** Every subnet of the endpoint's VPC that the workspace declares; unknown when the VPC is. */
  readonly vpcSubnets: Known<readonly Subnet[]>;
  /** The declared subnets in `SubnetIds`: where the endpoint's network interfaces are. */
  readonly endpointSubnets: readonly Subnet[];
  /** Items of `SubnetIds` that are not subnets the workspace declares (literal ids, imports…). */
  readonly otherEndpointSubnets: readonly Value[];
  /** Every client of the VPC with its verdict; empty for anything but an interface endpoint in a known VPC. */
  readonly clients: readonly ClientVerdict[];
}

/** The subnets, clients and verdicts of an endpoint under a scenario. */
export function endpointClients(model: NetworkModel, endpoint: VpcEndpoint, scenario: Scenario): EndpointClients {
  const view = endpointView(model, endpoint, scenario);
  const endpointSubnets: Subnet[] = [];
  const otherEndpointSubnets: Value[] = [];
  for (const item of view.subnets.items) {
    const subnet = subnetOf(model, item.value);
    if (subnet) {
      if (!endpointSubnets.includes(subnet)) endpointSubnets.push(subnet);
    } else otherEndpointSubnets.push(item.value);
  }
  const vpcSubnets: Known<readonly Subnet[]> =
    view.vpc.key !== undefined
      ? { known: true, value: subnetsOfVpc(model, view.vpc.key, scenario) }
      : { known: false, reason: view.vpc.value?.kind === 'unknown' ? view.vpc.value.reason : view.vpc.value ? 'the VPC of the endpoint is unknown' : 'the endpoint has no VpcId' };
  const clients: ClientVerdict[] = [];
  if (isInterface(view) && vpcSubnets.known) {
    for (const client of clientsOf(model, view.vpc, vpcSubnets.value, scenario)) {
      clients.push({ client, reach: reach(model, client, view, scenario) });
    }
  }
  return { view, vpcSubnets, endpointSubnets, otherEndpointSubnets, clients };
}

/** The verdicts of the clients in one subnet. */
export function clientsInSubnet(clients: readonly ClientVerdict[], subnet: Subnet): ClientVerdict[] {
  return clients.filter((verdict) => verdict.client.subnets.includes(subnet));
}

export type Mark = 'admitted' | 'blocked' | 'unknown';

/** A client's verdict, for all its subnets or for its interfaces in one of them. */
export interface SubnetVerdict {
  readonly mark: Mark;
  /** The first blocked hop, in path order, when blocked. */
  readonly hop?: HopResult;
  /** How many hops block it, when blocked. */
  readonly blockedHops: number;
  /** Why it is unknown, and at which hop, when it is. */
  readonly reason?: string;
  readonly unknownHop?: HopResult;
}

/** The verdict of a client, or of its interfaces in `subnet` when given. */
export function verdictIn(verdict: ClientVerdict, subnet?: Subnet): SubnetVerdict {
  const hops = subnet ? verdict.reach.hops.filter((hop) => hop.clientSubnet === subnet) : verdict.reach.hops;
  const blocked = hops.filter((hop) => hop.verdict.kind === 'blocked');
  const first = blocked[0];
  if (first) return { mark: 'blocked', hop: first, blockedHops: new Set(blocked.map((hop) => hop.hop)).size };
  const unknownHop = hops.find((hop) => hop.verdict.kind === 'unknown');
  if (unknownHop?.verdict.kind === 'unknown') return { mark: 'unknown', reason: unknownHop.verdict.reason, unknownHop, blockedHops: 0 };
  return { mark: 'admitted', blockedHops: 0 };
}

/** ✓, ✗ or ?. */
export function markSymbol(mark: Mark): string {
  return mark === 'admitted' ? '✓' : mark === 'blocked' ? '✗' : '?';
}
