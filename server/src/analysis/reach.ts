/**
 * `reach(client, endpoint)`: whether a client's HTTPS calls get through to an interface endpoint,
 * and if not, which hop stops them. The path, in order: the client's security groups must allow
 * egress TCP 443 to the endpoint (`client-egress`); the client subnet's network ACL must let the
 * request out and the reply in (`client-subnet-acl`); the endpoint subnet's network ACL must let the
 * request in and the reply out (`endpoint-subnet-acl`); at least one of the endpoint's security
 * groups must admit TCP 443 from the client (`endpoint-ingress`). Traffic within one subnet does not
 * cross its network ACL. Each hop is allowed, blocked (with what decides it) or unknown (with why);
 * an unknown value never makes a hop blocked.
 */
import { evaluateRef, networkAclOfSubnet, subnetOf, type NetworkAclEntry, type NetworkAclHandle, type NetworkModel, type Subnet } from '../model';
import { literalString, type Scenario } from '../template';
import type { Client } from './captures';
import type { IpFamily } from './cidr';
import { defaultGroupOf, admits, groupHandle, type GroupHandle, type GroupSet } from './security-groups';
import type { EndpointView } from './endpoints';
import { evaluateAcl, type AclDirection } from './network-acls';
import { EPHEMERAL_PORTS, HTTPS_PORT, type PortRange } from './protocols';

export type Hop = 'client-egress' | 'client-subnet-acl' | 'endpoint-subnet-acl' | 'endpoint-ingress';

/** The hops in path order. */
export const HOPS: readonly Hop[] = ['client-egress', 'client-subnet-acl', 'endpoint-subnet-acl', 'endpoint-ingress'];

/** What stops the traffic at a hop. */
export type Blocker =
  /** No rule of these security groups admits the traffic (security groups only allow). */
  | { readonly kind: 'no-rule'; readonly groups: readonly GroupHandle[] }
  /** A network ACL entry denies it first. */
  | { readonly kind: 'acl-entry'; readonly acl: NetworkAclHandle; readonly entry: NetworkAclEntry | undefined; readonly ruleNumber: number }
  /** No entry of the network ACL allows it, so its final deny rule does. */
  | { readonly kind: 'acl-final-deny'; readonly acl: NetworkAclHandle };

export type HopVerdict = { readonly kind: 'allowed' } | { readonly kind: 'blocked'; readonly by: Blocker } | { readonly kind: 'unknown'; readonly reason: string };

export interface HopResult {
  readonly hop: Hop;
  /** The client's subnet the traffic leaves. */
  readonly clientSubnet: Subnet;
  /** The endpoint subnet (interface) the traffic goes to; undefined for the endpoint's security groups, which are the same on every interface. */
  readonly endpointSubnet: Subnet | undefined;
  /** For network ACL hops: the direction at that ACL. */
  readonly direction: AclDirection | undefined;
  /** The ports of the traffic: 443 for requests, the ephemeral range for replies. */
  readonly ports: PortRange;
  readonly verdict: HopVerdict;
}

export interface Reach {
  readonly kind: 'allowed' | 'blocked' | 'unknown';
  readonly hops: readonly HopResult[];
  /** The blocked hops, in path order. */
  readonly blocked: readonly HopResult[];
  /** Why the answer is unknown, when it is. */
  readonly reason?: string;
}

export interface ReachOptions {
  /** Evaluate only these hops (all by default). */
  readonly hops?: readonly Hop[];
}

/** Whether `client` reaches the interface endpoint of `view` on TCP 443, hop by hop. */
export function reach(model: NetworkModel, client: Client, view: EndpointView, scenario: Scenario, options: ReachOptions = {}): Reach {
  const wanted = new Set(options.hops ?? HOPS);
  // A subnet that stands for whatever interfaces it may host has no security groups of its own to
  // judge: its verdict comes from the hops the subnet and the endpoint decide.
  if (client.groups.anyInterface) wanted.delete('client-egress');
  const families = endpointFamilies(view, scenario);
  const endpointGroups = endpointGroupsOf(model, view);
  const endpointSubnets = view.subnets.items.map((item) => subnetOf(model, item.value));
  const hops: HopResult[] = [];
  const push = (hop: Hop, clientSubnet: Subnet, endpointSubnet: Subnet | undefined, direction: AclDirection | undefined, ports: PortRange, verdict: HopVerdict): void => {
    hops.push({ hop, clientSubnet, endpointSubnet, direction, ports, verdict });
  };
  for (const clientSubnet of client.subnets) {
    const usable = families.filter((family) => family === 'ipv4' || clientSubnet.ipv6CidrBlock !== undefined);
    const perFamily = (decide: (family: IpFamily) => HopVerdict): HopVerdict =>
      usable.length === 0 ? { kind: 'unknown', reason: `subnet "${clientSubnet.logicalId}" has no IPv6 block for an IPv6 endpoint` } : combineFamilies(usable.map(decide));
    for (const endpointSubnet of endpointSubnets) {
      if (wanted.has('client-egress')) {
        push('client-egress', clientSubnet, endpointSubnet, undefined, HTTPS_PORT, perFamily((family) => clientEgress(model, client, endpointSubnet, endpointGroups, family, scenario)));
      }
      if (!endpointSubnet) {
        for (const hop of ['client-subnet-acl', 'endpoint-subnet-acl'] as const) {
          if (wanted.has(hop)) push(hop, clientSubnet, undefined, undefined, HTTPS_PORT, { kind: 'unknown', reason: 'a subnet of the endpoint is not declared in the workspace' });
        }
        continue;
      }
      // Traffic between two interfaces of one subnet does not cross the subnet's network ACL.
      if (endpointSubnet.id === clientSubnet.id) continue;
      const clientAcl = networkAclOfSubnet(model, clientSubnet, scenario);
      const endpointAcl = networkAclOfSubnet(model, endpointSubnet, scenario);
      const acl = (hop: Hop, handle: NetworkAclHandle, direction: AclDirection, peer: Subnet, ports: PortRange): void => {
        if (!wanted.has(hop)) return;
        push(hop, clientSubnet, endpointSubnet, direction, ports, perFamily((family) => aclVerdict(model, handle, direction, peer, ports, family, scenario)));
      };
      acl('client-subnet-acl', clientAcl, 'outbound', endpointSubnet, HTTPS_PORT);
      acl('endpoint-subnet-acl', endpointAcl, 'inbound', clientSubnet, HTTPS_PORT);
      acl('endpoint-subnet-acl', endpointAcl, 'outbound', clientSubnet, EPHEMERAL_PORTS);
      acl('client-subnet-acl', clientAcl, 'inbound', endpointSubnet, EPHEMERAL_PORTS);
    }
    // Subnets of the endpoint that cannot be known leave every hop that depends on them unknown.
    const unknownSubnets = view.subnets.unknownReason;
    if (unknownSubnets !== undefined) {
      for (const hop of ['client-egress', 'client-subnet-acl', 'endpoint-subnet-acl'] as const) {
        if (wanted.has(hop)) push(hop, clientSubnet, undefined, undefined, HTTPS_PORT, { kind: 'unknown', reason: unknownSubnets });
      }
    }
    if (wanted.has('endpoint-ingress')) {
      push('endpoint-ingress', clientSubnet, undefined, undefined, HTTPS_PORT, perFamily((family) => endpointIngress(model, client, clientSubnet, endpointGroups, family, scenario)));
    }
  }
  const order = (hop: HopResult): number => HOPS.indexOf(hop.hop);
  hops.sort((a, b) => order(a) - order(b));
  const blocked = hops.filter((hop) => hop.verdict.kind === 'blocked');
  if (blocked.length > 0) return { kind: 'blocked', hops, blocked };
  const unknownHop = hops.find((hop) => hop.verdict.kind === 'unknown');
  if (unknownHop && unknownHop.verdict.kind === 'unknown') return { kind: 'unknown', hops, blocked, reason: unknownHop.verdict.reason };
  return { kind: 'allowed', hops, blocked };
}

/** The endpoint's security groups, or the VPC's default group when it names none. */
export function endpointGroupsOf(model: NetworkModel, view: EndpointView): { readonly handles: readonly GroupHandle[]; readonly set: GroupSet; readonly defaulted: boolean } {
  const handles = view.securityGroups.items.map((item) => groupHandle(model, item.value));
  const unknownReason = view.securityGroups.unknownReason;
  if (unknownReason !== undefined) handles.push({ kind: 'unknown', key: undefined, reason: unknownReason, value: undefined });
  if (handles.length === 0) {
    const fallback = defaultGroupOf(view.vpc);
    return { handles: [fallback], set: { values: fallback.value ? [fallback.value] : [] }, defaulted: true };
  }
  return {
    handles,
    set: { values: view.securityGroups.items.map((item) => item.value), ...(unknownReason !== undefined ? { unknownReason } : {}) },
    defaulted: false,
  };
}

function endpointFamilies(view: EndpointView, scenario: Scenario): readonly IpFamily[] {
  const value = evaluateRef(view.endpoint.ipAddressType, scenario);
  const type = value ? literalString(value)?.toLowerCase() : undefined;
  if (type === 'ipv6') return ['ipv6'];
  if (type === 'dualstack') return ['ipv4', 'ipv6'];
  return ['ipv4'];
}

/** A client that can use either family gets through when one of them does. */
function combineFamilies(verdicts: readonly HopVerdict[]): HopVerdict {
  if (verdicts.some((verdict) => verdict.kind === 'allowed')) return { kind: 'allowed' };
  const unknownVerdict = verdicts.find((verdict) => verdict.kind === 'unknown');
  if (unknownVerdict) return unknownVerdict;
  return verdicts[0] ?? { kind: 'unknown', reason: 'no address family to compare' };
}

function endpointIngress(model: NetworkModel, client: Client, clientSubnet: Subnet, groups: ReturnType<typeof endpointGroupsOf>, family: IpFamily, scenario: Scenario): HopVerdict {
  const admission = admits(model, groups.handles, 'ingress', { subnet: clientSubnet, groups: client.groups }, HTTPS_PORT, family, scenario);
  if (admission.kind === 'admitted') return { kind: 'allowed' };
  if (admission.kind === 'unknown') return { kind: 'unknown', reason: admission.reason };
  return { kind: 'blocked', by: { kind: 'no-rule', groups: admission.groups } };
}

function clientEgress(model: NetworkModel, client: Client, endpointSubnet: Subnet | undefined, endpointGroups: ReturnType<typeof endpointGroupsOf>, family: IpFamily, scenario: Scenario): HopVerdict {
  const handles = client.groups.values.map((value) => groupHandle(model, value));
  if (client.groups.unknownReason !== undefined) handles.push({ kind: 'unknown', key: undefined, reason: client.groups.unknownReason, value: undefined });
  if (client.groups.implicit) handles.push({ kind: 'unknown', key: undefined, reason: 'AWS adds security groups the template does not show', value: undefined });
  if (handles.length === 0) return { kind: 'unknown', reason: 'the security groups of the client are unknown' };
  const admission = admits(model, handles, 'egress', { subnet: endpointSubnet, groups: endpointGroups.set }, HTTPS_PORT, family, scenario);
  if (admission.kind === 'admitted') return { kind: 'allowed' };
  if (admission.kind === 'unknown') return { kind: 'unknown', reason: admission.reason };
  return { kind: 'blocked', by: { kind: 'no-rule', groups: admission.groups } };
}

function aclVerdict(model: NetworkModel, acl: NetworkAclHandle, direction: AclDirection, peer: Subnet, ports: PortRange, family: IpFamily, scenario: Scenario): HopVerdict {
  const verdict = evaluateAcl(model, acl, direction, peer, ports, family, scenario);
  if (verdict.kind === 'allowed') return { kind: 'allowed' };
  if (verdict.kind === 'unknown') return verdict;
  if (verdict.entry && verdict.ruleNumber !== undefined) return { kind: 'blocked', by: { kind: 'acl-entry', acl, entry: verdict.entry, ruleNumber: verdict.ruleNumber } };
  return { kind: 'blocked', by: { kind: 'acl-final-deny', acl } };
}
