/**
 * How hovers name things: entities as code spans (with their file when it is not the hovered one,
 * and their condition), Availability Zones, CIDR blocks, routes to the internet, security groups,
 * network ACLs, and the hop of the path where traffic to an endpoint stops. Shared by every renderer
 * so that a subnet reads the same in the endpoint, subnet and workload hovers.
 */
import { entityOf, evaluateRef, type EntityBase, type NetworkAclHandle, type NetworkModel, type Subnet } from '../../model';
import { subnetCidr, zoneOf, type GroupHandle, type HopResult, type InternetAccess, type Known } from '../../analysis';
import type { Scenario } from '../../template';
import { conditionSuffix, type RecordingScenario } from './conditions';
import { code, listOf, text } from './markdown';

/** What every renderer gets: the model, the hovered file and the scenario it renders. */
export interface RenderContext {
  readonly model: NetworkModel;
  /** The file of the hover: entities of other files name their file. */
  readonly file: string;
  readonly recording: RecordingScenario;
  readonly scenario: Scenario;
}

/** The last segment of a path or URI, for naming another file. */
export function fileName(file: string): string {
  const last = file.slice(file.replace(/[/\\]+$/, '').search(/[^/\\]*$/));
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** `` `PublicSubnet` ``, with ` in \`network.yaml\`` for another file and ` (if \`IsProd\`)` when conditional. */
export function entityName(ctx: RenderContext, entity: EntityBase): string {
  const where = entity.file !== ctx.file ? ` in ${code(fileName(entity.file))}` : '';
  return `${code(entity.logicalId)}${where}${conditionSuffix(entity)}`;
}

/** `1st AZ`, `us-east-1a`, `AZ id use1-az1`, `AWS chooses` when the template names none, or `?` with the reason. */
export function zoneText(subnet: Subnet, scenario: Scenario): { readonly cell: string; readonly unknownReason?: string } {
  if (!subnet.availabilityZone && !subnet.availabilityZoneId) return { cell: 'AWS chooses' };
  const zone = zoneOf(subnet, scenario);
  if (zone.concrete) return { cell: text(zone.label.replace(/^the /, '')) };
  return { cell: '?', unknownReason: zone.label };
}

/** The subnet's IPv4 block, or `?` with the reason. */
export function cidrText(subnet: Subnet, scenario: Scenario): { readonly cell: string; readonly unknownReason?: string } {
  const cidr = subnetCidr(subnet, 'ipv4', scenario);
  return cidr.known ? { cell: cidr.value.text } : { cell: '?', unknownReason: cidr.reason };
}

/** `` `PublicSubnet` (172.30.0.0/24) `` for messages, or the subnet's name alone when its block is unknown. */
export function subnetAddresses(ctx: RenderContext, subnet: Subnet): string {
  const cidr = subnetCidr(subnet, 'ipv4', ctx.scenario);
  const where = subnet.file !== ctx.file ? ` in ${code(fileName(subnet.file))}` : '';
  return cidr.known ? `${code(subnet.logicalId)}${where} (${cidr.value.text})` : `${code(subnet.logicalId)}${where}`;
}

/** Where a hop is, for an unknown verdict: `at the endpoint's security groups`. */
export function hopPlace(hop: HopResult): string {
  switch (hop.hop) {
    case 'client-egress':
      return "at the client's own security groups";
    case 'client-subnet-acl':
      return "at the network ACL of the client's subnet";
    case 'endpoint-subnet-acl':
      return "at the network ACL of the endpoint's subnet";
    case 'endpoint-ingress':
      return "at the endpoint's security groups";
  }
}

/**
 * The route to the internet for a table cell: `internet gateway`, `NAT gateway`, `closed`, or `?`;
 * `IGW`, `NAT` and `egress-only IGW` in `short` form, for wide tables.
 */
export function internetCell(access: Known<InternetAccess>, short = false): string {
  if (!access.known) return '?';
  if (!access.value.internet) return 'closed';
  if (!short) return viaText(access.value.via);
  return access.value.via === 'internetGateway' ? 'IGW' : access.value.via === 'natGateway' ? 'NAT' : 'egress-only IGW';
}

function viaText(via: Extract<InternetAccess, { internet: true }>['via']): string {
  switch (via) {
    case 'internetGateway':
      return 'internet gateway';
    case 'natGateway':
      return 'NAT gateway';
    case 'egressOnlyInternetGateway':
      return 'egress-only internet gateway (IPv6)';
  }
}

/** One sentence on a subnet's route to the internet: the gateway and the route that leads there. */
export function internetSentence(ctx: RenderContext, access: Known<InternetAccess>): string {
  if (!access.known) return `Route to the internet: unknown (${text(access.reason)}).`;
  if (!access.value.internet) return 'Route to the internet: none, so calls to AWS services leave the subnet only through endpoints.';
  const route = access.value.route;
  const gateway = entityOf(ctx.model, evaluateRef(route.target, ctx.scenario));
  const table = entityOf(ctx.model, evaluateRef(route.routeTableId, ctx.scenario));
  const gatewayText = gateway ? ` ${entityName(ctx, gateway)}` : '';
  const tableText = table ? ` of ${entityName(ctx, table)}` : '';
  return `Route to the internet: through ${viaText(access.value.via)}${gatewayText} (route ${entityName(ctx, route)}${tableText}).`;
}

/** A security group as a hover names it. */
export function groupName(ctx: RenderContext, group: GroupHandle): string {
  if (group.kind === 'declared') return entityName(ctx, group.group);
  if (group.kind === 'default') return group.vpc.vpc ? `the default security group of ${entityName(ctx, group.vpc.vpc)}` : 'the default security group of the VPC';
  if (group.value?.kind === 'string') return code(group.value.value);
  return 'an unknown security group';
}

/** A network ACL as a hover names it. */
export function aclName(ctx: RenderContext, acl: NetworkAclHandle): string {
  if (acl.kind === 'declared') return `network ACL ${entityName(ctx, acl.networkAcl)}`;
  if (acl.kind === 'default') return acl.vpc.vpc ? `the default network ACL of ${entityName(ctx, acl.vpc.vpc)}` : 'the default network ACL';
  return 'an unknown network ACL';
}


/**
 * What stops the traffic at a blocked hop, as the end of a sentence that starts with the client:
 * "✗ `PublicInstance`: <this>".
 */
export function hopSentence(ctx: RenderContext, hop: HopResult): string {
  const verdict = hop.verdict;
  if (verdict.kind !== 'blocked') return verdict.kind === 'unknown' ? text(verdict.reason) : 'allowed';
  const by = verdict.by;
  const client = subnetAddresses(ctx, hop.clientSubnet);
  const endpointSubnet = hop.endpointSubnet ? entityName(ctx, hop.endpointSubnet) : 'the endpoint subnet';
  switch (hop.hop) {
    case 'endpoint-ingress': {
      const groups = by.kind === 'no-rule' ? by.groups : [];
      const names = groups.map((group) => groupName(ctx, group));
      const subject = names.length === 1 ? `the endpoint's security group ${names[0]} admits` : `none of the endpoint's security groups ${listOf(names)} admits`;
      return `${subject} no TCP 443 from ${client}.`;
    }
    case 'client-egress': {
      const groups = by.kind === 'no-rule' ? by.groups : [];
      const names = groups.map((group) => groupName(ctx, group));
      return `the egress rules of ${listOf(names)} allow no TCP 443 to the endpoint${hop.endpointSubnet ? ` in ${endpointSubnet}` : ''}.`;
    }
    case 'client-subnet-acl':
    case 'endpoint-subnet-acl': {
      if (by.kind === 'no-rule') return 'a network ACL blocks the traffic.';
      const atClient = hop.hop === 'client-subnet-acl';
      const owner = atClient ? client : `endpoint subnet ${endpointSubnet}`;
      const peer = atClient ? endpointSubnet : client;
      const request = hop.ports.from === 443 && hop.ports.to === 443;
      const traffic = request
        ? `${hop.direction === 'outbound' ? 'outbound' : 'inbound'} TCP 443 ${hop.direction === 'outbound' ? 'to' : 'from'} ${peer}`
        : `${hop.direction === 'outbound' ? 'outbound' : 'inbound'} replies (TCP ${hop.ports.from}-${hop.ports.to}) ${hop.direction === 'outbound' ? 'to' : 'from'} ${peer}`;
      const rule = by.kind === 'acl-entry' ? `rule ${by.ruleNumber}${by.entry ? ` (${entityName(ctx, by.entry)})` : ''} denies` : 'no rule allows (the final deny rule `*` decides)';
      return `${aclName(ctx, by.acl)} of ${owner}: ${rule} ${traffic}.`;
    }
  }
}
