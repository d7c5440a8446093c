/**
 * `endpoint-private-dns-conflict`: only one interface endpoint per service and VPC can have private
 * DNS on, and none when a private hosted zone of the service's name is associated with the VPC; the
 * second one fails with a conflicting DNS domain. Works across every template of the workspace.
 */
import { exists, type HostedZone, type NetworkModel, type VpcEndpoint } from '../model';
import { endpointView, hasPrivateDns, hostedZoneName, vpcLabel, zoneAssociatedWith, type EndpointView } from '../analysis';
import { ANY_SCENARIO, type Scenario } from '../template';
import { endpointReport, forEachEndpoint, listNames, propertyKeyRange, quoted, relatedResource } from './helpers';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'endpoint-private-dns-conflict',
    description: 'Two interface endpoints of one service, or an endpoint and a private hosted zone of the same name, claim private DNS in one VPC.',
    category: 'dns',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    const order = new Map(ctx.model.vpcEndpoints.map((endpoint, index) => [endpoint.id, index]));
    // Endpoints of other services never conflict: comparing them first keeps their conditions out of the exploration.
    const services = new Map(ctx.model.vpcEndpoints.map((endpoint) => [endpoint.id, serviceOf(ctx.model, endpoint)]));
    const mayShare = (a: VpcEndpoint, b: VpcEndpoint): boolean => {
      const sa = services.get(a.id);
      const sb = services.get(b.id);
      return sa === undefined || sb === undefined || sa === sb;
    };
    return forEachEndpoint(ctx, (view, scenario) => {
      if (!hasPrivateDns(view) || !view.serviceName.known || view.vpc.key === undefined) return undefined;
      const endpoint = view.endpoint;
      const service = view.serviceName.value.full.toLowerCase();
      const index = order.get(endpoint.id) ?? 0;
      // The endpoint listed later is the one reported: which of the two fails depends on creation order.
      const earlier = ctx.model.vpcEndpoints.filter((other) => (order.get(other.id) ?? 0) < index && mayShare(other, endpoint) && sameClaim(ctx.model, other, service, view.vpc.key, scenario));
      const zones = ctx.model.hostedZones.filter((zone) => zoneClaims(ctx.model, zone, view, scenario));
      if (earlier.length === 0 && zones.length === 0) return undefined;
      const holders = [...earlier.map((other) => `endpoint ${quoted(other)}`), ...zones.map((zone) => `private hosted zone ${quoted(zone)}`)];
      const range = endpoint.privateDnsEnabled ? endpoint.privateDnsEnabled.node.range : propertyKeyRange(endpoint, 'PrivateDnsEnabled');
      return endpointReport(
        endpoint,
        range,
        `Endpoint ${quoted(endpoint)} turns on private DNS for ${view.displayName} in VPC ${vpcLabel(view.vpc)}, where ${listNames(holders)} already ${holders.length === 1 ? 'claims' : 'claim'} that name, so the stack will fail with a conflicting DNS domain.`,
        {
          related: [
            ...earlier.map((other) => relatedResource(other, `Endpoint ${quoted(other)} has private DNS on for the same service in the same VPC.`, other.privateDnsEnabled?.node)),
            ...zones.map((zone) => relatedResource(zone, `Private hosted zone ${quoted(zone)} serves ${view.displayName} in the same VPC.`, zone.name?.node)),
          ],
          data: { endpoint: endpoint.id, endpoints: earlier.map((other) => other.id), hostedZones: zones.map((zone) => zone.id) },
        },
      );
    });
  },
};

/** The service name an endpoint names whatever the conditions, or undefined when it depends on them. */
function serviceOf(model: NetworkModel, endpoint: VpcEndpoint): string | undefined {
  const view = endpointView(model, endpoint, ANY_SCENARIO);
  return view.serviceName.known ? view.serviceName.value.full.toLowerCase() : undefined;
}

/** Whether another endpoint certainly has private DNS on for the same service in the same VPC. */
function sameClaim(model: NetworkModel, other: VpcEndpoint, service: string, vpcKey: string | undefined, scenario: Scenario): boolean {
  if (!exists(other, scenario)) return false;
  const view = endpointView(model, other, scenario);
  return hasPrivateDns(view) && view.serviceName.known && view.serviceName.value.full.toLowerCase() === service && view.vpc.key === vpcKey;
}

/** Whether a hosted zone associated with the endpoint's VPC is named as one of the names private DNS answers. */
function zoneClaims(model: NetworkModel, zone: HostedZone, view: EndpointView, scenario: Scenario): boolean {
  const name = hostedZoneName(zone, scenario);
  if (name === undefined || !view.dnsNames.some((dnsName) => !dnsName.startsWith('*.') && dnsName === name)) return false;
  return zoneAssociatedWith(model, zone, view.vpc.key, scenario);
}
