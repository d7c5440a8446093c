/**
 * `endpoint-subnets-share-az`: an interface endpoint takes at most one subnet per Availability Zone;
 * two subnets in one zone make the stack fail.
 */
import { subnetOf } from '../model';
import { isInterface, sameZone, zoneOf, type Zone } from '../analysis';
import { identityOf } from '../template';
import { endpointReport, forEachEndpoint, quoted, relatedResource } from './helpers';
import type { Report, Rule } from './rule';

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
};
