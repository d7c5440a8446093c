/**
 * `endpoint-private-dns-without-subnets`: an interface endpoint with private DNS on and no subnets has
 * no network interfaces, so the service's name resolves to no address anywhere in the VPC.
 */
import { hasPrivateDns, vpcLabel } from '../analysis';
import { endpointReport, forEachEndpoint, keyRange, quoted, valueRange } from './helpers';
import type { Rule } from './rule';

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
};
