/**
 * `endpoint-sg-blocks-vpc-clients`: with private DNS on, the service's default name resolves to the
 * endpoint's interfaces in every subnet of the VPC, so every client in the VPC must be admitted on
 * TCP 443 by at least one of the endpoint's security groups, or its calls to the service time out.
 * One finding per endpoint, on its `SecurityGroupIds`, naming the clients that are not admitted.
 */
import { exists, type Subnet, type Workload } from '../model';
import { captures, endpointGroupsOf, endpointView, groupLabel, hasPrivateDns, reach, subnetCidr, vpcLabel, type Client, type EndpointView, type GroupHandle } from '../analysis';
import type { Scenario } from '../template';
import {
  clientLabel,
  endpointReport,
  exploreItems,
  itemConditions,
  capitalize,
  keyRange,
  listNames,
  qualify,
  quoted,
  relatedResource,
  serviceCallsTitle,
  valueRange,
  type ExploredItem,
} from './helpers';
import type { RelatedLocation, Report, Rule } from './rule';

interface BlockedClient {
  readonly client: Client;
  /** The client's subnets whose addresses the endpoint's groups do not admit. */
  readonly subnets: readonly Subnet[];
  readonly label: string;
  readonly groups: readonly GroupHandle[];
  readonly defaulted: boolean;
  readonly view: EndpointView;
  readonly data: Readonly<Record<string, unknown>>;
}

export const rule: Rule = {
  meta: {
    id: 'endpoint-sg-blocks-vpc-clients',
    description: "An interface endpoint with private DNS on captures the service's name in every subnet of its VPC, but its security groups do not admit every client there on TCP 443.",
    category: 'endpoint',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    const reports: Report[] = [];
    for (const endpoint of ctx.model.vpcEndpoints) {
      const items = exploreItems(ctx, (scenario) => blockedClients(ctx.model, endpoint, scenario));
      const report = reportOf(items);
      if (report) reports.push(report);
    }
    return reports;
  },
};

function* blockedClients(model: Parameters<typeof endpointView>[0], endpoint: Parameters<typeof endpointView>[1], scenario: Scenario): Generator<readonly [string, BlockedClient]> {
  if (!exists(endpoint, scenario)) return;
  const view = endpointView(model, endpoint, scenario);
  if (!hasPrivateDns(view)) return;
  const capture = captures(model, view, scenario);
  if (!capture.known) return;
  const groups = endpointGroupsOf(model, view);
  for (const client of capture.value.clients) {
    const result = reach(model, client, view, scenario, { hops: ['endpoint-ingress'] });
    const subnets = [...new Set(result.blocked.map((hop) => hop.clientSubnet))];
    if (subnets.length === 0) continue;
    yield [
      client.id,
      {
        client,
        subnets,
        label: clientLabel(client, subnets, scenario),
        groups: groups.handles,
        defaulted: groups.defaulted,
        view,
        data: clientData(client, subnets, scenario),
      },
    ];
  }
}

function clientData(client: Client, subnets: readonly Subnet[], scenario: Scenario): Readonly<Record<string, unknown>> {
  return {
    id: client.id,
    logicalId: client.entity.logicalId,
    kind: client.kind,
    ...(client.kind === 'workload' ? { workloadKind: (client.entity as Workload).workloadKind } : {}),
    groups: client.groups.values.map((value) => (value.kind === 'ref' ? { logicalId: value.target.logicalId, file: value.target.file } : { value: value.kind === 'string' ? value.value : value.kind })),
    subnets: subnets.map((subnet) => {
      const cidr = subnetCidr(subnet, 'ipv4', scenario);
      return { id: subnet.id, logicalId: subnet.logicalId, ...(cidr.known ? { cidr: cidr.value.text } : {}) };
    }),
  };
}

function reportOf(found: readonly ExploredItem<BlockedClient>[]): Report | undefined {
  // Clients blocked in every combination of conditions come first.
  const items = [...found].sort((a, b) => Number(a.conditions !== undefined) - Number(b.conditions !== undefined));
  const first = items[0];
  if (!first) return undefined;
  const { view, groups, defaulted } = first.value;
  const endpoint = view.endpoint;
  const conditions = itemConditions(items);
  const names = items.map((item) => conditions.nameOf(item, item.value.label));
  const declaredGroups = groups.filter((group) => group.kind === 'declared');
  const groupText = defaulted
    ? `the default security group of ${vpcLabel(view.vpc)} that it gets without SecurityGroupIds does not admit`
    : groups.length === 1 && groups[0]?.kind === 'default'
      ? `${groupLabel(groups[0])} that it uses does not admit`
      : groups.length === 1
        ? `its security group ${groupLabel(groups[0] as GroupHandle)} does not admit`
      : `none of its security groups ${listNames(groups.map(groupLabel))} admits`;
  const service = view.serviceName.known ? view.serviceName.value.service : undefined;
  const title = serviceCallsTitle(service, items.map((item) => item.value.client));
  const whose = items.length === 1 ? 'its' : 'their';
  const consequence = title ? `${whose} ${title} calls will time out` : `${whose} calls to ${view.displayName} will time out`;
  const message = `Private DNS makes ${view.displayName} resolve to ${quoted(endpoint)} in every subnet of ${vpcLabel(view.vpc)}, but ${groupText} TCP 443 from ${listNames(names)}: ${consequence}.`;
  const groupNames = defaulted ? 'the default security group' : listNames(groups.map(groupLabel));
  const related: RelatedLocation[] = [
    ...items.map((item) => relatedResource(item.value.client.entity, `${capitalize(item.value.label)} is not admitted on TCP 443 by ${groupNames}.`)),
    ...declaredGroups.map((group) => relatedResource(group.group, `Security group ${quoted(group.group)} has no rule that admits these clients on TCP 443.`)),
  ];
  return endpointReport(endpoint, endpoint.securityGroupIds ? valueRange(endpoint, endpoint.securityGroupIds) : keyRange(endpoint), qualify(message, conditions.shared), {
    severity: items.some((item) => item.value.client.kind === 'workload') ? 'error' : 'warning',
    related,
    data: {
      endpoint: endpoint.id,
      endpointLogicalId: endpoint.logicalId,
      vpc: { key: view.vpc.key, ...(view.vpc.vpc ? { id: view.vpc.vpc.id, logicalId: view.vpc.vpc.logicalId } : {}) },
      dnsName: view.displayName,
      ...(service !== undefined ? { service } : {}),
      securityGroupIdsDeclared: endpoint.securityGroupIds !== undefined,
      endpointGroups: groups.map((group) => ({
        kind: group.kind,
        ...(group.key !== undefined ? { key: group.key } : {}),
        ...(group.kind === 'declared' ? { id: group.group.id, logicalId: group.group.logicalId } : {}),
      })),
      blockedClients: items.map((item) => ({ ...item.value.data, ...(item.conditions ? { conditions: item.conditions } : {}) })),
    },
    ...(conditions.shared ? { conditions: conditions.shared } : {}),
  });
}
