/**
 * `private-dns-not-shared-with-peers`: the private hosted zone behind an endpoint's private DNS is
 * associated only with the endpoint's VPC, so peered and transit-gateway-attached networks keep
 * resolving the service's public name. Reported where the template peers or attaches the VPC, naming
 * the private-DNS endpoints of that VPC. The two usual answers silence it: a hosted zone of the
 * service's name that the template associates with the peer VPC, and a Route 53 Resolver inbound
 * endpoint in the endpoint's VPC that other networks forward their queries to.
 */
import { evaluateRef, exists, listOf, subnetOf, vpcHandle, vpcOf, type EntityBase, type NetworkModel, type NodeRef, type TransitGatewayAttachment, type VpcHandle, type VpcPeering } from '../model';
import { endpointView, hasPrivateDns, hostedZoneName, vpcLabel, zoneAssociatedWith, type EndpointView } from '../analysis';
import { literalString, type Scenario } from '../template';
import { exploreItems, itemConditions, keyRange, listNames, qualify, quoted, relatedResource } from './helpers';
import type { Report, Rule } from './rule';

interface Side {
  /** The property that names the endpoint's VPC. */
  readonly ref: NodeRef | undefined;
  readonly vpc: VpcHandle;
  /** The VPC on the other side, for a peering. */
  readonly other: VpcHandle | undefined;
}

export const rule: Rule = {
  meta: {
    id: 'private-dns-not-shared-with-peers',
    description: "A VPC with private-DNS endpoints is peered or attached to a transit gateway, and the endpoints' private DNS does not reach the other networks.",
    category: 'beyond-vpc',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const reports: Report[] = [];
    const links: (VpcPeering | TransitGatewayAttachment)[] = [...ctx.model.vpcPeerings, ...ctx.model.transitGatewayAttachments];
    for (const link of links) {
      for (const side of ['vpcId', 'peerVpcId'] as const) {
        if (side === 'peerVpcId' && link.kind !== 'vpcPeering') continue;
        const items = exploreItems(ctx, (scenario) => endpointsBehind(ctx.model, link, side, scenario));
        const report = reportOf(link, items);
        if (report) reports.push(report);
      }
    }
    return reports;
  },
};

function sideOf(model: NetworkModel, link: VpcPeering | TransitGatewayAttachment, side: 'vpcId' | 'peerVpcId', scenario: Scenario): Side {
  const own = side === 'vpcId' ? link.vpcId : (link as VpcPeering).peerVpcId;
  const other = link.kind === 'vpcPeering' ? (side === 'vpcId' ? link.peerVpcId : link.vpcId) : undefined;
  return {
    ref: own,
    vpc: vpcHandle(model, evaluateRef(own, scenario)),
    other: link.kind === 'vpcPeering' ? vpcHandle(model, evaluateRef(other, scenario)) : undefined,
  };
}

function* endpointsBehind(model: NetworkModel, link: VpcPeering | TransitGatewayAttachment, side: 'vpcId' | 'peerVpcId', scenario: Scenario): Generator<readonly [string, { view: EndpointView; side: Side }]> {
  if (!exists(link, scenario)) return;
  const resolved = sideOf(model, link, side, scenario);
  if (resolved.vpc.key === undefined || mayResolveForOthers(model, resolved.vpc.key, scenario)) return;
  for (const endpoint of model.vpcEndpoints) {
    // The VPC comes first so that the conditions of endpoints elsewhere are never consulted.
    if (vpcOf(model, endpoint, scenario).key !== resolved.vpc.key || !exists(endpoint, scenario)) continue;
    const view = endpointView(model, endpoint, scenario);
    if (!hasPrivateDns(view)) continue;
    if (resolved.other && servedByZone(model, view, resolved.other, scenario)) continue;
    yield [endpoint.id, { view, side: resolved }];
  }
}

/**
 * Whether the VPC may have a Route 53 Resolver inbound endpoint, through which other networks can
 * resolve names with the VPC's view of DNS: then sharing the private DNS is evidently planned.
 */
function mayResolveForOthers(model: NetworkModel, vpcKey: string, scenario: Scenario): boolean {
  return model.resolverEndpoints.some((resolver) => {
    const direction = literalString(evaluateRef(resolver.direction, scenario) ?? { kind: 'null' });
    if (direction !== undefined && direction.toUpperCase() === 'OUTBOUND') return false;
    const vpcs = resolver.subnetIds.flatMap((ref) => listOf(ref, scenario).items.map((item) => {
      const subnet = subnetOf(model, item.value);
      return subnet ? vpcOf(model, subnet, scenario).key : undefined;
    }));
    // An inbound endpoint whose VPC cannot be told might be in this VPC.
    const here = vpcs.length === 0 || vpcs.some((key) => key === undefined || key === vpcKey);
    return here && exists(resolver, scenario);
  });
}

/** Whether a hosted zone of the endpoint's name is associated with the other VPC. */
function servedByZone(model: NetworkModel, view: EndpointView, other: VpcHandle, scenario: Scenario): boolean {
  if (other.key === undefined) return false;
  return model.hostedZones.some((zone) => {
    const name = hostedZoneName(zone, scenario);
    const named = name !== undefined && view.dnsNames.some((dnsName) => dnsName === name || dnsName.endsWith(`.${name}`));
    return named && zoneAssociatedWith(model, zone, other.key, scenario);
  });
}

function reportOf(link: EntityBase & (VpcPeering | TransitGatewayAttachment), items: ReturnType<typeof exploreItems<{ view: EndpointView; side: Side }>>): Report | undefined {
  const first = items[0];
  if (!first) return undefined;
  const { side } = first.value;
  const conditions = itemConditions(items);
  const endpoints = items.map((item) => conditions.nameOf(item, quoted(item.value.view.endpoint)));
  const names = [...new Set(items.map((item) => item.value.view.displayName))];
  const vpc = vpcLabel(side.vpc);
  const otherLabel = side.other ? vpcLabel(side.other) : undefined;
  const other = otherLabel && otherLabel !== 'its VPC' ? `VPC ${otherLabel}` : 'the peer VPC';
  const verb = items.length === 1 ? 'answers' : 'answer';
  const message =
    link.kind === 'vpcPeering'
      ? `Peering ${quoted(link)} connects VPC ${vpc} with ${other}, but the private DNS of ${items.length === 1 ? 'endpoint' : 'endpoints'} ${listNames(endpoints)} ${verb} only inside ${vpc}, so clients in ${other} still resolve ${listNames(names)} to public addresses.`
      : `Transit gateway attachment ${quoted(link)} connects VPC ${vpc} to a transit gateway, but the private DNS of ${items.length === 1 ? 'endpoint' : 'endpoints'} ${listNames(endpoints)} ${verb} only inside ${vpc}, so clients in the other attached networks still resolve ${listNames(names)} to public addresses.`;
  return {
    file: link.file,
    range: side.ref ? side.ref.node.range : keyRange(link),
    logicalId: link.logicalId,
    message: qualify(message, conditions.shared),
    related: items.map((item) => relatedResource(item.value.view.endpoint, `Endpoint ${quoted(item.value.view.endpoint)} has private DNS on for ${item.value.view.displayName}.`, item.value.view.endpoint.privateDnsEnabled?.node)),
    data: { link: link.id, endpoints: items.map((item) => item.value.view.endpoint.id), ...(side.vpc.vpc ? { vpc: side.vpc.vpc.id } : {}) },
    ...(conditions.shared ? { conditions: conditions.shared } : {}),
  };
}
