/**
 * The network impact of an edit: two analyses of the same workspace (before and after) in, what the
 * edit does to the network out, in the user's terms. Three questions are asked of both versions and
 * compared: which DNS names resolve privately, and in which subnets of which VPC (private DNS is a
 * private hosted zone associated with the whole VPC, so an endpoint for the closed subnets captures
 * the public ones too); whether each client of the VPC reaches each such name, through the endpoint
 * that answers it or, where it resolves publicly, over the internet; and which findings appear and
 * which go. Files are matched by their identity in the two analyses (the front ends give a file the
 * same name in both), entities by logical id, findings by rule, logical id and message.
 *
 * Everything is read in the scenario that decides no condition, as hovers do; a value that cannot be
 * decided makes a client's access unknown, and an unknown access is never reported as a change.
 */
import {
  clientsOf,
  describePorts,
  endpointView,
  groupLabel,
  internetAccessOf,
  isInterface,
  reach,
  vpcLabel,
  type Client,
  type EndpointView,
  type Hop,
  type HopResult,
} from '../analysis';
import { exists, subnetsOfVpc, type NetworkAclHandle, type NetworkModel, type Subnet, type VpcHandle, type Workload, type WorkloadKind } from '../model';
import type { Severity } from '../rules';
import { capitalize, listNames as listAll, quoted } from '../rules/helpers';
import { plainValueOf, type LineRange } from '../syntax';
import { ANY_SCENARIO, type Scenario } from '../template';
import { lineRangeOf, type Analysis } from './analysis';

/** A resource of one of the versions, by the file it is in and its logical id. */
export interface EntityRef {
  readonly file: string;
  readonly logicalId: string;
}

export type FileStatus = 'added' | 'removed' | 'modified' | 'unchanged';

export interface FileChange {
  readonly file: string;
  readonly status: FileStatus;
  /** Whether the file is a CloudFormation template in either version. */
  readonly template: boolean;
}

/** A resource added, removed or changed, as our own reading of the templates sees it. */
export interface ResourceChange extends EntityRef {
  readonly type: string | undefined;
  readonly change: 'added' | 'removed' | 'modified';
}

export interface VpcRef {
  /** How messages name the VPC: `"Vpc"`, or what is known about a VPC outside the workspace. */
  readonly label: string;
  readonly file?: string;
  readonly logicalId?: string;
}

export type DnsChangeKind =
  /** The name resolved publicly in the VPC and now resolves to an endpoint. */
  | 'now-private'
  /** The name resolved to an endpoint and now resolves publicly. */
  | 'now-public'
  /** Another endpoint answers the name now. */
  | 'endpoint-changed'
  /** The same endpoint answers it, in subnets the VPC did not have before. */
  | 'subnets-added';

export interface DnsChange {
  readonly kind: DnsChangeKind;
  /** The service's main DNS name, such as `ssm.<region>.amazonaws.com`. */
  readonly name: string;
  /** Every name private DNS answers for the service (`ecr.dkr` has two). */
  readonly names: readonly string[];
  readonly vpc: VpcRef;
  readonly endpointsBefore: readonly EntityRef[];
  readonly endpointsAfter: readonly EntityRef[];
  /** The subnets where the name resolves to an endpoint, before and after. */
  readonly subnetsBefore: readonly EntityRef[];
  readonly subnetsAfter: readonly EntityRef[];
  readonly message: string;
}

/** Where the traffic stops, as the end of a sentence about the client. */
export interface BlockedHop {
  /**
   * The hop of the path to the endpoint (see `analysis/reach.ts`), `endpoint-subnets` when the
   * endpoint has no network interface at all, or `internet-route` when the name resolves publicly
   * and the client's subnet has no route to the internet.
   */
  readonly hop: Hop | 'endpoint-subnets' | 'internet-route';
  /** Present tense: `"EndpointSecurityGroup" does not admit TCP 443 from it`. */
  readonly text: string;
  /** The same in the past tense, as messages about a client admitted now say what blocked it before. */
  readonly past: string;
  /** The resources that decide it: security groups, a network ACL and its entry, a subnet. */
  readonly by: readonly EntityRef[];
}

export interface Access {
  /** Through an endpoint (its private DNS or its own names), or over the internet (the name resolves publicly). */
  readonly path: 'endpoint' | 'public';
  readonly endpoint?: EntityRef;
  readonly verdict: 'reaches' | 'blocked' | 'unknown';
  readonly blocked?: BlockedHop;
  /** Why the verdict is unknown. */
  readonly reason?: string;
}

export interface ClientRef extends EntityRef {
  readonly kind: 'workload' | 'subnet';
  readonly workloadKind?: WorkloadKind;
  /** The logical ids of the subnets the client's interfaces are in. */
  readonly subnets: readonly string[];
}

export interface ClientChange {
  /** `blocked`: the client cannot reach the name any more (or, if new, cannot reach it); `admitted`: it reaches it now. */
  readonly kind: 'blocked' | 'admitted';
  /** How the client finds the endpoint: the service's own name (private DNS), or the endpoint-specific names. */
  readonly via: 'private-dns' | 'endpoint-dns';
  /** The DNS name, or the endpoint's label for endpoint-specific names. */
  readonly name: string;
  /** The endpoint the change is about: the one that answers the name now, or the one that answered it before. */
  readonly endpoint: EntityRef;
  readonly client: ClientRef;
  /** Undefined when the client is new. */
  readonly before: Access | undefined;
  readonly after: Access;
  readonly message: string;
}

export interface FindingChange {
  readonly change: 'appeared' | 'resolved';
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly logicalId?: string;
  /** In the version the finding belongs to: the new one for `appeared`, the old one for `resolved`. */
  readonly range: LineRange;
}

export interface ImpactSummary {
  /** Whether the edit changes any DNS name, client path or finding. */
  readonly networkImpact: boolean;
  readonly endpointsAdded: number;
  readonly endpointsRemoved: number;
  readonly resourcesAdded: number;
  readonly resourcesRemoved: number;
  readonly resourcesModified: number;
  /** Distinct subnets where some name starts resolving to an endpoint. */
  readonly privateDnsSubnetsGained: number;
  /** Distinct subnets where some name stops resolving to an endpoint. */
  readonly privateDnsSubnetsLost: number;
  /** Distinct clients newly blocked, and newly admitted. */
  readonly clientsBlocked: number;
  readonly clientsAdmitted: number;
  /** The same, split into declared workloads and subnets that host none (standing for any interface there). */
  readonly workloadsBlocked: number;
  readonly subnetsBlocked: number;
  readonly workloadsAdmitted: number;
  readonly subnetsAdmitted: number;
  readonly findingsAppeared: number;
  readonly findingsResolved: number;
}

export interface NetworkImpact {
  readonly files: readonly FileChange[];
  readonly resources: readonly ResourceChange[];
  readonly dns: readonly DnsChange[];
  readonly clients: readonly ClientChange[];
  readonly findings: readonly FindingChange[];
  readonly summary: ImpactSummary;
}

/** Compare two analyses of one workspace. Pure; never throws on template content. */
export function computeImpact(before: Analysis, after: Analysis): NetworkImpact {
  const scenario = ANY_SCENARIO;
  const files = fileChanges(before, after);
  const resources = resourceChanges(before, after);
  const namesBefore = privateNames(before.model, scenario);
  const namesAfter = privateNames(after.model, scenario);
  const dns = dnsChanges(after.model, namesBefore, namesAfter, scenario);
  const clients = [
    ...privateDnsClientChanges(before.model, after.model, namesBefore, namesAfter, scenario),
    ...endpointDnsClientChanges(before.model, after.model, scenario),
  ].sort(compareClientChanges);
  const findings = findingChanges(before, after);
  return { files, resources, dns, clients, findings, summary: summarize(resources, dns, clients, findings) };
}

// ── Files and resources ─────────────────────────────────────────────────────────────────────────

function fileChanges(before: Analysis, after: Analysis): FileChange[] {
  const names = [...new Set([...before.files.keys(), ...after.files.keys()])].sort();
  return names.map((file) => {
    const old = before.files.get(file);
    const now = after.files.get(file);
    const status: FileStatus = !old ? 'added' : !now ? 'removed' : old.text === now.text ? 'unchanged' : 'modified';
    return { file, status, template: (old?.isTemplate ?? false) || (now?.isTemplate ?? false) };
  });
}

function resourceChanges(before: Analysis, after: Analysis): ResourceChange[] {
  const changes: ResourceChange[] = [];
  const files = [...new Set([...before.files.keys(), ...after.files.keys()])].sort();
  for (const file of files) {
    const old = before.files.get(file);
    const now = after.files.get(file);
    const oldResources = old?.isTemplate ? old.template.resources : new Map();
    const newResources = now?.isTemplate ? now.template.resources : new Map();
    if (old && now && old.text === now.text) continue;
    for (const logicalId of [...new Set([...oldResources.keys(), ...newResources.keys()])]) {
      const was = oldResources.get(logicalId);
      const is = newResources.get(logicalId);
      if (!was && is) changes.push({ file, logicalId, type: is.type, change: 'added' });
      else if (was && !is) changes.push({ file, logicalId, type: was.type, change: 'removed' });
      else if (was && is && JSON.stringify(plainValueOf(was.node)) !== JSON.stringify(plainValueOf(is.node))) changes.push({ file, logicalId, type: is.type, change: 'modified' });
    }
  }
  return changes;
}

// ── DNS names ───────────────────────────────────────────────────────────────────────────────────

/** A service name that resolves to an endpoint in a VPC, in one version. */
interface PrivateName {
  readonly vpcKey: string;
  readonly vpc: VpcHandle;
  readonly name: string;
  readonly names: readonly string[];
  /** Every endpoint with private DNS for the name in the VPC (two is a conflict the rules report), by id. */
  readonly views: readonly EndpointView[];
  /** Every subnet of the VPC: private DNS answers in all of them. */
  readonly subnets: readonly Subnet[];
}

const keyOf = (vpcKey: string, name: string): string => `${vpcKey}\u0000${name}`;

function privateNames(model: NetworkModel, scenario: Scenario): Map<string, PrivateName> {
  const names = new Map<string, PrivateName>();
  const endpoints = [...model.vpcEndpoints].sort((a, b) => compareText(a.id, b.id));
  for (const endpoint of endpoints) {
    if (!exists(endpoint, scenario)) continue;
    const view = endpointView(model, endpoint, scenario);
    if (!isInterface(view) || !view.privateDns.known || !view.privateDns.value) continue;
    const name = view.dnsNames[0];
    const vpcKey = view.vpc.key;
    if (name === undefined || vpcKey === undefined) continue;
    const key = keyOf(vpcKey, name);
    const known = names.get(key);
    if (known) names.set(key, { ...known, views: [...known.views, view] });
    else names.set(key, { vpcKey, vpc: view.vpc, name, names: view.dnsNames, views: [view], subnets: subnetsOfVpc(model, vpcKey, scenario) });
  }
  return names;
}

function dnsChanges(modelAfter: NetworkModel, before: Map<string, PrivateName>, after: Map<string, PrivateName>, scenario: Scenario): DnsChange[] {
  const changes: DnsChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])]) {
    const old = before.get(key);
    const now = after.get(key);
    const some = (now ?? old) as PrivateName;
    const vpc = vpcRefOf(some.vpc);
    const endpointsBefore = (old?.views ?? []).map((view) => refOf(view.endpoint));
    const endpointsAfter = (now?.views ?? []).map((view) => refOf(view.endpoint));
    const subnetsBefore = (old?.subnets ?? []).map(refOf);
    const subnetsAfter = (now?.subnets ?? []).map(refOf);
    const base = { name: some.name, names: some.names, vpc, endpointsBefore, endpointsAfter, subnetsBefore, subnetsAfter };
    if (now && !old) {
      const where = subnetsPhrase(now.vpc, now.subnets);
      changes.push({ kind: 'now-private', ...base, message: `${now.name} now resolves to ${endpointsLabel(now.views)} ${where} (it resolved publicly before).` });
    } else if (old && !now) {
      const subnets = subnetsOfVpc(modelAfter, old.vpcKey, scenario);
      const where = subnets.length > 0 ? subnetsPhrase(old.vpc, subnets) : `of ${vpcLabel(old.vpc)}`;
      changes.push({ kind: 'now-public', ...base, message: `${old.name} no longer resolves to ${endpointsLabel(old.views)}: it resolves publicly again ${where}.` });
    } else if (old && now) {
      const sameEndpoints = sameList(endpointsBefore.map(idOf), endpointsAfter.map(idOf));
      if (!sameEndpoints) {
        changes.push({ kind: 'endpoint-changed', ...base, message: `${now.name} now resolves to ${endpointsLabel(now.views)} instead of ${endpointsLabel(old.views)} ${subnetsPhrase(now.vpc, now.subnets)}.` });
        continue;
      }
      const had = new Set(subnetsBefore.map(idOf));
      const added = now.subnets.filter((subnet) => !had.has(idOf(refOf(subnet))));
      if (added.length > 0) {
        const which = `${added.length === 1 ? 'subnet' : 'subnets'} ${listNames(added.map((subnet) => quote(subnet.logicalId)))}`;
        changes.push({ kind: 'subnets-added', ...base, message: `${now.name} now also resolves to ${endpointsLabel(now.views)} in ${which} of ${vpcLabel(now.vpc)} (${now.subnets.length} subnets in all).` });
      }
    }
  }
  return changes.sort((a, b) => compareText(a.vpc.label, b.vpc.label) || compareText(a.name, b.name));
}

/** `in all 4 subnets of "Vpc"`, `in both subnets of "Vpc"`, or for a VPC outside the workspace, how many the workspace declares. */
function subnetsPhrase(vpc: VpcHandle, subnets: readonly Subnet[]): string {
  const label = vpcLabel(vpc);
  if (!vpc.vpc) return `in every subnet of ${label} (${subnets.length} declared in the workspace)`;
  if (subnets.length === 0) return `in every subnet of ${label} (it declares none yet)`;
  if (subnets.length === 1) return `in the one subnet of ${label}`;
  if (subnets.length === 2) return `in both subnets of ${label}`;
  return `in all ${subnets.length} subnets of ${label}`;
}

function endpointsLabel(views: readonly EndpointView[]): string {
  return listNames(views.map((view) => quote(view.endpoint.logicalId)));
}

// ── Clients ─────────────────────────────────────────────────────────────────────────────────────

/** Per name: how each client of the VPC gets to it, before and after. */
function privateDnsClientChanges(modelBefore: NetworkModel, modelAfter: NetworkModel, before: Map<string, PrivateName>, after: Map<string, PrivateName>, scenario: Scenario): ClientChange[] {
  const changes: ClientChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])]) {
    const old = before.get(key);
    const now = after.get(key);
    const some = (now ?? old) as PrivateName;
    const clientsBefore = new Map(clientsOfVpc(modelBefore, old?.vpc, some.vpcKey, scenario).map((client) => [client.id, client]));
    const access = (model: NetworkModel, state: PrivateName | undefined, client: Client): Access => {
      const view = state?.views[0];
      return view ? endpointAccess(model, client, view, scenario) : publicAccess(model, client, scenario);
    };
    for (const client of clientsOfVpc(modelAfter, now?.vpc, some.vpcKey, scenario)) {
      const previous = clientsBefore.get(client.id);
      const accessAfter = access(modelAfter, now, client);
      const accessBefore = previous ? access(modelBefore, old, previous) : undefined;
      const endpoint = accessAfter.endpoint ?? accessBefore?.endpoint ?? refOf((some.views[0] as EndpointView).endpoint);
      const change = classify(accessBefore, accessAfter, client, some.name, 'private-dns', endpoint);
      if (change) changes.push(change);
    }
  }
  return changes;
}

/**
 * Interface endpoints without private DNS in both versions: their clients find them by the
 * endpoint-specific names, so a change to the path matters to whoever is configured to use them.
 * A new endpoint without private DNS changes nothing for anyone until they are.
 */
function endpointDnsClientChanges(modelBefore: NetworkModel, modelAfter: NetworkModel, scenario: Scenario): ClientChange[] {
  const changes: ClientChange[] = [];
  const withoutPrivateDns = (model: NetworkModel): Map<string, EndpointView> => {
    const views = new Map<string, EndpointView>();
    for (const endpoint of model.vpcEndpoints) {
      if (!exists(endpoint, scenario)) continue;
      const view = endpointView(model, endpoint, scenario);
      if (isInterface(view) && view.privateDns.known && !view.privateDns.value && view.vpc.key !== undefined) views.set(endpoint.id, view);
    }
    return views;
  };
  const before = withoutPrivateDns(modelBefore);
  const after = withoutPrivateDns(modelAfter);
  for (const [id, now] of after) {
    const old = before.get(id);
    if (!old) continue;
    const clientsBefore = new Map(clientsOfVpc(modelBefore, old.vpc, old.vpc.key as string, scenario).map((client) => [client.id, client]));
    const name = `the endpoint-specific names of ${quote(now.endpoint.logicalId)}`;
    for (const client of clientsOfVpc(modelAfter, now.vpc, now.vpc.key as string, scenario)) {
      const previous = clientsBefore.get(client.id);
      if (!previous) continue;
      const change = classify(endpointAccess(modelBefore, previous, old, scenario), endpointAccess(modelAfter, client, now, scenario), client, name, 'endpoint-dns', refOf(now.endpoint));
      if (change) changes.push(change);
    }
  }
  return changes;
}

function clientsOfVpc(model: NetworkModel, handle: VpcHandle | undefined, vpcKey: string, scenario: Scenario): Client[] {
  const vpc = handle ?? vpcHandleOfKey(model, vpcKey);
  return clientsOf(model, vpc, subnetsOfVpc(model, vpcKey, scenario), scenario);
}

/** The handle of a VPC known only by its key in this version. */
function vpcHandleOfKey(model: NetworkModel, key: string): VpcHandle {
  const entity = key.startsWith('ref:') ? model.byId.get(key.slice(4)) : undefined;
  if (entity?.kind === 'vpc') return { key, vpc: entity, value: { kind: 'ref', target: { file: entity.file, logicalId: entity.logicalId } } };
  return { key, vpc: undefined, value: undefined };
}

function endpointAccess(model: NetworkModel, client: Client, view: EndpointView, scenario: Scenario): Access {
  const endpoint = refOf(view.endpoint);
  if (view.subnets.items.length === 0 && view.subnets.unknownReason === undefined) {
    return {
      path: 'endpoint',
      endpoint,
      verdict: 'blocked',
      blocked: {
        hop: 'endpoint-subnets',
        text: `${quote(view.endpoint.logicalId)} has no subnets, so the name resolves to no address`,
        past: `${quote(view.endpoint.logicalId)} had no subnets, so the name resolved to no address`,
        by: [endpoint],
      },
    };
  }
  const result = reach(model, client, view, scenario);
  if (result.kind === 'allowed') return { path: 'endpoint', endpoint, verdict: 'reaches' };
  const hop = result.blocked[0];
  if (result.kind === 'unknown' || !hop) return { path: 'endpoint', endpoint, verdict: 'unknown', reason: result.reason ?? 'the path cannot be decided' };
  return { path: 'endpoint', endpoint, verdict: 'blocked', blocked: describeHop(hop) };
}

/**
 * Over the internet: the client gets there when every subnet it is in has a route to the internet.
 * This is the path a name that resolves publicly takes; public addresses and the internet side are
 * not judged.
 */
function publicAccess(model: NetworkModel, client: Client, scenario: Scenario): Access {
  let unknownReason: string | undefined;
  for (const subnet of client.subnets) {
    const access = internetAccessOf(model, subnet, scenario);
    if (!access.known) unknownReason ??= access.reason;
    else if (!access.value.internet) {
      const name = quote(subnet.logicalId);
      return { path: 'public', verdict: 'blocked', blocked: { hop: 'internet-route', text: `subnet ${name} has no route to the internet`, past: `subnet ${name} had no route to the internet`, by: [refOf(subnet)] } };
    }
  }
  if (unknownReason !== undefined) return { path: 'public', verdict: 'unknown', reason: unknownReason };
  return { path: 'public', verdict: 'reaches' };
}

/**
 * A change worth reporting: a client that reaches the name no more (or, new, does not), or one that
 * reaches it now and was blocked before. Unknown on either side is not a change we can vouch for.
 */
function classify(before: Access | undefined, after: Access, client: Client, name: string, via: ClientChange['via'], endpoint: EntityRef): ClientChange | undefined {
  const label = clientLabel(client);
  const subject = capitalize(label);
  const base = { via, name, endpoint, client: clientRef(client), before, after };
  const through = after.path === 'endpoint' ? `through ${quote(after.endpoint?.logicalId ?? endpoint.logicalId)}` : 'over the internet';
  const pathName = via === 'private-dns' ? name : `${quote(endpoint.logicalId)} through its endpoint-specific DNS names`;
  if (after.verdict === 'blocked' && before?.verdict !== 'blocked' && after.blocked) {
    const why = after.path === 'public' && before?.path === 'endpoint' ? `it resolves publicly again, and ${after.blocked.text}` : after.blocked.text;
    const verb = before?.verdict === 'reaches' ? (via === 'private-dns' ? 'loses' : 'can no longer reach') : 'cannot reach';
    return { kind: 'blocked', ...base, message: `${subject} ${verb} ${pathName}: ${why}.` };
  }
  if (after.verdict === 'reaches' && before?.verdict === 'blocked' && before.blocked) {
    const target = via === 'private-dns' ? `${name} ${through}` : pathName;
    return { kind: 'admitted', ...base, message: `${subject} now reaches ${target} (before, ${before.blocked.past}).` };
  }
  return undefined;
}

function clientRef(client: Client): ClientRef {
  const entity = client.entity;
  return {
    file: entity.file,
    logicalId: entity.logicalId,
    kind: client.kind,
    ...(client.kind === 'workload' ? { workloadKind: (entity as Workload).workloadKind } : {}),
    subnets: client.subnets.map((subnet) => subnet.logicalId),
  };
}

/** `"PublicInstance" (subnet "PublicSubnet")`, or `subnet "PublicSubnet2"` for a subnet that hosts no declared workload. */
function clientLabel(client: Client): string {
  if (client.kind === 'subnet') return `subnet ${quote(client.entity.logicalId)}`;
  const subnets = client.subnets.map((subnet) => quote(subnet.logicalId));
  return `${quote(client.entity.logicalId)} (${subnets.length === 1 ? 'subnet' : 'subnets'} ${listNames(subnets)})`;
}

// ── Hops ────────────────────────────────────────────────────────────────────────────────────────

/** What stops the traffic at a blocked hop, with "it" for the client, in both tenses. */
function describeHop(hop: HopResult): BlockedHop {
  const verdict = hop.verdict;
  if (verdict.kind !== 'blocked') return { hop: hop.hop, text: 'the path cannot be decided', past: 'the path could not be decided', by: [] };
  const both = (sentence: (past: boolean) => string, by: readonly EntityRef[]): BlockedHop => ({ hop: hop.hop, text: sentence(false), past: sentence(true), by });
  const by = verdict.by;
  if (by.kind === 'no-rule') {
    const names = by.groups.map(groupLabel);
    const refs = by.groups.flatMap((group) => (group.kind === 'declared' ? [refOf(group.group)] : []));
    if (hop.hop === 'client-egress') {
      return both(
        (past) =>
          names.length === 1
            ? `its security group ${names[0]} ${past ? 'allowed' : 'allows'} no TCP 443 egress to the endpoint`
            : `none of its security groups ${listNames(names)} ${past ? 'allowed' : 'allows'} TCP 443 egress to the endpoint`,
        refs,
      );
    }
    return both((past) => (names.length === 1 ? `${names[0]} ${past ? 'did' : 'does'} not admit TCP 443 from it` : `none of ${listNames(names)} ${past ? 'admitted' : 'admits'} TCP 443 from it`), refs);
  }
  const acl = aclLabel(by.acl);
  const refs: EntityRef[] = [];
  if (by.acl.kind === 'declared') refs.push(refOf(by.acl.networkAcl));
  if (by.kind === 'acl-entry' && by.entry) refs.push(refOf(by.entry));
  const rule = (past: boolean) => (by.kind === 'acl-entry' ? `rule ${by.ruleNumber}` : `its final deny rule, since no entry ${past ? 'allowed' : 'allows'} it`);
  const ports = describePorts(hop.ports);
  const client = quote(hop.clientSubnet.logicalId);
  const endpointSubnet = hop.endpointSubnet ? `the endpoint's subnet ${quote(hop.endpointSubnet.logicalId)}` : "the endpoint's subnet";
  const denies = (past: boolean) => (past ? 'denied' : 'denies');
  if (hop.hop === 'client-subnet-acl') {
    return both(
      (past) =>
        hop.direction === 'outbound'
          ? `${acl} of subnet ${client} ${denies(past)} outbound ${ports} to ${endpointSubnet} (${rule(past)})`
          : `${acl} of subnet ${client} ${denies(past)} the replies from ${endpointSubnet} (inbound ${ports}, ${rule(past)})`,
      refs,
    );
  }
  return both(
    (past) =>
      hop.direction === 'inbound'
        ? `${acl} of ${endpointSubnet} ${denies(past)} inbound ${ports} from subnet ${client} (${rule(past)})`
        : `${acl} of ${endpointSubnet} ${denies(past)} the replies to subnet ${client} (outbound ${ports}, ${rule(past)})`,
    refs,
  );
}

function aclLabel(acl: NetworkAclHandle): string {
  if (acl.kind === 'declared') return `network ACL ${quote(acl.networkAcl.logicalId)}`;
  if (acl.kind === 'default') return acl.vpc.vpc ? `the default network ACL of ${quote(acl.vpc.vpc.logicalId)}` : 'the default network ACL';
  return 'an unknown network ACL';
}

// ── Findings ────────────────────────────────────────────────────────────────────────────────────

/**
 * Findings are the same across versions when their rule, file, logical id and message agree once
 * line and column numbers are taken out of the message: an edit above a finding moves it, and a
 * message that mentions a line moves with it, but neither is a change of the network.
 */
export function findingKey(finding: { readonly rule: string; readonly file: string; readonly logicalId?: string; readonly message: string }): string {
  const message = finding.message.replace(/\b(lines?|Ln|Col|column)\s+\d+(\s*[-–]\s*\d+)?/gi, '$1 #').replace(/:\d+(:\d+)?\b/g, ':#');
  return [finding.rule, finding.file, finding.logicalId ?? '', message].join('\u0000');
}

function findingChanges(before: Analysis, after: Analysis): FindingChange[] {
  const remaining = new Map<string, number>();
  for (const finding of before.findings) remaining.set(findingKey(finding), (remaining.get(findingKey(finding)) ?? 0) + 1);
  const appeared: FindingChange[] = [];
  for (const finding of after.findings) {
    const key = findingKey(finding);
    const count = remaining.get(key) ?? 0;
    if (count > 0) remaining.set(key, count - 1);
    else appeared.push(findingChange('appeared', after, finding));
  }
  // What is left of the old findings after matching the new ones went away: take them in order.
  const matched = new Map<string, number>();
  for (const finding of after.findings) matched.set(findingKey(finding), (matched.get(findingKey(finding)) ?? 0) + 1);
  const resolved: FindingChange[] = [];
  for (const finding of before.findings) {
    const key = findingKey(finding);
    const count = matched.get(key) ?? 0;
    if (count > 0) matched.set(key, count - 1);
    else resolved.push(findingChange('resolved', before, finding));
  }
  const order = (a: FindingChange, b: FindingChange): number =>
    compareText(a.file, b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareText(a.rule, b.rule) || compareText(a.message, b.message);
  return [...appeared.sort(order), ...resolved.sort(order)];
}

function findingChange(change: FindingChange['change'], analysis: Analysis, finding: Analysis['findings'][number]): FindingChange {
  return {
    change,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    ...(finding.logicalId !== undefined ? { logicalId: finding.logicalId } : {}),
    range: lineRangeOf(analysis, finding.file, finding.range),
  };
}

// ── Summary ─────────────────────────────────────────────────────────────────────────────────────

function summarize(resources: readonly ResourceChange[], dns: readonly DnsChange[], clients: readonly ClientChange[], findings: readonly FindingChange[]): ImpactSummary {
  const count = (change: ResourceChange['change'], type?: string) => resources.filter((resource) => resource.change === change && (type === undefined || resource.type === type)).length;
  const gained = new Set<string>();
  const lost = new Set<string>();
  for (const change of dns) {
    if (change.kind === 'now-private') for (const subnet of change.subnetsAfter) gained.add(idOf(subnet));
    if (change.kind === 'subnets-added') {
      const had = new Set(change.subnetsBefore.map(idOf));
      for (const subnet of change.subnetsAfter) if (!had.has(idOf(subnet))) gained.add(idOf(subnet));
    }
    if (change.kind === 'now-public') for (const subnet of change.subnetsBefore) lost.add(idOf(subnet));
  }
  const distinctClients = (kind: ClientChange['kind'], clientKind?: ClientRef['kind']) =>
    new Set(clients.filter((change) => change.kind === kind && (clientKind === undefined || change.client.kind === clientKind)).map((change) => idOf(change.client))).size;
  const findingsAppeared = findings.filter((finding) => finding.change === 'appeared').length;
  const findingsResolved = findings.length - findingsAppeared;
  return {
    networkImpact: dns.length > 0 || clients.length > 0 || findings.length > 0,
    endpointsAdded: count('added', 'AWS::EC2::VPCEndpoint'),
    endpointsRemoved: count('removed', 'AWS::EC2::VPCEndpoint'),
    resourcesAdded: count('added'),
    resourcesRemoved: count('removed'),
    resourcesModified: count('modified'),
    privateDnsSubnetsGained: gained.size,
    privateDnsSubnetsLost: lost.size,
    clientsBlocked: distinctClients('blocked'),
    clientsAdmitted: distinctClients('admitted'),
    workloadsBlocked: distinctClients('blocked', 'workload'),
    subnetsBlocked: distinctClients('blocked', 'subnet'),
    workloadsAdmitted: distinctClients('admitted', 'workload'),
    subnetsAdmitted: distinctClients('admitted', 'subnet'),
    findingsAppeared,
    findingsResolved,
  };
}

// ── Small helpers ───────────────────────────────────────────────────────────────────────────────

function refOf(entity: { readonly file: string; readonly logicalId: string }): EntityRef {
  return { file: entity.file, logicalId: entity.logicalId };
}

function idOf(ref: EntityRef): string {
  return `${ref.file}#${ref.logicalId}`;
}

function vpcRefOf(vpc: VpcHandle): VpcRef {
  return { label: vpcLabel(vpc), ...(vpc.vpc ? { file: vpc.vpc.file, logicalId: vpc.vpc.logicalId } : {}) };
}

function quote(logicalId: string): string {
  return quoted({ logicalId });
}

/** `"A"`, `"A" and "B"`, `"A", "B" and "C"`: every name, however many. */
function listNames(names: readonly string[]): string {
  return listAll(names, Infinity);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareClientChanges(a: ClientChange, b: ClientChange): number {
  // Blocked clients first, then by endpoint; declared workloads before the subnets that stand for any interface.
  const rank = (change: ClientChange) => (change.kind === 'blocked' ? 0 : 1);
  const kind = (change: ClientChange) => (change.client.kind === 'workload' ? 0 : 1);
  return rank(a) - rank(b) || compareText(idOf(a.endpoint), idOf(b.endpoint)) || kind(a) - kind(b) || compareText(a.client.logicalId, b.client.logicalId);
}
