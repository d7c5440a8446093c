/**
 * `client-egress-blocks-endpoint`: a security group with explicit `SecurityGroupEgress` loses
 * CloudFormation's allow-all egress, so a client whose groups allow no TCP 443 egress to the
 * endpoint's subnets (by CIDR) or security groups cannot open the connection that private DNS sends
 * it to. Reported on the client's security group, one finding per group and endpoint.
 */
import { vpcOf, type NetworkModel, type Subnet, type VpcEndpoint, type Workload } from '../model';
import { evidentlyCalls, type Client, type EndpointView, type GroupHandle } from '../analysis';
import { pairOf } from '../syntax';
import type { Scenario } from '../template';
import { capturedClients, exploreItems, itemConditions, keyRange, listNames, qualify, quoted, relatedResource, type ExploredItem } from './helpers';
import { addGroupRule, entityFromData, httpsRule, standaloneRule, vpcCidrValue } from './fix-helpers';
import type { Fix, Report, Rule } from './rule';

interface BlockedEgress {
  readonly client: Client;
  readonly view: EndpointView;
  /** The client's security groups, none of which allows the connection. */
  readonly groups: readonly GroupHandle[];
  /** The endpoint subnets the connection cannot reach; undefined items for subnets the workspace does not declare. */
  readonly endpointSubnets: readonly (Subnet | undefined)[];
  readonly evident: boolean;
}

export const rule: Rule = {
  meta: {
    id: 'client-egress-blocks-endpoint',
    description: "A client's security groups allow no TCP 443 egress to an interface endpoint that private DNS sends its calls to.",
    category: 'path',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(ctx) {
    const reports: Report[] = [];
    for (const endpoint of ctx.model.vpcEndpoints) {
      const items = exploreItems(ctx, (scenario) => blockedEgress(ctx.model, endpoint, scenario));
      // One finding per security group that would have to change: the client's first declared group.
      const byGroup = new Map<string, ExploredItem<BlockedEgress>[]>();
      for (const item of items) {
        const group = item.value.groups.find((handle) => handle.kind === 'declared');
        if (!group || group.kind !== 'declared') continue;
        const list = byGroup.get(group.group.id) ?? [];
        list.push(item);
        byGroup.set(group.group.id, list);
      }
      for (const list of byGroup.values()) reports.push(reportOf(list));
    }
    return reports;
  },
  fix(ctx, finding) {
    const owner = entityFromData(ctx, finding.data, 'securityGroup', 'securityGroup');
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    if (!owner || !endpoint) return [];
    const fixes: Fix[] = [];
    // A standalone egress rule to the endpoint's group: the narrowest opening, and no circular reference
    // between two groups that name each other inline.
    const endpointGroup = (Array.isArray(finding.data?.endpointGroups) ? (finding.data.endpointGroups as unknown[]) : [])
      .map((key) => (typeof key === 'string' && key.startsWith('ref:') ? ctx.model.byId.get(key.slice(4)) : undefined))
      .find((entity) => entity?.kind === 'securityGroup' && entity.file === owner.file);
    const template = ctx.files.get(owner.file)?.template;
    if (endpointGroup && template) {
      fixes.push({
        title: `Allow HTTPS from ${quoted(owner)} to the security group ${quoted(endpointGroup)} of endpoint ${quoted(endpoint)}`,
        preferred: true,
        intents: [
          standaloneRule(
            template,
            owner,
            'egress',
            httpsRule({ DestinationSecurityGroupId: { 'Fn::GetAtt': [endpointGroup.logicalId, 'GroupId'] } }, `HTTPS to endpoint ${endpoint.logicalId}`),
            `${owner.logicalId}To${endpointGroup.logicalId}`,
          ),
        ],
      });
    }
    const cidr = vpcCidrValue(vpcOf(ctx.model, endpoint).vpc, owner.file);
    if (cidr !== undefined) {
      fixes.push({
        title: `Allow HTTPS from ${quoted(owner)} to the whole VPC`,
        preferred: fixes.length === 0,
        intents: addGroupRule(ctx, owner, 'egress', httpsRule({ CidrIp: cidr }, 'HTTPS to the VPC, where private DNS answers with the endpoints')),
      });
    }
    return fixes;
  },
};

function* blockedEgress(model: NetworkModel, endpoint: VpcEndpoint, scenario: Scenario): Generator<readonly [string, BlockedEgress]> {
  const captured = capturedClients(model, endpoint, scenario, ['client-egress']);
  if (!captured) return;
  const view = captured.view;
  const service = view.serviceName.known ? view.serviceName.value.service : undefined;
  for (const { client, reach: result } of captured.clients) {
    if (client.kind !== 'workload') continue;
    const blocked = result.blocked.filter((hop) => hop.verdict.kind === 'blocked' && hop.verdict.by.kind === 'no-rule');
    const first = blocked[0];
    if (!first || first.verdict.kind !== 'blocked' || first.verdict.by.kind !== 'no-rule') continue;
    yield [
      client.id,
      {
        client,
        view,
        groups: first.verdict.by.groups,
        endpointSubnets: [...new Set(blocked.map((hop) => hop.endpointSubnet))],
        evident: service !== undefined && evidentlyCalls(model, client.entity as Workload, service, scenario),
      },
    ];
  }
}

function reportOf(items: readonly ExploredItem<BlockedEgress>[]): Report {
  const first = items[0] as ExploredItem<BlockedEgress>;
  const { view, groups } = first.value;
  const endpoint = view.endpoint;
  const declared = groups.flatMap((group) => (group.kind === 'declared' ? [group.group] : []));
  const owner = declared[0] as (typeof declared)[number];
  const conditions = itemConditions(items);
  const clients = items.map((item) => conditions.nameOf(item, quoted(item.value.client.entity)));
  const subnets = [...new Set(items.flatMap((item) => item.value.endpointSubnets))];
  const target = subnets.some((subnet) => subnet === undefined)
    ? `endpoint ${quoted(endpoint)}`
    : `the ${subnets.length === 1 ? 'interface' : 'interfaces'} of endpoint ${quoted(endpoint)} in ${subnets.length === 1 ? 'subnet' : 'subnets'} ${listNames(subnets.map((subnet) => quoted(subnet as Subnet)))}`;
  const subject = declared.length === 1 ? `Security group ${quoted(owner)} allows` : `Security groups ${listNames(declared.map(quoted))} allow`;
  const message = `${subject} no TCP 443 egress to ${target}, so ${listNames(clients)} cannot open connections to ${view.displayName}, which private DNS points at the endpoint.`;
  const egressKey = pairOf(owner.resource.properties, 'SecurityGroupEgress');
  return {
    file: owner.file,
    range: egressKey ? egressKey.key.range : keyRange(owner),
    logicalId: owner.logicalId,
    message: qualify(message, conditions.shared),
    severity: items.some((item) => item.value.evident) ? 'error' : 'warning',
    related: [
      relatedResource(endpoint, `Endpoint ${quoted(endpoint)} answers ${view.displayName} for the whole VPC.`),
      ...items.map((item) => relatedResource(item.value.client.entity, `${quoted(item.value.client.entity)} carries ${listNames(declared.map(quoted))}.`)),
    ],
    data: {
      endpoint: endpoint.id,
      securityGroup: owner.id,
      securityGroups: declared.map((group) => group.id),
      endpointGroups: view.securityGroups.items.map((item) => (item.value.kind === 'ref' ? `ref:${item.value.target.file}#${item.value.target.logicalId}` : item.value.kind)),
      endpointSubnets: subnets.flatMap((subnet) => (subnet ? [subnet.id] : [])),
      clients: items.map((item) => item.value.client.id),
      ...(view.vpc.vpc ? { vpc: view.vpc.vpc.id } : {}),
    },
    ...(conditions.shared ? { conditions: conditions.shared } : {}),
  };
}
