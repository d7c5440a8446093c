/**
 * `endpoint-vpc-mismatch`: an endpoint's subnets and security groups must belong to the endpoint's
 * `VpcId`. Reported only when the VPCs certainly differ: two declared VPCs, two literal ids, or a
 * security group without `VpcId` (created in the region's default VPC) for a VPC the template declares.
 */
import { securityGroupOf, subnetOf, vpcOf, type VpcHandle } from '../model';
import { isInterface, vpcLabel } from '../analysis';
import { endpointReport, forEachEndpoint, quoted, relatedResource } from './helpers';
import type { Report, Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'endpoint-vpc-mismatch',
    description: "An endpoint's subnets or security groups belong to another VPC than the endpoint's VpcId.",
    category: 'endpoint',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    return forEachEndpoint(ctx, (view, scenario) => {
      const type = view.type.known ? view.type.value : undefined;
      if (!isInterface(view) && type !== 'GatewayLoadBalancer') return undefined;
      if (view.vpc.key === undefined) return undefined;
      const endpoint = view.endpoint;
      const reports: Report[] = [];
      const endpointVpc = `VPC ${vpcLabel(view.vpc)} of endpoint ${quoted(endpoint)}`;
      view.subnets.items.forEach((item, index) => {
        const subnet = subnetOf(ctx.model, item.value);
        if (!subnet) return;
        const own = vpcOf(ctx.model, subnet, scenario);
        if (!certainlyDifferent(own, view.vpc)) return;
        reports.push(
          endpointReport(endpoint, item.node.range, `Subnet ${quoted(subnet)} is in VPC ${vpcLabel(own)}, not in ${endpointVpc}, so the stack will fail.`, {
            related: [relatedResource(subnet, `Subnet ${quoted(subnet)} belongs to VPC ${vpcLabel(own)}.`, subnet.vpcId?.node)],
            data: { endpoint: endpoint.id, property: 'SubnetIds', index, subnet: subnet.id },
          }),
        );
      });
      view.securityGroups.items.forEach((item, index) => {
        const group = securityGroupOf(ctx.model, item.value);
        if (!group) return;
        if (!group.vpcId) {
          // A group without VpcId goes into the region's default VPC, which no template declares.
          if (!view.vpc.vpc) return;
          reports.push(
            endpointReport(endpoint, item.node.range, `Security group ${quoted(group)} has no VpcId, so it is created in the region's default VPC, not in ${endpointVpc}, and the stack will fail.`, {
              related: [relatedResource(group, `Security group ${quoted(group)} sets no VpcId.`)],
              data: { endpoint: endpoint.id, property: 'SecurityGroupIds', index, securityGroup: group.id, missingVpcId: true },
            }),
          );
          return;
        }
        const own = vpcOf(ctx.model, group, scenario);
        if (!certainlyDifferent(own, view.vpc)) return;
        reports.push(
          endpointReport(endpoint, item.node.range, `Security group ${quoted(group)} belongs to VPC ${vpcLabel(own)}, not to ${endpointVpc}, so the stack will fail.`, {
            related: [relatedResource(group, `Security group ${quoted(group)} belongs to VPC ${vpcLabel(own)}.`, group.vpcId.node)],
            data: { endpoint: endpoint.id, property: 'SecurityGroupIds', index, securityGroup: group.id },
          }),
        );
      });
      return reports;
    });
  },
};

/** Two declared VPCs, or two literal VPC ids, that differ. A literal id may be a declared VPC once deployed. */
function certainlyDifferent(a: VpcHandle, b: VpcHandle): boolean {
  if (a.key === undefined || b.key === undefined || a.key === b.key) return false;
  if (a.vpc && b.vpc) return true;
  return a.key.startsWith('s:') && b.key.startsWith('s:');
}
