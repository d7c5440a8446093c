/**
 * `endpoint-subnets-share-az`: an interface endpoint takes at most one subnet per Availability Zone;
 * two subnets in one zone make the stack fail.
 */
import { subnetOf, subnetsOfVpc, vpcOf, type Subnet, type VpcEndpoint } from '../model';
import { internetAccessOf, isInterface, sameZone, zoneOf, type Zone } from '../analysis';
import { ANY_SCENARIO, evaluate, identityOf } from '../template';
import type { Node } from '../syntax';
import { endpointReport, forEachEndpoint, quoted, relatedResource } from './helpers';
import { entityFromData } from './fix-helpers';
import type { Fix, Report, Rule, RuleContext } from './rule';

export const rule: Rule = {
  meta: {
    id: 'endpoint-subnets-share-az',
    description: 'An interface endpoint may have only one subnet per Availability Zone.',
    category: 'endpoint',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    return forEachEndpoint(ctx, (view, scenario) => {
      if (!isInterface(view) && !(view.type.known && view.type.value === 'GatewayLoadBalancer')) return undefined;
      const reports: Report[] = [];
      const seen: { readonly name: string; readonly identity: string | undefined; readonly zone: Zone | undefined; readonly subnet: ReturnType<typeof subnetOf> }[] = [];
      view.subnets.items.forEach((item, index) => {
        const subnet = subnetOf(ctx.model, item.value);
        // An empty string is the "not given" of an optional parameter, not a subnet id that repeats.
        if (item.value.kind === 'string' && item.value.value.trim() === '') return;
        const identity = identityOf(item.value);
        const zone = subnet ? zoneOf(subnet, scenario) : undefined;
        const name = subnet ? quoted(subnet) : identity?.startsWith('s:') ? identity.slice(2) : `#${index + 1}`;
        const twin = seen.find((other) => (identity !== undefined && other.identity === identity) || (zone && other.zone && sameZone(zone, other.zone) === true));
        if (twin) {
          const sameSubnet = identity !== undefined && twin.identity === identity;
          reports.push(
            endpointReport(
              view.endpoint,
              item.node.range,
              sameSubnet
                ? `Endpoint ${quoted(view.endpoint)} lists subnet ${name} twice, and an interface endpoint takes one subnet per Availability Zone, so the stack will fail.`
                : `Subnets ${twin.name} and ${name} of endpoint ${quoted(view.endpoint)} are both in ${zone?.label ?? 'one zone'}, and an interface endpoint takes one subnet per Availability Zone, so the stack will fail.`,
              {
                related: twin.subnet ? [relatedResource(twin.subnet, `Subnet ${twin.name} is in ${twin.zone?.label ?? 'the same zone'}.`)] : [],
                data: { endpoint: view.endpoint.id, index },
              },
            ),
          );
        }
        seen.push({ name, identity, zone, subnet });
      });
      return reports;
    });
  },
  fix(ctx, finding) {
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    const list = endpoint?.subnetIds?.node;
    if (!endpoint || list?.kind !== 'seq') return [];
    const index = list.items.findIndex((item) => item.range[0] === finding.range[0] && item.range[1] === finding.range[1]);
    const item = list.items[index];
    if (index < 0 || !item) return [];
    const text = ctx.files.get(endpoint.file)?.template.parse.text ?? '';
    const written = text.slice(item.range[0], item.range[1]).replace(/^!Ref\s+/, '');
    const name = written.length <= 40 ? written : 'this subnet';
    const remove: Fix = { title: `Remove ${name} from the subnets of endpoint ${quoted(endpoint)}`, preferred: true, intents: [{ kind: 'removeListItem', file: endpoint.file, list, index }] };
    // A subnet in a zone the endpoint does not cover yet keeps the endpoint in as many zones as before.
    const replacement = subnetInUncoveredZone(ctx, endpoint, list.items.filter((_, position) => position !== index));
    if (!replacement) return [remove];
    return [
      { title: `Replace ${name} with ${quoted(replacement)}, a subnet in another Availability Zone`, preferred: true, intents: [{ kind: 'replaceNode', file: endpoint.file, node: item, value: { Ref: replacement.logicalId } }] },
      { ...remove, preferred: false },
    ];
  },
};

/** A subnet of the endpoint's VPC and template in a known zone that none of `kept` is in; closed subnets first. */
function subnetInUncoveredZone(ctx: RuleContext, endpoint: VpcEndpoint, kept: readonly Node[]): Subnet | undefined {
  const zones: Zone[] = [];
  for (const node of kept) {
    const subnet = subnetOf(ctx.model, evaluate(node, endpoint.env, ANY_SCENARIO));
    if (!subnet) return undefined;
    zones.push(zoneOf(subnet, ANY_SCENARIO));
  }
  const vpc = vpcOf(ctx.model, endpoint, ANY_SCENARIO);
  const candidates = subnetsOfVpc(ctx.model, vpc.key, ANY_SCENARIO).filter((subnet) => {
    if (subnet.file !== endpoint.file || subnet.condition !== undefined) return false;
    const zone = zoneOf(subnet, ANY_SCENARIO);
    return zone.concrete && zones.every((other) => sameZone(zone, other) === false);
  });
  const closed = (subnet: Subnet) => {
    const access = internetAccessOf(ctx.model, subnet, ANY_SCENARIO);
    return access.known && !access.value.internet;
  };
  return candidates.find(closed) ?? candidates[0];
}
