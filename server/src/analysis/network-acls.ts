/**
 * Network ACL evaluation. Entries are evaluated in rule-number order, the first entry that matches
 * the traffic decides, and a final deny (`*`) catches the rest. ACLs are stateless, so the path to an
 * endpoint needs four decisions: requests out of the client's subnet and into the endpoint's on
 * TCP 443, replies out of the endpoint's subnet and into the client's on the ephemeral ports.
 * A subnet without an association uses the VPC's default ACL, whose rules 100 (IPv4) and 101 (IPv6)
 * allow everything; entries a template adds to it with `!GetAtt Vpc.DefaultNetworkAcl` come first
 * when their numbers are lower. An entry that covers only part of the traffic (part of a subnet, part
 * of the port range) decides only for that part: when parts end up treated differently, or an entry
 * cannot be read, the answer is unknown.
 */
import { entriesOfNetworkAcl, evaluateRef, type NetworkAclEntry, type NetworkAclHandle, type NetworkModel, type Subnet } from '../model';
import { literalBoolean, literalInteger, literalString, str, type Scenario, type Value } from '../template';
import { subnetCoverage } from './address-space';
import type { IpFamily } from './cidr';
import { known, unknownBecause, type Known } from './endpoints';
import { includesTcp, parseProtocol, portCoverage, type Coverage, type PortRange } from './protocols';

export type AclDirection = 'inbound' | 'outbound';

/** One entry as evaluated in a scenario; the default ACL's allow-all rules have no resource. */
export interface AclEntryView {
  readonly entry: NetworkAclEntry | undefined;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly ruleAction: Value | undefined;
  readonly protocol: Value | undefined;
  readonly cidrBlock: Value | undefined;
  readonly ipv6CidrBlock: Value | undefined;
  readonly portFrom: Value | undefined;
  readonly portTo: Value | undefined;
}

export type AclVerdict =
  /** `entry` is the allowing entry; undefined for the default ACL's own allow-all rule. */
  | { readonly kind: 'allowed'; readonly entry: NetworkAclEntry | undefined }
  | { readonly kind: 'blocked'; readonly entry: NetworkAclEntry | undefined; readonly ruleNumber: number | undefined }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The entries of an ACL in one direction, sorted by rule number; unknown when an entry cannot be placed. */
export function aclEntries(model: NetworkModel, acl: NetworkAclHandle, direction: AclDirection, scenario: Scenario): Known<readonly AclEntryView[]> {
  if (acl.kind === 'unknown') return unknownBecause(acl.reason);
  const egress = direction === 'outbound';
  const views: AclEntryView[] = [];
  if (acl.kind === 'default') {
    if (acl.key === undefined) return known([defaultEntry(100, egress, 'ipv4'), defaultEntry(101, egress, 'ipv6')]);
    views.push(defaultEntry(100, egress, 'ipv4'), defaultEntry(101, egress, 'ipv6'));
  }
  for (const entry of entriesOfNetworkAcl(model, acl, scenario)) {
    const egressValue = evaluateRef(entry.egress, scenario);
    const isEgress = egressValue === undefined ? false : literalBoolean(egressValue);
    if (isEgress === undefined) return unknownBecause(`whether entry "${entry.logicalId}" is an egress entry is unknown`);
    if (isEgress !== egress) continue;
    const ruleNumberValue = evaluateRef(entry.ruleNumber, scenario);
    const ruleNumber = ruleNumberValue ? literalInteger(ruleNumberValue) : undefined;
    if (ruleNumber === undefined) return unknownBecause(`the rule number of entry "${entry.logicalId}" is unknown`);
    views.push({
      entry,
      ruleNumber,
      egress: isEgress,
      ruleAction: evaluateRef(entry.ruleAction, scenario),
      protocol: evaluateRef(entry.protocol, scenario),
      cidrBlock: evaluateRef(entry.cidrBlock, scenario),
      ipv6CidrBlock: evaluateRef(entry.ipv6CidrBlock, scenario),
      portFrom: evaluateRef(entry.portFrom, scenario),
      portTo: evaluateRef(entry.portTo, scenario),
    });
  }
  return known(views.sort((a, b) => a.ruleNumber - b.ruleNumber));
}

function defaultEntry(ruleNumber: number, egress: boolean, family: IpFamily): AclEntryView {
  return {
    entry: undefined,
    ruleNumber,
    egress,
    ruleAction: str('allow'),
    protocol: str('-1'),
    cidrBlock: family === 'ipv4' ? str('0.0.0.0/0') : undefined,
    ipv6CidrBlock: family === 'ipv6' ? str('::/0') : undefined,
    portFrom: undefined,
    portTo: undefined,
  };
}

/**
 * Whether `acl` lets TCP traffic on `ports` pass in `direction`, between its subnet and `peer`
 * (the source of inbound traffic, the destination of outbound traffic).
 */
export function evaluateAcl(model: NetworkModel, acl: NetworkAclHandle, direction: AclDirection, peer: Subnet, ports: PortRange, family: IpFamily, scenario: Scenario): AclVerdict {
  const entries = aclEntries(model, acl, direction, scenario);
  if (!entries.known) return { kind: 'unknown', reason: entries.reason };
  // Actions of entries that matched part of the traffic (or maybe matched) before a full match.
  const partial = new Set<'allow' | 'deny'>();
  let partialReason: string | undefined;
  for (const view of entries.value) {
    const match = entryMatch(model, view, peer, ports, family, scenario);
    if (match.known && match.value === 'none') continue;
    const action = view.ruleAction ? literalString(view.ruleAction)?.toLowerCase() : undefined;
    if (action !== 'allow' && action !== 'deny') return { kind: 'unknown', reason: `the action of rule ${view.ruleNumber} is unknown` };
    if (match.known && match.value === 'all') {
      if ([...partial].some((other) => other !== action)) {
        return { kind: 'unknown', reason: partialReason ?? `rules before rule ${view.ruleNumber} treat part of the traffic differently` };
      }
      return action === 'allow' ? { kind: 'allowed', entry: view.entry } : { kind: 'blocked', entry: view.entry, ruleNumber: view.ruleNumber };
    }
    partial.add(action);
    partialReason ??= match.known ? `rule ${view.ruleNumber} ${action === 'allow' ? 'allows' : 'denies'} only part of the traffic` : match.reason;
  }
  if (partial.has('allow')) return { kind: 'unknown', reason: partialReason ?? 'some rules allow part of the traffic' };
  return { kind: 'blocked', entry: undefined, ruleNumber: undefined };
}

/** How much of the traffic one entry matches. */
function entryMatch(model: NetworkModel, view: AclEntryView, peer: Subnet, ports: PortRange, family: IpFamily, scenario: Scenario): Known<Coverage> {
  const protocol = parseProtocol(view.protocol);
  if (!protocol.known) return unknownBecause(`the protocol of rule ${view.ruleNumber} is unknown: ${protocol.reason}`);
  if (!includesTcp(protocol.value)) return known('none');
  const cidr = family === 'ipv4' ? view.cidrBlock : view.ipv6CidrBlock;
  if (cidr === undefined) {
    if ((family === 'ipv4' ? view.ipv6CidrBlock : view.cidrBlock) !== undefined) return known('none');
    return unknownBecause(`rule ${view.ruleNumber} names no CIDR block`);
  }
  let portMatch: Coverage = 'all';
  if (protocol.value.kind === 'number') {
    const from = view.portFrom ? literalInteger(view.portFrom) : undefined;
    const to = view.portTo ? literalInteger(view.portTo) : undefined;
    if (from === undefined || to === undefined) return unknownBecause(`the port range of rule ${view.ruleNumber} is unknown`);
    portMatch = portCoverage({ from, to }, ports);
  }
  if (portMatch === 'none') return known('none');
  const addressMatch = subnetCoverage(model, cidr, peer, family, scenario);
  if (!addressMatch.known) return unknownBecause(`rule ${view.ruleNumber}: ${addressMatch.reason}`);
  if (addressMatch.value === 'none') return known('none');
  return known(addressMatch.value === 'all' && portMatch === 'all' ? 'all' : 'some');
}
