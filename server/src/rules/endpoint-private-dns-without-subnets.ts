/**
 * `endpoint-private-dns-without-subnets`: an interface endpoint with private DNS on and no subnets has
 * no network interfaces, so the service's name resolves to no address anywhere in the VPC.
 */
import { hasPrivateDns, internetAccessOf, vpcLabel, zoneOf } from '../analysis';
import { subnetsOfVpc, vpcOf, type Subnet, type VpcEndpoint } from '../model';
import { ANY_SCENARIO } from '../template';
import { entityFromData } from './fix-helpers';
import { endpointReport, forEachEndpoint, keyRange, listNames, quoted, valueRange } from './helpers';
import type { EditIntent, Rule, RuleContext, TemplateValue } from './rule';

export const rule: Rule = {
  meta: {
    id: 'endpoint-private-dns-without-subnets',
    description: 'An interface endpoint with private DNS on and no subnets makes the service unreachable from the whole VPC.',
    category: 'endpoint',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    return forEachEndpoint(ctx, (view) => {
      if (!hasPrivateDns(view)) return undefined;
      if (view.subnets.unknownReason !== undefined || view.subnets.items.length > 0) return undefined;
      const endpoint = view.endpoint;
      const range = endpoint.subnetIds ? valueRange(endpoint, endpoint.subnetIds) : keyRange(endpoint);
      return endpointReport(
        endpoint,
        range,
        `Interface endpoint ${quoted(endpoint)} has private DNS on but no subnets, so ${view.displayName} resolves to no address anywhere in VPC ${vpcLabel(view.vpc)}, even in subnets with internet access.`,
        { data: { endpoint: endpoint.id } },
      );
    });
  },
  fix(ctx, finding) {
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    if (!endpoint) return [];
    const chosen = subnetPerZone(ctx, endpoint);
    if (chosen.length === 0) return [];
    const value: TemplateValue = chosen.map((subnet) => ({ Ref: subnet.logicalId }));
    const node = endpoint.subnetIds?.node;
    const intent: EditIntent = node
      ? { kind: 'replaceNode', file: endpoint.file, node, value }
      : { kind: 'setResourceValue', file: endpoint.file, logicalId: endpoint.logicalId, path: ['Properties', 'SubnetIds'], value };
    return [{ title: `Put ${quoted(endpoint)} in ${listNames(chosen.map((subnet) => quoted(subnet)))} (one subnet per Availability Zone)`, preferred: true, intents: [intent] }];
  },
};

/**
 * One subnet of the endpoint's VPC per Availability Zone, from the endpoint's own template, in the
 * order the zones first appear; a closed subnet is preferred to one with a route to the internet.
 */
function subnetPerZone(ctx: RuleContext, endpoint: VpcEndpoint): Subnet[] {
  const vpc = vpcOf(ctx.model, endpoint, ANY_SCENARIO);
  const candidates = subnetsOfVpc(ctx.model, vpc.key, ANY_SCENARIO).filter((subnet) => subnet.file === endpoint.file && subnet.condition === undefined);
  const rank = (subnet: Subnet): number => {
    const access = internetAccessOf(ctx.model, subnet, ANY_SCENARIO);
    return !access.known ? 1 : access.value.internet ? 2 : 0;
  };
  const byZone = new Map<string, Subnet>();
  for (const subnet of candidates) {
    const zone = zoneOf(subnet, ANY_SCENARIO);
    if (zone.key === undefined || !zone.concrete) continue;
    const current = byZone.get(zone.key);
    if (!current || rank(subnet) < rank(current)) byZone.set(zone.key, subnet);
  }
  return [...byZone.values()];
}
