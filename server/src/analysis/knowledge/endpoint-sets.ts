/**
 * Endpoint sets in a VPC: a set is in use when the VPC has an endpoint that only the set uses
 * (`ssmmessages`, `ecr.dkr`, `ecs-agent`…), or an endpoint of the set and a workload that needs it
 * (an `ssm` endpoint and an SSM-managed instance; an EKS private cluster or node group). A set in use
 * is incomplete when members are missing; the set does not matter in a VPC whose every subnet has a
 * route to the internet, where the missing services are reached through it.
 */
import { exists, subnetsOfVpc, type NetworkModel, type Subnet, type VpcHandle, type Workload } from '../../model';
import { valueOf } from '../../syntax';
import { evaluate, literalBoolean, type Scenario } from '../../template';
import { clientsOf } from '../captures';
import type { EndpointView } from '../endpoints';
import { internetAccessOf } from '../routes';
import { vpcServices, type VpcServices } from './needs-met';
import { ENDPOINT_SETS, type EndpointKind, type EndpointSet, type NeedLevel, type SetMember } from './service-knowledge';
import { needsOf, type NeedsOf } from './workload-needs';

/** A missing member, with the level it has in this VPC (`when-needed` members resolved). */
export interface MissingMember {
  readonly member: SetMember;
  readonly level: NeedLevel;
}

export interface IncompleteSet {
  readonly set: EndpointSet;
  /** The first endpoint of the set the VPC has: where a finding goes, and what a fix copies. */
  readonly anchor: EndpointView;
  readonly missing: readonly MissingMember[];
  /** Workloads that need the set and have subnets without a route to the internet. */
  readonly affected: readonly { readonly workload: Workload; readonly closedSubnets: readonly Subnet[] }[];
}

/** A workload of a VPC with its subnets there and its needs. */
export interface VpcWorkload {
  readonly workload: Workload;
  readonly subnets: readonly Subnet[];
  readonly needs: NeedsOf;
}

/** The workloads placed in a VPC's declared subnets, with their needs. */
export function workloadsOfVpc(model: NetworkModel, vpc: VpcHandle, scenario: Scenario): VpcWorkload[] {
  const subnets = subnetsOfVpc(model, vpc.key, scenario);
  return clientsOf(model, vpc, subnets, scenario).flatMap((client) =>
    client.kind === 'workload' ? [{ workload: client.entity as Workload, subnets: client.subnets, needs: needsOf(model, client.entity as Workload, scenario) }] : [],
  );
}

/** Whether a member of a set is present among the VPC's endpoints. */
export function memberPresent(services: VpcServices, service: string, kind: EndpointKind): boolean {
  const gateway = (services.gateways.get(service) ?? []).length > 0;
  const endpoint = (services.interfaces.get(service) ?? []).length > 0;
  return kind === 'gateway' ? gateway : kind === 'interface' ? endpoint : gateway || endpoint;
}

/** The endpoint sets in use in a VPC that miss members, in the order of the knowledge base. */
export function incompleteSets(model: NetworkModel, vpc: VpcHandle, scenario: Scenario): IncompleteSet[] {
  if (vpc.key === undefined) return [];
  const services = vpcServices(model, vpc, scenario);
  // An endpoint whose service is unknown might be the member that looks missing.
  if (services.unknownReason !== undefined) return [];
  const subnets = subnetsOfVpc(model, vpc.key, scenario);
  const internet = new Map(subnets.map((subnet) => [subnet, internetAccessOf(model, subnet, scenario)] as const));
  if (subnets.length > 0 && [...internet.values()].every((access) => access.known && access.value.internet)) return [];
  const workloads = workloadsOfVpc(model, vpc, scenario);
  const result: IncompleteSet[] = [];
  for (const set of ENDPOINT_SETS) {
    const needing = workloads.filter((entry) => entry.needs.needs.some((need) => need.sets.includes(set.id)));
    const anchor = anchorOf(model, set, services);
    if (!anchor) continue;
    const triggered =
      set.triggers.some((service) => memberPresent(services, service, 'interface')) || needing.length > 0 || (set.id === 'eks' && hasPrivateEksCluster(workloads, scenario));
    if (!triggered) continue;
    const missing: MissingMember[] = [];
    for (const member of set.members) {
      if (memberPresent(services, member.service, member.endpointKind)) continue;
      if (member.level !== 'when-needed') {
        missing.push({ member, level: member.level });
        continue;
      }
      const needed = needing.some((entry) => entry.needs.needs.some((need) => need.service === member.service && need.level === 'required'));
      if (needed) missing.push({ member, level: 'required' });
    }
    if (missing.length === 0) continue;
    const affected = needing.flatMap((entry) => {
      const closedSubnets = entry.subnets.filter((subnet) => {
        const access = internet.get(subnet);
        return access?.known === true && !access.value.internet;
      });
      return closedSubnets.length > 0 ? [{ workload: entry.workload, closedSubnets }] : [];
    });
    result.push({ set, anchor, missing, affected });
  }
  return result;
}

/**
 * The first interface endpoint of the set among the VPC's endpoints, in declaration order: a member
 * the set needs before a hint, and never a member that belongs to the set only for some workloads.
 */
function anchorOf(model: NetworkModel, set: EndpointSet, services: VpcServices): EndpointView | undefined {
  const order = new Map(model.vpcEndpoints.map((endpoint, index) => [endpoint, index]));
  const present = (level: NeedLevel): EndpointView[] => {
    const members = new Set(set.members.filter((member) => member.endpointKind !== 'gateway' && member.level === level).map((member) => member.service));
    return [...services.interfaces].filter(([service]) => members.has(service)).flatMap(([, views]) => views);
  };
  const candidates = present('required').length > 0 ? present('required') : present('hint');
  return candidates.sort((a, b) => (order.get(a.endpoint) ?? 0) - (order.get(b.endpoint) ?? 0))[0];
}

/** Whether the VPC hosts an EKS cluster whose API endpoint is private only. */
function hasPrivateEksCluster(workloads: readonly VpcWorkload[], scenario: Scenario): boolean {
  return workloads.some(({ workload }) => {
    if (workload.workloadKind !== 'eksCluster' || !exists(workload, scenario)) return false;
    const node = valueOf(valueOf(workload.resource.properties, 'ResourcesVpcConfig'), 'EndpointPublicAccess');
    return node !== undefined && literalBoolean(evaluate(node, workload.env, scenario)) === false;
  });
}
