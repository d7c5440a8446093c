/**
 * `endpoint-single-az`: the endpoint's subnets cover one Availability Zone while its VPC has subnets
 * in others, so clients in every zone depend on that one zone and pay for cross-zone traffic.
 */
import { subnetOf, subnetsOfVpc, type Subnet } from '../model';
import { internetAccessOf, isInterface, sameZone, vpcLabel, zoneOf, type Zone } from '../analysis';
import { endpointReport, forEachEndpoint, listNames, quoted, relatedResource } from './helpers';
import { entityFromData } from './fix-helpers';
import type { EditIntent, Fix, Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'endpoint-single-az',
    description: 'An interface endpoint has its subnets in one Availability Zone while its VPC spans several.',
    category: 'endpoint',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(ctx) {
    return forEachEndpoint(ctx, (view, scenario) => {
      const subnetIds = view.endpoint.subnetIds;
      if (!isInterface(view) || view.vpc.key === undefined || !subnetIds) return undefined;
      const items = view.subnets.items;
      if (view.subnets.unknownReason !== undefined || items.length === 0) return undefined;
      const own = items.map((item) => subnetOf(ctx.model, item.value));
      const zones = own.map((subnet) => (subnet ? zoneOf(subnet, scenario) : undefined));
      const first = zones[0];
      // Several subnets in one zone fail to deploy: endpoint-subnets-share-az reports that, and its fix
      // moves the extra subnet to another zone, so this rule would only add a second, clashing fix.
      if (items.length > 1) return undefined;
      const zone = first?.key !== undefined ? first : undefined;

      const vpcSubnets = subnetsOfVpc(ctx.model, view.vpc.key, scenario).map((subnet) => ({ subnet, zone: zoneOf(subnet, scenario) }));
      const elsewhere: { subnet: Subnet; zone: Zone }[] = [];
      if (zone) {
        for (const candidate of vpcSubnets) if (sameZone(candidate.zone, zone) === false) elsewhere.push(candidate);
      } else {
        // The zone of the one subnet is unknown: the VPC must span two zones that certainly differ.
        const [a] = vpcSubnets;
        const b = vpcSubnets.find((candidate) => a && sameZone(candidate.zone, a.zone) === false);
        if (a && b) elsewhere.push(a, b);
      }
      if (elsewhere.length === 0) return undefined;
      const otherZones: { zone: Zone; subnets: Subnet[] }[] = [];
      for (const candidate of elsewhere) {
        const group = otherZones.find((other) => sameZone(other.zone, candidate.zone) === true);
        if (group) group.subnets.push(candidate.subnet);
        else otherZones.push({ zone: candidate.zone, subnets: [candidate.subnet] });
      }
      const endpoint = view.endpoint;
      const where = zone ? `one Availability Zone (${zone.label})` : 'one Availability Zone';
      const others = zone ? `also has subnets in ${listNames(otherZones.map((other) => other.zone.label))}` : `has subnets in ${listNames(otherZones.map((other) => other.zone.label))}`;
      // A fix prefers subnets without an internet route: endpoints belong with the clients that need them.
      const candidates = otherZones.map((other) => {
        const closed = other.subnets.find((subnet) => {
          const access = internetAccessOf(ctx.model, subnet, scenario);
          return access.known && !access.value.internet;
        });
        return closed ?? (other.subnets[0] as Subnet);
      });
      return endpointReport(
        endpoint,
        subnetIds.node.range,
        `Interface endpoint ${quoted(endpoint)} has its subnets in ${where} although VPC ${vpcLabel(view.vpc)} ${others}, so clients in every zone depend on that one zone and those elsewhere pay for cross-zone traffic.`,
        {
          related: candidates.map((subnet) => relatedResource(subnet, `Subnet ${quoted(subnet)} is in another Availability Zone of the VPC.`)),
          data: {
            endpoint: endpoint.id,
            ...(zone?.key !== undefined ? { zone: zone.key } : {}),
            candidateSubnets: candidates.map((subnet) => ({ id: subnet.id, logicalId: subnet.logicalId })),
          },
        },
      );
    });
  },
  fix(ctx, finding) {
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    const list = endpoint?.subnetIds?.node;
    const candidates = (Array.isArray(finding.data?.candidateSubnets) ? (finding.data.candidateSubnets as { id?: string }[]) : [])
      .map((candidate) => (typeof candidate.id === 'string' ? ctx.model.byId.get(candidate.id) : undefined))
      .filter((entity): entity is Subnet => entity?.kind === 'subnet' && entity.file === endpoint?.file);
    if (!endpoint || !list || candidates.length === 0) return [];
    const add = (subnets: readonly Subnet[]): EditIntent[] => subnets.map((subnet) => ({ kind: 'appendToList', file: endpoint.file, list, value: { Ref: subnet.logicalId } }));
    const first = candidates[0] as Subnet;
    const fixes: Fix[] = [{ title: `Add subnet ${quoted(first)} of another Availability Zone to ${quoted(endpoint)}`, preferred: true, intents: add([first]) }];
    if (candidates.length > 1) fixes.push({ title: `Add ${listNames(candidates.map(quoted))} to ${quoted(endpoint)}, one subnet in each other Availability Zone`, preferred: false, intents: add(candidates) });
    return fixes;
  },
};
