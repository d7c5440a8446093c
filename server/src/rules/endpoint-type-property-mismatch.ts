/**
 * `endpoint-type-property-mismatch`: properties that do not belong to the endpoint's type. The common
 * mistake is omitting `VpcEndpointType` (so the endpoint is a `Gateway` endpoint) while setting
 * interface properties, or asking a gateway endpoint for a service that only has interface endpoints.
 */
import { GATEWAY_SERVICES } from '../analysis';
import { pairOf, type Node } from '../syntax';
import { endpointReport, forEachEndpoint, listNames, propertyKeyRange, quoted, relatedResource } from './helpers';
import { entityFromData } from './fix-helpers';
import type { EditIntent, Fix, Report, Rule } from './rule';

const INTERFACE_PROPERTIES = ['SubnetIds', 'SecurityGroupIds', 'PrivateDnsEnabled', 'DnsOptions'] as const;

export const rule: Rule = {
  meta: {
    id: 'endpoint-type-property-mismatch',
    description: 'A VPC endpoint sets properties, or names a service, that its endpoint type does not take.',
    category: 'endpoint',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    return forEachEndpoint(ctx, (view) => {
      if (!view.type.known) return undefined;
      const endpoint = view.endpoint;
      const type = view.type.value;
      const typeText = view.typeDefaulted ? 'has no VpcEndpointType, so it is a Gateway endpoint' : `is ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} endpoint`;
      const reports: Report[] = [];
      if (type === 'Gateway') {
        const misplaced = INTERFACE_PROPERTIES.filter((property) => isSet(endpoint.resource.properties, property)).sort(
          (a, b) => (pairOf(endpoint.resource.properties, a)?.range[0] ?? 0) - (pairOf(endpoint.resource.properties, b)?.range[0] ?? 0),
        );
        if (misplaced.length > 0) {
          const [first, ...rest] = misplaced;
          reports.push(
            endpointReport(
              endpoint,
              propertyKeyRange(endpoint, first ?? 'SubnetIds'),
              `Endpoint ${quoted(endpoint)} ${typeText}, which does not take ${listNames(misplaced)}, so CloudFormation will reject it.`,
              {
                related: rest.map((property) => relatedResource(endpoint, `${property} belongs to interface endpoints.`, pairOf(endpoint.resource.properties, property)?.key)),
                data: { endpoint: endpoint.id, misplaced, suggestType: 'Interface' },
              },
            ),
          );
        } else {
          const service = view.serviceName.known ? view.serviceName.value.service : undefined;
          if (service !== undefined && !GATEWAY_SERVICES.has(service)) {
            reports.push(
              endpointReport(
                endpoint,
                endpoint.serviceName ? endpoint.serviceName.node.range : propertyKeyRange(endpoint, 'ServiceName'),
                `Endpoint ${quoted(endpoint)} ${typeText}, but ${service} has only interface endpoints (gateway endpoints exist for S3 and DynamoDB), so the stack will fail.`,
                { data: { endpoint: endpoint.id, misplaced: [], suggestType: 'Interface' } },
              ),
            );
          }
        }
      } else if (type === 'Interface' || type === 'GatewayLoadBalancer') {
        if (pairOf(endpoint.resource.properties, 'RouteTableIds')) {
          reports.push(
            endpointReport(endpoint, propertyKeyRange(endpoint, 'RouteTableIds'), `Endpoint ${quoted(endpoint)} ${typeText}, which does not take RouteTableIds (a property of gateway endpoints), so CloudFormation will reject it.`, {
              data: { endpoint: endpoint.id, misplaced: ['RouteTableIds'] },
            }),
          );
        }
        if (type === 'GatewayLoadBalancer' && view.subnets.unknownReason === undefined && view.subnets.items.length > 1) {
          const second = view.subnets.items[1];
          if (second) {
            reports.push(
              endpointReport(endpoint, second.node.range, `Gateway Load Balancer endpoint ${quoted(endpoint)} has ${view.subnets.items.length} subnets, but such an endpoint takes exactly one, so the stack will fail.`, {
                data: { endpoint: endpoint.id, misplaced: [], extraSubnets: view.subnets.items.length - 1 },
              }),
            );
          }
        }
      }
      return reports;
    });
  },
  fix(ctx, finding) {
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    if (!endpoint) return [];
    const misplaced = Array.isArray(finding.data?.misplaced) ? finding.data.misplaced.filter((entry): entry is string => typeof entry === 'string') : [];
    const suggestType = finding.data?.suggestType;
    const fixes: Fix[] = [];
    const removeAll: EditIntent[] = misplaced.map((property) => ({ kind: 'removeResourceKey', file: endpoint.file, logicalId: endpoint.logicalId, path: ['Properties', property] }));
    if (suggestType === 'Interface') {
      const setType: EditIntent = { kind: 'setResourceValue', file: endpoint.file, logicalId: endpoint.logicalId, path: ['Properties', 'VpcEndpointType'], value: 'Interface' };
      if (misplaced.length > 0) {
        fixes.push({ title: `Make ${quoted(endpoint)} an interface endpoint (VpcEndpointType: Interface)`, preferred: true, intents: [setType] });
        fixes.push({ title: `Remove ${listNames(misplaced)} from ${quoted(endpoint)}`, preferred: false, intents: removeAll });
      } else {
        // A gateway endpoint of an interface-only service: the route tables go, subnets and groups are still to be chosen.
        const intents: EditIntent[] = [setType];
        if (pairOf(endpoint.resource.properties, 'RouteTableIds')) intents.push({ kind: 'removeResourceKey', file: endpoint.file, logicalId: endpoint.logicalId, path: ['Properties', 'RouteTableIds'] });
        fixes.push({ title: `Make ${quoted(endpoint)} an interface endpoint (then choose its subnets and security groups)`, preferred: false, intents });
      }
    } else if (misplaced.length > 0) {
      fixes.push({ title: `Remove ${listNames(misplaced)} from ${quoted(endpoint)}`, preferred: true, intents: removeAll });
    }
    const extra = finding.data?.extraSubnets;
    const list = endpoint.subnetIds?.node;
    if (typeof extra === 'number' && extra > 0 && list?.kind === 'seq') {
      const intents: EditIntent[] = [];
      for (let index = list.items.length - 1; index >= 1; index--) intents.push({ kind: 'removeListItem', file: endpoint.file, list, index });
      fixes.push({ title: `Keep only the first subnet of ${quoted(endpoint)}`, preferred: false, intents });
    }
    return fixes;
  },
};

/**
 * Whether an interface property is set to something a gateway endpoint would have to act on:
 * `PrivateDnsEnabled: false` and empty lists are harmless and stay silent.
 */
function isSet(properties: Node | undefined, property: string): boolean {
  const pair = pairOf(properties, property);
  if (!pair) return false;
  const value = pair.value;
  if (value.kind === 'scalar' && value.style === 'empty') return false;
  if (value.kind === 'seq' && value.items.length === 0) return false;
  if (property === 'PrivateDnsEnabled' && value.kind === 'scalar' && (value.value === false || String(value.value).toLowerCase() === 'false')) return false;
  return true;
}
