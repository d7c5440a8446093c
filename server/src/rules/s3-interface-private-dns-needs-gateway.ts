/**
 * `s3-interface-private-dns-needs-gateway`: an S3 interface endpoint with private DNS and
 * `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver` sends traffic from
 * inside the VPC to an S3 gateway endpoint, so EC2 refuses it unless the VPC has one. Reported only
 * for VPCs the workspace declares, where every gateway endpoint of the VPC is visible.
 */
import { evaluateRef, exists, vpcOf } from '../model';
import { endpointView, hasPrivateDns, vpcLabel } from '../analysis';
import { nodeAtPath } from '../syntax';
import { literalString } from '../template';
import { endpointReport, forEachEndpoint, quoted } from './helpers';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 's3-interface-private-dns-needs-gateway',
    description: 'An S3 interface endpoint with private DNS only for inbound resolver endpoints needs an S3 gateway endpoint in the same VPC.',
    category: 'beyond-vpc',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    return forEachEndpoint(ctx, (view, scenario) => {
      if (!hasPrivateDns(view) || !view.serviceName.known || view.serviceName.value.service !== 's3') return undefined;
      const vpc = view.vpc.vpc;
      if (!vpc) return undefined;
      const endpoint = view.endpoint;
      const options = evaluateRef(endpoint.dnsOptions, scenario);
      if (options?.kind !== 'map') return undefined;
      const setting = options.entries.get('PrivateDnsOnlyForInboundResolverEndpoint');
      if (!setting || literalString(setting)?.toLowerCase() !== 'onlyinboundresolver') return undefined;
      for (const other of ctx.model.vpcEndpoints) {
        if (other === endpoint) continue;
        // An endpoint whose VPC is unknown might be the gateway endpoint of this one.
        const otherVpc = vpcOf(ctx.model, other, scenario).key;
        if (otherVpc === undefined) return undefined;
        if (otherVpc !== view.vpc.key || !exists(other, scenario)) continue;
        const otherView = endpointView(ctx.model, other, scenario);
        if (!otherView.type.known || !otherView.serviceName.known) return undefined;
        if (otherView.type.value === 'Gateway' && otherView.serviceName.value.service === 's3') return undefined;
      }
      const node = endpoint.dnsOptions ? (nodeAtPath(endpoint.dnsOptions.node, ['PrivateDnsOnlyForInboundResolverEndpoint']) ?? endpoint.dnsOptions.node) : undefined;
      return endpointReport(
        endpoint,
        node ? node.range : endpoint.resource.keyNode.range,
        `S3 interface endpoint ${quoted(endpoint)} answers private DNS only for inbound resolver endpoints, which sends traffic from inside VPC ${vpcLabel(view.vpc)} to an S3 gateway endpoint, but the VPC has none, so the stack will fail.`,
        { data: { endpoint: endpoint.id, vpc: vpc.id } },
      );
    });
  },
};
