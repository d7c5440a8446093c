/**
 * The network diagram as plain data: what `cfn-network-lens graph` and the editor's diagram draw,
 * built from an analysis under the undecided scenario (`ANY_SCENARIO`), so that every conditional
 * resource is drawn and marked with its condition. Each VPC holds its Availability Zones (columns),
 * their subnets with the workloads and endpoint network interfaces in them, the private-DNS names
 * each interface endpoint captures across the whole VPC, the endpoints that have no interface
 * (gateway endpoints by their route tables), and an edge from every client of a private-DNS endpoint
 * to the interface it reaches, with the verdict of `reach`. Values the templates do not decide are
 * kept as unknown with the reason, never guessed. The order of everything follows the input (files,
 * then declaration order) or a stable sort, and ids are derived from logical ids, so that the same
 * input always gives the same diagram.
 */
import { ANY_SCENARIO, identityOf, literalString, type Scenario, type Value } from '../../template';
import {
  declaredVpcHandle,
  evaluateRef,
  exists,
  routeTableOfSubnet,
  subnetOf,
  vpcOf,
  type EntityBase,
  type NetworkAclHandle,
  type NetworkModel,
  type Subnet,
  type VpcEndpoint,
  type VpcHandle,
  WORKLOAD_KIND_LABELS,
} from '../../model';
import {
  captures,
  endpointView,
  groupLabel,
  internetAccessOf,
  reach,
  subnetCidr,
  workloadSubnets,
  zoneOf,
  type Blocker,
  type Client,
  type EndpointView,
  type Hop,
  type HopResult,
} from '../../analysis';
import type { Analysis } from '../analysis';

/** Whether a client's HTTPS calls reach an endpoint. */
export type EdgeState = 'allowed' | 'blocked' | 'unknown';

/** The resource an element stands for, so that a click can reveal it. */
export interface ElementSource {
  readonly file: string;
  readonly logicalId: string;
}

/** A text to show, and the reason when it stands for a value the templates do not decide. */
export interface Shown {
  readonly text: string;
  readonly unknown?: string;
}

export interface Diagram {
  readonly vpcs: readonly DiagramVpc[];
  /** Set when there is nothing to draw, saying why. */
  readonly empty?: string;
}

export interface DiagramVpc {
  readonly id: string;
  readonly label: Shown;
  /** Whether the workspace declares the VPC (a parameter or a literal id does not). */
  readonly declared: boolean;
  readonly source: ElementSource | undefined;
  readonly condition: string | undefined;
  readonly cidr: Shown;
  /** Columns, in a stable order: known zones first, zones from parameters next, unknown last. */
  readonly zones: readonly DiagramZone[];
  /** Rows: subnets of one tier share a row across the zones. */
  readonly tiers: readonly DiagramTier[];
  readonly privateDns: readonly DiagramPrivateDns[];
  /** Endpoints without a network interface in a subnet: gateway endpoints, and endpoints with no subnets. */
  readonly endpoints: readonly DiagramEndpoint[];
  readonly edges: readonly DiagramEdge[];
}

export interface DiagramZone {
  readonly id: string;
  readonly label: Shown;
  readonly subnets: readonly DiagramSubnet[];
}

/** A row of the grid: subnets with the same kind of route (internet through a gateway, NAT, none…). */
export interface DiagramTier {
  readonly id: string;
  readonly label: string;
}

export type RouteKind = 'internet' | 'closed' | 'unknown';

export interface DiagramSubnet {
  readonly id: string;
  readonly label: string;
  /** False for a subnet an endpoint names that the workspace does not declare. */
  readonly declared: boolean;
  readonly source: ElementSource | undefined;
  readonly condition: string | undefined;
  readonly cidr: Shown;
  readonly route: { readonly kind: RouteKind } & Shown;
  /** Index into the VPC's tiers. */
  readonly tier: number;
  /** Whether the subnet itself is a client: it hosts no declared workload, so it stands for any interface there. */
  readonly client: boolean;
  readonly zone: Shown;
  readonly workloads: readonly DiagramWorkload[];
  readonly interfaces: readonly DiagramInterface[];
  /** Gateway endpoints that the subnet's route table lists. */
  readonly gateways: readonly DiagramGatewayRoute[];
}

export interface DiagramWorkload {
  /** Unique per placement: a workload in two subnets is drawn in both. */
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly source: ElementSource;
  readonly condition: string | undefined;
}

export interface DiagramInterface {
  readonly id: string;
  readonly endpointId: string;
  readonly label: string;
  readonly detail: string;
  readonly source: ElementSource;
  readonly condition: string | undefined;
}

export interface DiagramGatewayRoute {
  readonly endpointId: string;
  readonly label: string;
  readonly detail: string;
  readonly source: ElementSource;
}

export interface DiagramPrivateDns {
  readonly id: string;
  readonly endpointId: string;
  /** The names private DNS answers, `<region>` where the region is not known. */
  readonly names: readonly string[];
  /** `ssm.<region>.amazonaws.com → SsmEndpoint in every subnet`. */
  readonly text: string;
  /** `on`, or `unknown` when private DNS depends on something undecided. */
  readonly state: 'on' | 'unknown';
  readonly unknown?: string;
  readonly source: ElementSource;
  readonly condition: string | undefined;
}

export interface DiagramEndpoint {
  readonly id: string;
  readonly kind: 'gateway' | 'no-interface';
  readonly label: string;
  readonly detail: string;
  /** Where it acts: `route tables PrivateRouteTable (PrivateSubnet, PrivateSubnet2)`, or why it has no interface. */
  readonly note: Shown;
  readonly source: ElementSource;
  readonly condition: string | undefined;
}

export interface DiagramEdge {
  readonly id: string;
  /** A workload placement's id, or a subnet's id when the subnet is the client. */
  readonly from: string;
  /** An interface's id. */
  readonly to: string;
  readonly fromLabel: string;
  readonly endpointLabel: string;
  readonly state: EdgeState;
  /** Short: `blocked at endpoint SG`, `unknown`, `allowed`. */
  readonly label: string;
  /** One sentence for a tooltip: what decides the verdict. */
  readonly detail: string;
}

export interface DiagramOptions {
  /** Draw only the VPCs that something in these files belongs to or refers to; every VPC when absent or when none matches. */
  readonly files?: readonly string[];
  readonly scenario?: Scenario;
}

/** The diagram of an analysis. */
export function buildDiagram(analysis: Analysis, options: DiagramOptions = {}): Diagram {
  const model = analysis.model;
  const scenario = options.scenario ?? ANY_SCENARIO;
  const groups = vpcGroups(model, scenario);
  const wanted = options.files ? groups.filter((group) => touches(model, group, new Set(options.files), scenario)) : groups;
  const chosen = wanted.length > 0 ? wanted : groups;
  if (chosen.length === 0) return { vpcs: [], empty: 'No VPC, subnet or VPC endpoint is declared in these templates.' };
  return { vpcs: chosen.map((group, index) => buildVpc(model, group, index, scenario)) };
}

// ── VPCs ────────────────────────────────────────────────────────────────────────────────────

/** A VPC with the subnets and endpoints that certainly belong to it. */
interface VpcGroup {
  readonly key: string;
  readonly handle: VpcHandle;
  readonly subnets: Subnet[];
  readonly endpoints: VpcEndpoint[];
}

/** The key of the group of subnets and endpoints whose VPC nothing identifies. */
const UNKNOWN_VPC = '?';

function vpcGroups(model: NetworkModel, scenario: Scenario): VpcGroup[] {
  const groups = new Map<string, VpcGroup>();
  const groupOf = (handle: VpcHandle): VpcGroup => {
    const key = handle.key ?? UNKNOWN_VPC;
    let group = groups.get(key);
    if (!group) {
      group = { key, handle, subnets: [], endpoints: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const vpc of model.vpcs) if (exists(vpc, scenario)) groupOf(declaredVpcHandle(vpc));
  for (const subnet of model.subnets) if (exists(subnet, scenario)) groupOf(vpcOf(model, subnet, scenario)).subnets.push(subnet);
  for (const endpoint of model.vpcEndpoints) if (exists(endpoint, scenario)) groupOf(vpcOf(model, endpoint, scenario)).endpoints.push(endpoint);
  // Declared VPCs come first in declaration order, then VPCs known only by reference, the unknown one last.
  const all = [...groups.values()];
  return [...all.filter((group) => group.handle.vpc), ...all.filter((group) => !group.handle.vpc && group.key !== UNKNOWN_VPC), ...all.filter((group) => group.key === UNKNOWN_VPC)];
}

/** Whether a VPC group has anything from these files: the VPC, a subnet, an endpoint or a workload in one of its subnets. */
function touches(model: NetworkModel, group: VpcGroup, files: ReadonlySet<string>, scenario: Scenario): boolean {
  if (group.handle.vpc && files.has(group.handle.vpc.file)) return true;
  if (group.subnets.some((subnet) => files.has(subnet.file)) || group.endpoints.some((endpoint) => files.has(endpoint.file))) return true;
  const ids = new Set(group.subnets.map((subnet) => subnet.id));
  return model.workloads.some((workload) => files.has(workload.file) && workloadSubnets(model, workload, scenario).some((subnet) => ids.has(subnet.id)));
}

function buildVpc(model: NetworkModel, group: VpcGroup, index: number, scenario: Scenario): DiagramVpc {
  const vpc = group.handle.vpc;
  const id = `vpc${index + 1}`;
  const subnets = new Map<string, MutableSubnet>();
  const tiers = new Map<string, { id: string; label: string; order: number }>();

  for (const subnet of group.subnets) {
    const tier = tierOf(model, subnet, scenario);
    if (!tiers.has(tier.key)) tiers.set(tier.key, { id: tier.key, label: tier.label, order: tier.order });
    subnets.set(subnet.id, declaredSubnet(model, subnet, tier.key, subnets.size, scenario));
  }

  for (const workload of model.workloads) {
    if (!exists(workload, scenario)) continue;
    for (const subnet of workloadSubnets(model, workload, scenario)) {
      const entry = subnets.get(subnet.id);
      if (!entry || entry.workloads.some((placed) => placed.source.logicalId === workload.logicalId && placed.source.file === workload.file)) continue;
      entry.workloads.push({ id: `workload:${workload.id}@${subnet.id}`, label: workload.logicalId, detail: WORKLOAD_KIND_LABELS[workload.workloadKind], source: sourceOf(workload), condition: workload.condition });
    }
  }

  const endpoints: DiagramEndpoint[] = [];
  const privateDns: DiagramPrivateDns[] = [];
  const views: EndpointView[] = [];
  for (const endpoint of group.endpoints) {
    const view = endpointView(model, endpoint, scenario);
    views.push(view);
    const type = view.type.known ? view.type.value : undefined;
    const service = view.serviceName.known ? (view.serviceName.value.service ?? view.serviceName.value.full) : 'service unknown';
    if (type === 'Gateway') {
      endpoints.push(gatewayEndpoint(endpoint, view, service, [...subnets.values()]));
      for (const entry of subnets.values()) {
        if (entry.routeKey !== undefined && routeTablesOf(view).has(entry.routeKey)) entry.gateways.push({ endpointId: endpoint.id, label: endpoint.logicalId, detail: `gateway · ${service}`, source: sourceOf(endpoint) });
      }
      continue;
    }
    const detail = [type === undefined ? 'type unknown' : TYPE_LABELS[type] ?? type, service, ...(type === 'Interface' && view.privateDns.known && !view.privateDns.value ? ['private DNS off'] : [])].join(' · ');
    let placed = 0;
    const place = (entry: MutableSubnet): void => {
      if (entry.interfaces.some((existing) => existing.endpointId === endpoint.id)) return;
      entry.interfaces.push({ id: `eni:${endpoint.id}@${entry.id}`, endpointId: endpoint.id, label: endpoint.logicalId, detail, source: sourceOf(endpoint), condition: endpoint.condition });
      placed++;
    };
    for (const item of view.subnets.items) {
      const subnet = subnetOf(model, item.value);
      const entry = subnet ? subnets.get(subnet.id) : undefined;
      if (entry) place(entry);
      else place(outsideSubnet(subnets, item.value, subnet));
    }
    if (view.subnets.unknownReason !== undefined) place(unknownSubnets(subnets, view.subnets.unknownReason));
    if (placed === 0) {
      endpoints.push({
        id: `endpoint:${endpoint.id}`,
        kind: 'no-interface',
        label: endpoint.logicalId,
        detail,
        note: type === undefined ? { text: 'type unknown', unknown: view.type.known ? '' : view.type.reason } : { text: 'no subnets: no network interface' },
        source: sourceOf(endpoint),
        condition: endpoint.condition,
      });
    }
    if (type === 'Interface' && !(view.privateDns.known && !view.privateDns.value)) {
      const names = view.dnsNames.length > 0 ? view.dnsNames : [view.displayName];
      privateDns.push({
        id: `dns:${endpoint.id}`,
        endpointId: endpoint.id,
        names,
        text: `${names.join(', ')} → ${endpoint.logicalId} in every subnet`,
        state: view.privateDns.known ? 'on' : 'unknown',
        ...(view.privateDns.known ? {} : { unknown: view.privateDns.reason }),
        source: sourceOf(endpoint),
        condition: endpoint.condition,
      });
    }
  }

  // A subnet is a client itself when no declared workload is in it (`clientsOf` does the same).
  for (const entry of subnets.values()) entry.client = entry.declared && entry.workloads.length === 0;

  const orderedTiers = [...tiers.values()].sort((a, b) => a.order - b.order || compareText(a.id, b.id));
  if ([...subnets.values()].some((entry) => !entry.declared)) orderedTiers.push({ id: OUTSIDE_TIER, label: 'not declared in the workspace', order: Number.MAX_SAFE_INTEGER });
  const tierIndex = new Map(orderedTiers.map((tier, position) => [tier.id, position]));
  const zones = zonesOf([...subnets.values()], tierIndex);
  const edges = edgesOf(model, views, subnets, scenario);

  return {
    id,
    label: vpcName(group),
    declared: vpc !== undefined,
    source: vpc ? sourceOf(vpc) : undefined,
    condition: vpc?.condition,
    cidr: vpcCidr(model, group, scenario),
    zones,
    tiers: orderedTiers.map((tier) => ({ id: tier.id, label: tier.label })),
    privateDns,
    endpoints,
    edges,
  };
}

function vpcName(group: VpcGroup): Shown {
  if (group.handle.vpc) return { text: group.handle.vpc.logicalId };
  if (group.key === UNKNOWN_VPC) {
    const value = group.handle.value;
    return { text: 'VPC unknown', unknown: value?.kind === 'unknown' ? value.reason : 'VpcId is missing or cannot be known' };
  }
  const described = describeValue(group.handle.value);
  return { text: `VPC ${described.text}`, unknown: described.unknown ?? 'the VPC is not declared in the workspace' };
}

function vpcCidr(model: NetworkModel, group: VpcGroup, scenario: Scenario): Shown {
  const vpc = group.handle.vpc;
  if (!vpc) return { text: 'CIDR unknown', unknown: 'the VPC is not declared in the workspace' };
  const blocks: string[] = [];
  let unknownReason: string | undefined;
  const add = (value: Value | undefined, missing: string): void => {
    const text = value ? literalString(value) : undefined;
    if (text !== undefined) blocks.push(text);
    else unknownReason ??= value?.kind === 'unknown' ? value.reason : missing;
  };
  add(evaluateRef(vpc.cidrBlock, scenario), 'the VPC has no CidrBlock (an IPAM pool assigns it)');
  for (const block of model.vpcCidrBlocks) {
    if (!block.cidrBlock || !exists(block, scenario) || vpcOf(model, block, scenario).vpc !== vpc) continue;
    add(evaluateRef(block.cidrBlock, scenario), `the CIDR block of "${block.logicalId}" is unknown`);
  }
  if (unknownReason !== undefined) blocks.push('CIDR unknown');
  return { text: blocks.join(' + '), ...(unknownReason !== undefined ? { unknown: unknownReason } : {}) };
}

// ── Subnets ─────────────────────────────────────────────────────────────────────────────────

interface MutableSubnet {
  id: string;
  label: string;
  declared: boolean;
  source: ElementSource | undefined;
  condition: string | undefined;
  cidr: Shown;
  route: { readonly kind: RouteKind } & Shown;
  tierKey: string;
  /** The identity of the subnet's route table, for gateway endpoints. */
  routeKey: string | undefined;
  client: boolean;
  zone: Shown;
  zoneKey: string;
  workloads: DiagramWorkload[];
  interfaces: DiagramInterface[];
  gateways: DiagramGatewayRoute[];
  /** Declaration order, for sorting. */
  order: number;
}

const OUTSIDE_TIER = 'outside';

/** Rows from top to bottom: public subnets first, the way VPCs are usually drawn. */
const TIER_ORDER = ['internetGateway', 'natGateway', 'egressOnlyInternetGateway', 'unknown', 'closed'] as const;
const TIER_LABELS: Readonly<Record<(typeof TIER_ORDER)[number], string>> = {
  internetGateway: 'internet gateway route',
  natGateway: 'NAT route',
  egressOnlyInternetGateway: 'egress-only route',
  unknown: 'route unknown',
  closed: 'no internet route',
};

function tierOf(model: NetworkModel, subnet: Subnet, scenario: Scenario): { key: string; label: string; order: number } {
  const access = internetAccessOf(model, subnet, scenario);
  const kind: (typeof TIER_ORDER)[number] = !access.known ? 'unknown' : access.value.internet ? access.value.via : 'closed';
  return { key: kind, label: TIER_LABELS[kind], order: TIER_ORDER.indexOf(kind) };
}

function declaredSubnet(model: NetworkModel, subnet: Subnet, tierKey: string, order: number, scenario: Scenario): MutableSubnet {
  const cidr = subnetCidr(subnet, 'ipv4', scenario);
  const zone = zoneOf(subnet, scenario);
  const table = routeTableOfSubnet(model, subnet, scenario);
  return {
    id: `subnet:${subnet.id}`,
    label: subnet.logicalId,
    declared: true,
    source: sourceOf(subnet),
    condition: subnet.condition,
    cidr: cidr.known ? { text: cidr.value.text } : { text: 'CIDR unknown', unknown: cidr.reason },
    route: routeOf(model, subnet, scenario),
    tierKey,
    routeKey: table.kind === 'unknown' ? undefined : table.key,
    client: false,
    zone: zoneLabel(zone.key, zone.label, zone.concrete),
    zoneKey: zone.key ?? `?${zone.label}`,
    workloads: [],
    interfaces: [],
    gateways: [],
    order,
  };
}

/** A subnet an endpoint names that the VPC's declared subnets do not include. */
function outsideSubnet(subnets: Map<string, MutableSubnet>, value: Value, declared: Subnet | undefined): MutableSubnet {
  const described = declared ? { text: `${declared.logicalId} (not in this VPC)`, unknown: `subnet "${declared.logicalId}" belongs to another VPC` } : describeValue(value);
  const key = `outside:${declared ? declared.id : (identityOf(value) ?? described.text)}`;
  return pseudoSubnet(subnets, key, declared ? described.text : `subnet ${described.text}`, described.unknown ?? 'the subnet is not declared in the workspace', declared ? sourceOf(declared) : undefined);
}

function unknownSubnets(subnets: Map<string, MutableSubnet>, reason: string): MutableSubnet {
  return pseudoSubnet(subnets, 'outside:?', 'subnets unknown', reason, undefined);
}

function pseudoSubnet(subnets: Map<string, MutableSubnet>, key: string, label: string, reason: string, source: ElementSource | undefined): MutableSubnet {
  const existing = subnets.get(key);
  if (existing) return existing;
  const created: MutableSubnet = {
    id: `subnet:${key}`,
    label,
    declared: false,
    source,
    condition: undefined,
    cidr: { text: 'CIDR unknown', unknown: reason },
    route: { kind: 'unknown', text: 'route unknown', unknown: reason },
    tierKey: OUTSIDE_TIER,
    routeKey: undefined,
    client: false,
    zone: { text: 'AZ unknown', unknown: reason },
    zoneKey: '?outside',
    workloads: [],
    interfaces: [],
    gateways: [],
    order: subnets.size,
  };
  subnets.set(key, created);
  return created;
}

function zoneLabel(key: string | undefined, label: string, concrete: boolean): Shown {
  if (concrete) return { text: label.replace(/^the /, '') };
  if (key?.startsWith('param:') || key?.startsWith('azid:param:')) return { text: `AZ from parameter "${key.slice(key.lastIndexOf('#') + 1)}"`, unknown: label };
  if (label === 'a zone AWS chooses') return { text: 'AZ chosen by AWS', unknown: 'the subnet names no AvailabilityZone, so AWS picks one at creation' };
  return { text: 'AZ unknown', unknown: label };
}

/** Orders zone columns: literal and indexed zones first, zones from parameters next, unknown ones last. */
function zoneRank(key: string): [number, string] {
  if (key.startsWith('az:')) {
    const hash = key.lastIndexOf('#');
    return [0, `${key.slice(0, hash)}#${key.slice(hash + 1).padStart(4, '0')}`];
  }
  if (key.startsWith('zone:')) return [1, key];
  if (key.startsWith('azid:') && !key.startsWith('azid:param:')) return [2, key];
  if (key === '?outside') return [5, key];
  if (key.startsWith('?')) return [4, key];
  return [3, key];
}

function zonesOf(subnets: readonly MutableSubnet[], tierIndex: ReadonlyMap<string, number>): DiagramZone[] {
  const byZone = new Map<string, MutableSubnet[]>();
  for (const subnet of subnets) {
    const list = byZone.get(subnet.zoneKey) ?? [];
    list.push(subnet);
    byZone.set(subnet.zoneKey, list);
  }
  const keys = [...byZone.keys()].sort((a, b) => {
    const [rankA, textA] = zoneRank(a);
    const [rankB, textB] = zoneRank(b);
    return rankA - rankB || compareText(textA, textB);
  });
  return keys.map((key, index) => {
    const list = (byZone.get(key) ?? []).map((subnet) => ({ subnet, tier: tierIndex.get(subnet.tierKey) ?? 0 }));
    list.sort((a, b) => a.tier - b.tier || a.subnet.order - b.subnet.order);
    const first = list[0]?.subnet;
    return {
      id: `zone${index + 1}`,
      label: first?.zone ?? { text: 'AZ unknown' },
      subnets: list.map(({ subnet, tier }) => ({
        id: subnet.id,
        label: subnet.label,
        declared: subnet.declared,
        source: subnet.source,
        condition: subnet.condition,
        cidr: subnet.cidr,
        route: subnet.route,
        tier,
        client: subnet.client,
        zone: subnet.zone,
        workloads: subnet.workloads,
        interfaces: subnet.interfaces,
        gateways: subnet.gateways,
      })),
    };
  });
}

// ── Routes and gateway endpoints ────────────────────────────────────────────────────────────

/** Whether a subnet has a route to the internet, as its box says it. */
function routeOf(model: NetworkModel, subnet: Subnet, scenario: Scenario): { readonly kind: RouteKind } & Shown {
  const access = internetAccessOf(model, subnet, scenario);
  if (!access.known) return { kind: 'unknown', text: 'route unknown', unknown: access.reason };
  if (!access.value.internet) return { kind: 'closed', text: 'closed' };
  return { kind: 'internet', text: VIA_LABELS[access.value.via] };
}

const VIA_LABELS = { internetGateway: 'internet (IGW)', natGateway: 'internet via NAT', egressOnlyInternetGateway: 'IPv6 egress-only' } as const;

function routeTablesOf(view: EndpointView): Set<string> {
  const keys = new Set<string>();
  for (const item of view.routeTables.items) {
    const key = identityOf(item.value);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

function gatewayEndpoint(endpoint: VpcEndpoint, view: EndpointView, service: string, subnets: readonly MutableSubnet[]): DiagramEndpoint {
  const tables = view.routeTables.items.map((item) => {
    const key = identityOf(item.value);
    const users = subnets.filter((subnet) => key !== undefined && subnet.routeKey === key).map((subnet) => subnet.label);
    const name = item.value.kind === 'ref' ? item.value.target.logicalId : describeValue(item.value).text;
    return users.length > 0 ? `${name} (${users.join(', ')})` : name;
  });
  const note: Shown =
    view.routeTables.unknownReason !== undefined
      ? { text: tables.length > 0 ? `route tables ${tables.join(', ')} and more` : 'route tables unknown', unknown: view.routeTables.unknownReason }
      : tables.length > 0
        ? { text: `route ${tables.length === 1 ? 'table' : 'tables'} ${tables.join(', ')}` }
        : { text: 'no route tables: no subnet uses it' };
  return { id: `endpoint:${endpoint.id}`, kind: 'gateway', label: endpoint.logicalId, detail: `gateway · ${service}`, note, source: sourceOf(endpoint), condition: endpoint.condition };
}

// ── Edges ───────────────────────────────────────────────────────────────────────────────────

function edgesOf(model: NetworkModel, views: readonly EndpointView[], subnets: ReadonlyMap<string, MutableSubnet>, scenario: Scenario): DiagramEdge[] {
  const edges: DiagramEdge[] = [];
  const zoneKeyOf = new Map([...subnets.values()].map((entry) => [entry.id, entry.zoneKey]));
  for (const view of views) {
    const capture = captures(model, view, scenario);
    if (!capture.known || capture.value.clients.length === 0) continue;
    const interfaces = [...subnets.values()].flatMap((entry) => entry.interfaces.filter((eni) => eni.endpointId === view.endpoint.id).map((eni) => ({ eni, subnetId: entry.id })));
    if (interfaces.length === 0) continue;
    for (const client of capture.value.clients) {
      const result = reach(model, client, view, scenario);
      for (const subnet of client.subnets) {
        const subnetId = `subnet:${subnet.id}`;
        if (!subnets.has(subnet.id)) continue;
        const from = client.kind === 'workload' ? `workload:${client.id}@${subnet.id}` : subnetId;
        // Draw the edge to the interface in the client's own zone when there is one: the nearest on the picture.
        const zone = zoneKeyOf.get(subnetId);
        const target = interfaces.find((candidate) => candidate.subnetId === subnetId) ?? interfaces.find((candidate) => zone !== undefined && !zone.startsWith('?') && zoneKeyOf.get(candidate.subnetId) === zone) ?? interfaces[0];
        if (!target) continue;
        const verdict = verdictOf(result.hops.filter((hop) => hop.clientSubnet.id === subnet.id), result.kind, result.reason);
        const fromLabel = clientName(client, subnet);
        edges.push({
          id: `${from}->${target.eni.id}`,
          from,
          to: target.eni.id,
          fromLabel,
          endpointLabel: view.endpoint.logicalId,
          state: verdict.state,
          label: verdict.label,
          detail: `${fromLabel} → ${view.endpoint.logicalId} (${view.displayName}) on TCP 443: ${verdict.detail}`,
        });
      }
    }
  }
  return edges;
}

function clientName(client: Client, subnet: Subnet): string {
  return client.kind === 'workload' ? `${client.entity.logicalId} in ${subnet.logicalId}` : `any interface in ${subnet.logicalId}`;
}

/** Short names of the hops, for edge labels. */
const HOP_LABELS: Readonly<Record<Hop, string>> = {
  'client-egress': 'client SG egress',
  'client-subnet-acl': 'client subnet ACL',
  'endpoint-subnet-acl': 'endpoint subnet ACL',
  'endpoint-ingress': 'endpoint SG',
};

function verdictOf(hops: readonly HopResult[], overall: EdgeState, overallReason: string | undefined): { state: EdgeState; label: string; detail: string } {
  const blocked = hops.filter((hop) => hop.verdict.kind === 'blocked');
  if (blocked.length > 0) {
    const names = [...new Set(blocked.map((hop) => HOP_LABELS[hop.hop]))];
    const reasons = [...new Set(blocked.map((hop) => (hop.verdict.kind === 'blocked' ? blockerText(hop.verdict.by, hop) : '')))];
    return { state: 'blocked', label: `blocked at ${names.join(', ')}`, detail: `blocked at ${names.join(', ')}: ${reasons.join('; ')}.` };
  }
  const unknownHop = hops.find((hop) => hop.verdict.kind === 'unknown');
  if (unknownHop && unknownHop.verdict.kind === 'unknown') return { state: 'unknown', label: 'unknown', detail: `unknown at ${HOP_LABELS[unknownHop.hop]}: ${unknownHop.verdict.reason}.` };
  if (hops.length === 0 && overall !== 'allowed') return { state: overall, label: overall, detail: `${overall}${overallReason ? `: ${overallReason}` : ''}.` };
  return { state: 'allowed', label: 'allowed', detail: 'allowed at every hop (security groups and network ACLs).' };
}

function blockerText(blocker: Blocker, hop: HopResult): string {
  switch (blocker.kind) {
    case 'no-rule':
      return `no rule of ${blocker.groups.map(groupLabel).join(', ') || 'its security groups'} admits it`;
    case 'acl-entry':
      return `entry ${blocker.ruleNumber} of ${aclName(blocker.acl)} denies it${hop.direction ? ` ${hop.direction}` : ''}`;
    case 'acl-final-deny':
      return `no entry of ${aclName(blocker.acl)} allows it${hop.direction ? ` ${hop.direction}` : ''}`;
  }
}

function aclName(acl: NetworkAclHandle): string {
  if (acl.kind === 'declared') return `network ACL "${acl.networkAcl.logicalId}"`;
  if (acl.kind === 'default') return 'the default network ACL';
  return 'an unknown network ACL';
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────

const TYPE_LABELS: Readonly<Record<string, string>> = {
  Interface: 'interface',
  GatewayLoadBalancer: 'Gateway Load Balancer',
  Resource: 'resource',
  ServiceNetwork: 'service network',
};

function sourceOf(entity: EntityBase): ElementSource {
  return { file: entity.file, logicalId: entity.logicalId };
}

/** A value the workspace does not declare, as it reads: a literal id, a parameter, an import. */
function describeValue(value: Value | undefined): Shown {
  if (!value) return { text: 'unknown', unknown: 'the value is missing' };
  const text = literalString(value);
  if (text !== undefined) return { text, unknown: `${text} is not declared in the workspace` };
  const identity = identityOf(value);
  const reason = value.kind === 'unknown' ? value.reason : 'the value cannot be known';
  if (identity?.startsWith('param:')) return { text: `from parameter "${identity.slice(identity.lastIndexOf('#') + 1)}"`, unknown: reason };
  if (identity?.startsWith('import:')) return { text: `from import "${identity.slice('import:'.length)}"`, unknown: reason };
  if (value.kind === 'ref' || value.kind === 'getAtt') return { text: value.target.logicalId, unknown: `"${value.target.logicalId}" is not a declared subnet or VPC` };
  return { text: 'unknown', unknown: reason };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
