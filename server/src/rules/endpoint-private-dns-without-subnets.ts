/**
 * `endpoint-private-dns-without-subnets`: an interface endpoint with private DNS on and no subnets has
 * no network interfaces, so the service's name resolves to no address anywhere in the VPC.
 */
import { hasPrivateDns, vpcLabel } from '../analysis';
import { vpcOf } from '../model';
import { ANY_SCENARIO } from '../template';
import { subnetPerZone } from './endpoint-additions';
import { entityFromData } from './fix-helpers';
import { endpointReport, forEachEndpoint, keyRange, listNames, quoted, valueRange } from './helpers';
import type { EditIntent, Rule, TemplateValue } from './rule';

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
    const vpcKey = vpcOf(ctx.model, endpoint, ANY_SCENARIO).key;
    const chosen = vpcKey === undefined ? [] : subnetPerZone(ctx.model, vpcKey, endpoint.file, false);
    if (chosen.length === 0) return [];
    const value: TemplateValue = chosen.map((subnet) => ({ Ref: subnet.logicalId }));
    const node = endpoint.subnetIds?.node;
    const intent: EditIntent = node
      ? { kind: 'replaceNode', file: endpoint.file, node, value }
      : { kind: 'setResourceValue', file: endpoint.file, logicalId: endpoint.logicalId, path: ['Properties', 'SubnetIds'], value };
    return [{ title: `Put ${quoted(endpoint)} in ${listNames(chosen.map((subnet) => quoted(subnet)))} (one subnet per Availability Zone)`, preferred: true, intents: [intent] }];
  },
};
