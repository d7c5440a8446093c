/**
 * Who a private-DNS interface endpoint captures. Private DNS is a private hosted zone associated
 * with the whole VPC, so the service's default names resolve to the endpoint's interfaces in every
 * subnet of the VPC, not only in its `SubnetIds`. The clients are the declared workloads of the VPC
 * (each with the subnets and security groups of its interfaces) and, where a subnet hosts no declared
 * workload, the subnet itself, standing for every interface that may ever live there.
 */
import { exists, listOf, subnetOf, subnetsOfVpc, type NetworkModel, type Subnet, type VpcHandle, type Workload } from '../model';
import type { Scenario } from '../template';
import { hasPrivateDns, isInterface, known, unknownBecause, type EndpointView, type Known } from './endpoints';
import { defaultGroupOf, type GroupSet } from './security-groups';

/** Something in the VPC that may call the service. */
export interface Client {
  /** The entity's id (`file#logicalId`). */
  readonly id: string;
  readonly kind: 'workload' | 'subnet';
  readonly entity: Workload | Subnet;
  /** The subnets of the endpoint's VPC its interfaces are in (for a subnet client, the subnet itself). */
  readonly subnets: readonly Subnet[];
  /** The security groups its interfaces carry. */
  readonly groups: GroupSet;
}

export interface Capture {
  readonly vpc: VpcHandle;
  /** Every subnet of the VPC the workspace declares: private DNS answers in all of them. */
  readonly subnets: readonly Subnet[];
  readonly clients: readonly Client[];
}

/**
 * The subnets and clients whose lookups of the service's names the endpoint answers. Empty when the
 * endpoint is not an interface endpoint with private DNS on; unknown when that, or its VPC, is unknown.
 */
export function captures(model: NetworkModel, view: EndpointView, scenario: Scenario): Known<Capture> {
  if (!view.type.known) return unknownBecause(view.type.reason);
  if (!isInterface(view)) return known({ vpc: view.vpc, subnets: [], clients: [] });
  if (!view.privateDns.known) return unknownBecause(view.privateDns.reason);
  if (!hasPrivateDns(view)) return known({ vpc: view.vpc, subnets: [], clients: [] });
  if (view.vpc.key === undefined) return unknownBecause(view.vpc.value?.kind === 'unknown' ? view.vpc.value.reason : 'the VPC of the endpoint is unknown');
  const subnets = subnetsOfVpc(model, view.vpc.key, scenario);
  return known({ vpc: view.vpc, subnets, clients: clientsOf(model, view.vpc, subnets, scenario) });
}

/** The clients of a VPC among `subnets`: its workloads, and the subnets that host none. */
export function clientsOf(model: NetworkModel, vpc: VpcHandle, subnets: readonly Subnet[], scenario: Scenario): Client[] {
  const inVpc = new Set(subnets.map((subnet) => subnet.id));
  const hosted = new Set<string>();
  const clients: Client[] = [];
  for (const workload of model.workloads) {
    const placed = workloadSubnets(model, workload, scenario).filter((subnet) => inVpc.has(subnet.id));
    if (placed.length === 0 || !exists(workload, scenario)) continue;
    for (const subnet of placed) hosted.add(subnet.id);
    clients.push({ id: workload.id, kind: 'workload', entity: workload, subnets: placed, groups: workloadGroups(workload, vpc, scenario) });
  }
  for (const subnet of subnets) {
    if (hosted.has(subnet.id)) continue;
    clients.push({ id: subnet.id, kind: 'subnet', entity: subnet, subnets: [subnet], groups: { values: [], anyInterface: true } });
  }
  return clients;
}

/** The security groups a workload's interfaces carry. */
export function workloadGroups(workload: Workload, vpc: VpcHandle, scenario: Scenario): GroupSet {
  const values = [];
  let unknownReason: string | undefined;
  for (const ref of workload.securityGroups) {
    const list = listOf(ref, scenario);
    values.push(...list.items.map((item) => item.value));
    if (list.unknownReason !== undefined) unknownReason ??= list.unknownReason;
  }
  if (workload.usesDefaultSecurityGroup === 'unknown') unknownReason ??= `the security groups of "${workload.logicalId}" are decided outside the workspace`;
  if (workload.usesDefaultSecurityGroup === true) {
    const fallback = defaultGroupOf(vpc).value;
    if (fallback) values.push(fallback);
    else unknownReason ??= 'the default security group of the VPC is unknown';
  }
  return {
    values,
    ...(unknownReason !== undefined ? { unknownReason } : {}),
    ...(workload.implicitSecurityGroups ? { implicit: true } : {}),
  };
}

/** The declared subnets a workload's interfaces are in. */
export function workloadSubnets(model: NetworkModel, workload: Workload, scenario: Scenario): Subnet[] {
  const subnets: Subnet[] = [];
  for (const ref of workload.subnets) {
    for (const item of listOf(ref, scenario).items) {
      const subnet = subnetOf(model, item.value);
      if (subnet && !subnets.includes(subnet) && exists(subnet, scenario)) subnets.push(subnet);
    }
  }
  return subnets;
}
