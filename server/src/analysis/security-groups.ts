/**
 * Security group admission: whether at least one of a set of security groups admits some traffic
 * (TCP to a port range) from or to a party (an interface in a subnet that carries some groups).
 * Rules come from inline `SecurityGroupIngress`/`SecurityGroupEgress` (each item evaluated under the
 * scenario, so `Fn::If` items count only in their branch) and from standalone
 * `AWS::EC2::SecurityGroupIngress`/`Egress` resources whose `GroupId` is the group. A group without
 * `SecurityGroupEgress` gets CloudFormation's allow-all egress; the VPC's default security group
 * admits its own members and allows all egress. Prefix lists, parameters and groups the workspace
 * does not declare make the answer unknown, never "not admitted".
 */
import { declaredVpcHandle, exists, propertyRef, ruleGroupValue, evaluateRef, securityGroupOf, vpcAttributeOf, vpcAttributeKey, type EntityBase, type NetworkModel, type RuleDirection, type SecurityGroup, type SecurityGroupRule, type Subnet, type VpcHandle } from '../model';
import { evaluate, identityOf, str, type Scenario, type Value } from '../template';
import type { Node } from '../syntax';
import { subnetCoverage } from './address-space';
import type { IpFamily } from './cidr';
import { known, unknownBecause, type Known } from './endpoints';
import { includesTcp, parseProtocol, portCoverage, tcpPortsOf, type PortRange } from './protocols';

/** A security group as a rule sees it: declared in the workspace, a VPC's default group, or unknown. */
export type GroupHandle =
  | { readonly kind: 'declared'; readonly key: string; readonly group: SecurityGroup; readonly value: Value }
  | { readonly kind: 'default'; readonly key: string | undefined; readonly vpc: VpcHandle; readonly value: Value }
  | { readonly kind: 'unknown'; readonly key: string | undefined; readonly reason: string; readonly value: Value | undefined };

/** One rule as evaluated in a scenario; implicit rules (CloudFormation's and the default group's) included. */
export interface RuleView {
  readonly direction: RuleDirection;
  readonly file: string;
  /** Where the rule is written: its map, the property it comes from, or the resource key of an implicit rule. */
  readonly node: Node;
  /** The security group (inline and implicit rules) or the standalone rule resource. */
  readonly owner: EntityBase | undefined;
  readonly standalone: boolean;
  /** Set for rules no template writes: the allow-all egress of a group without `SecurityGroupEgress`, the default group's rules. */
  readonly implicit?: 'default-egress' | 'default-group-members' | 'default-group-egress';
  readonly ipProtocol: Value | undefined;
  readonly fromPort: Value | undefined;
  readonly toPort: Value | undefined;
  readonly cidrIp: Value | undefined;
  readonly cidrIpv6: Value | undefined;
  /** `SourceSecurityGroupId` or `DestinationSecurityGroupId`. */
  readonly peerGroup: Value | undefined;
  readonly peerGroupName: Value | undefined;
  readonly prefixList: Value | undefined;
}

/** The security groups an interface carries. */
export interface GroupSet {
  readonly values: readonly Value[];
  /** Set when some groups cannot be known: a parameter, a launch template outside the workspace… */
  readonly unknownReason?: string;
  /** Groups AWS adds that the template does not name, such as the EKS cluster security group. */
  readonly implicit?: boolean;
  /**
   * The party is a subnet standing for every interface that may ever live there, so it carries no
   * group for certain: only CIDR rules admit it.
   */
  readonly anyInterface?: boolean;
}

/** The other side of the traffic: an interface in a subnet carrying some groups. */
export interface Party {
  /** The subnet the interface is in, when the workspace declares it. */
  readonly subnet: Subnet | undefined;
  readonly groups: GroupSet;
}

export type Admission =
  | { readonly kind: 'admitted'; readonly group: GroupHandle; readonly rule: RuleView }
  /** No rule of any of the groups admits the traffic. */
  | { readonly kind: 'not-admitted'; readonly groups: readonly GroupHandle[] }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The handle of the security group a value names. */
export function groupHandle(model: NetworkModel, value: Value): GroupHandle {
  const group = securityGroupOf(model, value);
  if (group) return { kind: 'declared', key: identityOf(value) ?? `ref:${group.id}`, group, value };
  const vpc = vpcAttributeOf(model, value, 'DefaultSecurityGroup');
  if (vpc) return { kind: 'default', key: vpcAttributeKey(vpc, 'DefaultSecurityGroup'), vpc: declaredVpcHandle(vpc), value };
  const key = identityOf(value);
  if (value.kind === 'unknown') return { kind: 'unknown', key, reason: value.reason, value };
  if (value.kind === 'ref' || value.kind === 'getAtt') return { kind: 'unknown', key, reason: `"${value.target.logicalId}" is not a security group the workspace declares`, value };
  if (value.kind === 'string') return { kind: 'unknown', key, reason: `security group ${value.value} is not declared in the workspace, so its rules are unknown`, value };
  return { kind: 'unknown', key, reason: 'the security group is not known', value };
}

/** The default security group of a VPC: what an endpoint or interface without groups gets. */
export function defaultGroupOf(vpc: VpcHandle): GroupHandle {
  if (vpc.vpc) {
    const value: Value = { kind: 'getAtt', target: { file: vpc.vpc.file, logicalId: vpc.vpc.logicalId }, attribute: 'DefaultSecurityGroup' };
    return { kind: 'default', key: vpcAttributeKey(vpc.vpc, 'DefaultSecurityGroup'), vpc, value };
  }
  const key = vpc.key !== undefined ? `default-sg:${vpc.key}` : undefined;
  return { kind: 'unknown', key, reason: 'the default security group of a VPC outside the workspace may have rules the templates do not show', value: key !== undefined ? { kind: 'unknown', reason: 'default security group', identity: key } : undefined };
}

/** `"EndpointSecurityGroup"`, or how the group is known, for messages. */
export function groupLabel(group: GroupHandle): string {
  if (group.kind === 'declared') return `"${group.group.logicalId}"`;
  if (group.kind === 'default') return group.vpc.vpc ? `the default security group of "${group.vpc.vpc.logicalId}"` : 'the default security group';
  if (group.value?.kind === 'string') return group.value.value;
  return 'an unknown security group';
}

/** The rules of a group in one direction under a scenario. */
export function rulesOfGroup(model: NetworkModel, group: GroupHandle, direction: RuleDirection, scenario: Scenario): Known<readonly RuleView[]> {
  if (group.kind === 'unknown' || group.key === undefined) return unknownBecause(group.kind === 'unknown' ? group.reason : 'the security group is not known');
  const key = group.key;
  const rules: RuleView[] = [];
  if (group.kind === 'declared') {
    const inline = inlineRules(group.group, direction, scenario);
    if (!inline.known) return inline;
    rules.push(...inline.value);
  } else {
    const vpc = group.vpc.vpc;
    if (!vpc) return unknownBecause('the default security group of a VPC outside the workspace may have rules the templates do not show');
    const node = vpc.resource.keyNode;
    const base = { direction, file: vpc.file, node, owner: undefined, standalone: false, fromPort: undefined, toPort: undefined, peerGroupName: undefined, prefixList: undefined } as const;
    if (direction === 'ingress') {
      rules.push({ ...base, implicit: 'default-group-members', ipProtocol: str('-1'), cidrIp: undefined, cidrIpv6: undefined, peerGroup: group.value });
    } else {
      rules.push({ ...base, implicit: 'default-group-egress', ipProtocol: str('-1'), cidrIp: str('0.0.0.0/0'), cidrIpv6: str('::/0'), peerGroup: undefined });
    }
  }
  for (const rule of model.securityGroupRules) {
    if (!rule.standalone || rule.direction !== direction) continue;
    const target = ruleGroupValue(rule, scenario);
    if (!target || identityOf(target) !== key || !exists(rule.owner, scenario)) continue;
    rules.push(standaloneRule(rule, scenario));
  }
  return known(rules);
}

function inlineRules(group: SecurityGroup, direction: RuleDirection, scenario: Scenario): Known<readonly RuleView[]> {
  const property = direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
  const ref = propertyRef(group, property);
  const implicitEgress = (): RuleView => ({
    direction,
    file: group.file,
    node: group.resource.keyNode,
    owner: group,
    standalone: false,
    implicit: 'default-egress',
    ipProtocol: str('-1'),
    fromPort: undefined,
    toPort: undefined,
    cidrIp: str('0.0.0.0/0'),
    cidrIpv6: str('::/0'),
    peerGroup: undefined,
    peerGroupName: undefined,
    prefixList: undefined,
  });
  if (!ref) return known(direction === 'egress' ? [implicitEgress()] : []);
  const rules: RuleView[] = [];
  const add = (value: Value, node: Node): string | undefined => {
    if (value.kind === 'noValue' || value.kind === 'null') return undefined;
    if (value.kind === 'map') {
      rules.push(ruleFromEntries(group, direction, value.entries, node));
      return undefined;
    }
    return value.kind === 'unknown' ? value.reason : `an item of ${property} is not a rule`;
  };
  let whole: Value | undefined;
  if (ref.node.kind === 'seq') {
    for (const item of ref.node.items) {
      const problem = add(evaluate(item, ref.env, scenario), item);
      if (problem !== undefined) return unknownBecause(problem);
    }
  } else {
    whole = evaluate(ref.node, ref.env, scenario);
    if (whole.kind === 'noValue') return known(direction === 'egress' ? [implicitEgress()] : []);
    if (whole.kind === 'unknown') return unknownBecause(whole.reason);
    if (whole.kind !== 'list') return unknownBecause(`${property} is not a list`);
    for (const item of whole.items) {
      const problem = add(item, ref.node);
      if (problem !== undefined) return unknownBecause(problem);
    }
  }
  // Whether CloudFormation keeps its allow-all egress for an empty egress list is not documented.
  if (direction === 'egress' && rules.length === 0) return unknownBecause(`${property} of "${group.logicalId}" is empty`);
  return known(rules);
}

function ruleFromEntries(group: SecurityGroup, direction: RuleDirection, entries: ReadonlyMap<string, Value>, node: Node): RuleView {
  const get = (key: string): Value | undefined => {
    const value = entries.get(key);
    return value?.kind === 'noValue' ? undefined : value;
  };
  return {
    direction,
    file: group.file,
    node,
    owner: group,
    standalone: false,
    ipProtocol: get('IpProtocol'),
    fromPort: get('FromPort'),
    toPort: get('ToPort'),
    cidrIp: get('CidrIp'),
    cidrIpv6: get('CidrIpv6'),
    peerGroup: get(direction === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId'),
    peerGroupName: direction === 'ingress' ? get('SourceSecurityGroupName') : undefined,
    prefixList: get(direction === 'ingress' ? 'SourcePrefixListId' : 'DestinationPrefixListId'),
  };
}

function standaloneRule(rule: SecurityGroupRule, scenario: Scenario): RuleView {
  const read = (ref: SecurityGroupRule['ipProtocol']): Value | undefined => {
    const value = evaluateRef(ref, scenario);
    return value?.kind === 'noValue' ? undefined : value;
  };
  return {
    direction: rule.direction,
    file: rule.owner.file,
    node: rule.owner.resource.keyNode,
    owner: rule.owner,
    standalone: true,
    ipProtocol: read(rule.ipProtocol),
    fromPort: read(rule.fromPort),
    toPort: read(rule.toPort),
    cidrIp: read(rule.cidrIp),
    cidrIpv6: read(rule.cidrIpv6),
    peerGroup: read(rule.peerGroupId),
    peerGroupName: read(rule.peerGroupName),
    prefixList: read(rule.prefixListId),
  };
}

/**
 * Whether at least one of `groups` admits TCP on `ports` between its interfaces and `party`
 * (from the party for ingress, to it for egress), over IPv4 or IPv6.
 */
export function admits(model: NetworkModel, groups: readonly GroupHandle[], direction: RuleDirection, party: Party, ports: PortRange, family: IpFamily, scenario: Scenario): Admission {
  let unknownReason: string | undefined;
  for (const group of groups) {
    const rules = rulesOfGroup(model, group, direction, scenario);
    if (!rules.known) {
      unknownReason ??= rules.reason;
      continue;
    }
    for (const rule of rules.value) {
      const verdict = ruleAdmits(model, rule, party, ports, family, scenario);
      if (verdict.known && verdict.value) return { kind: 'admitted', group, rule };
      if (!verdict.known) unknownReason ??= verdict.reason;
    }
  }
  if (unknownReason !== undefined) return { kind: 'unknown', reason: unknownReason };
  return { kind: 'not-admitted', groups };
}

/** Whether one rule admits TCP on `ports` from or to `party`. */
export function ruleAdmits(model: NetworkModel, rule: RuleView, party: Party, ports: PortRange, family: IpFamily, scenario: Scenario): Known<boolean> {
  const protocol = parseProtocol(rule.ipProtocol);
  if (!protocol.known) return unknownBecause(`a rule's protocol is unknown: ${protocol.reason}`);
  if (!includesTcp(protocol.value)) return known(false);
  const range = tcpPortsOf(protocol.value, rule.fromPort, rule.toPort);
  if (!range.known) return unknownBecause(`a rule's ports are unknown: ${range.reason}`);
  const coverage = portCoverage(range.value, ports);
  if (coverage === 'none') return known(false);
  if (coverage === 'some') return unknownBecause(`a rule opens only part of ports ${ports.from}-${ports.to}`);
  if (rule.prefixList !== undefined) return unknownBecause('a rule admits a prefix list, whose addresses the template does not show');
  if (rule.peerGroupName !== undefined) return unknownBecause('a rule names its peer group by name');
  if (rule.peerGroup !== undefined) {
    const carried = carries(rule.peerGroup, party.groups);
    return carried === undefined ? unknownBecause(party.groups.unknownReason ?? 'whether the client carries the peer security group is unknown') : known(carried);
  }
  const cidr = family === 'ipv4' ? rule.cidrIp : rule.cidrIpv6;
  if (cidr === undefined) {
    if ((family === 'ipv4' ? rule.cidrIpv6 : rule.cidrIp) !== undefined) return known(false);
    return unknownBecause('a rule names no peer');
  }
  if (!party.subnet) return unknownBecause('the subnet of the client is unknown');
  const covered = subnetCoverage(model, cidr, party.subnet, family, scenario);
  if (!covered.known) return covered;
  if (covered.value === 'some') return unknownBecause(`a rule admits only part of subnet "${party.subnet.logicalId}"`);
  return known(covered.value === 'all');
}

/** Whether a party carries the group `peer`: true, false, or undefined when that cannot be told. */
export function carries(peer: Value, groups: GroupSet): boolean | undefined {
  if (groups.anyInterface) return false;
  const key = identityOf(peer);
  if (key !== undefined && groups.values.some((value) => identityOf(value) === key)) return true;
  if (groups.unknownReason !== undefined) return undefined;
  if (groups.implicit && !isResource(peer)) return undefined;
  for (const value of groups.values) if (differentGroups(peer, value) !== true) return undefined;
  return false;
}

/**
 * Whether two group values certainly name different groups: two resources (or resource attributes
 * such as `!GetAtt Vpc.DefaultSecurityGroup`) differ, and two literal ids differ. A literal id may be
 * the id a group of another stack got, and a parameter may name anything: those are undecided.
 */
export function differentGroups(a: Value, b: Value): boolean | undefined {
  const ka = identityOf(a);
  const kb = identityOf(b);
  if (ka === undefined || kb === undefined) return undefined;
  if (ka === kb) return false;
  if (isResource(a) && isResource(b)) return true;
  if (a.kind === 'string' && b.kind === 'string' && !a.symbols && !b.symbols) return true;
  return undefined;
}

function isResource(value: Value): value is Extract<Value, { kind: 'ref' | 'getAtt' }> {
  return value.kind === 'ref' || value.kind === 'getAtt';
}
