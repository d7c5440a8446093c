/**
 * `endpoint-sg-blocks-vpc-clients`: with private DNS on, the service's default name resolves to the
 * endpoint's interfaces in every subnet of the VPC, so every client in the VPC must be admitted on
 * TCP 443 by at least one of the endpoint's security groups, or its calls to the service time out.
 * One finding per endpoint, on its `SecurityGroupIds`, naming the clients that are not admitted.
 */
import { vpcOf, type Subnet, type Workload } from '../model';
import { endpointGroupsOf, endpointView, groupLabel, subnetCidr, vpcLabel, type Client, type EndpointView, type GroupHandle } from '../analysis';
import type { Scenario } from '../template';
import {
  capturedClients,
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
import { addGroupRule, addGroupRules, dedicatedGroupIntents, entityFromData, httpsRule, standaloneRule, vpcCidrValue } from './fix-helpers';
import type { Fix, RelatedLocation, Report, Rule, TemplateValue } from './rule';

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
  fix(ctx, finding) {
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    if (!endpoint) return [];
    const groups = Array.isArray(finding.data?.endpointGroups) ? (finding.data.endpointGroups as { kind?: string; id?: string }[]) : [];
    const own = groups.flatMap((group) => {
      const entity = group.kind === 'declared' && typeof group.id === 'string' ? ctx.model.byId.get(group.id) : undefined;
      return entity?.kind === 'securityGroup' ? [entity] : [];
    });
    const vpc = vpcOf(ctx.model, endpoint).vpc;
    const target = own[0];
    if (!target) {
      // The endpoint has no group of its own (none, or only the VPC's default): give it one.
      const list = endpoint.securityGroupIds?.node;
      const replace = list?.kind === 'seq' && list.items.length === 1 ? list.items[0] : undefined;
      const created = dedicatedGroupIntents(ctx, endpoint, replace);
      return created ? [{ title: `Create security group "${created.groupId}" that admits HTTPS from the VPC, and use it for ${quoted(endpoint)}`, preferred: true, intents: created.intents }] : [];
    }
    const fixes: Fix[] = [];
    const cidr = vpcCidrValue(vpc, target.file);
    if (cidr !== undefined) {
      fixes.push({
        title: `Admit HTTPS from the whole VPC${vpc ? ` ${quoted(vpc)}` : ''} in ${quoted(target)}`,
        preferred: true,
        intents: addGroupRule(ctx, target, 'ingress', httpsRule({ CidrIp: cidr }, `HTTPS from every subnet of ${vpc?.logicalId ?? 'the VPC'}, where private DNS answers with the endpoints`)),
      });
    }
    const blocked = Array.isArray(finding.data?.blockedClients) ? (finding.data.blockedClients as BlockedClientData[]) : [];
    const template = ctx.files.get(target.file)?.template;
    const clientGroups = uniqueBy(
      blocked.flatMap((client) => (client.kind === 'workload' ? (client.groups ?? []) : [])).filter((group) => group.file === target.file && typeof group.logicalId === 'string'),
      (group) => group.logicalId ?? '',
    );
    const onlyWorkloads = blocked.length > 0 && blocked.every((client) => client.kind === 'workload' && (client.groups ?? []).some((group) => group.file === target.file));
    if (template && clientGroups.length > 0 && onlyWorkloads) {
      const used = new Set<string>();
      fixes.push({
        title: `Admit HTTPS from the security ${clientGroups.length === 1 ? 'group' : 'groups'} of the blocked clients (${listNames(clientGroups.map((group) => `"${group.logicalId}"`))}) in ${quoted(target)}`,
        preferred: cidr === undefined,
        intents: clientGroups.map((group) =>
          standaloneRule(
            template,
            target,
            'ingress',
            httpsRule({ SourceSecurityGroupId: { 'Fn::GetAtt': [group.logicalId as string, 'GroupId'] } }, `HTTPS from ${group.logicalId} to endpoint ${endpoint.logicalId}`),
            `${target.logicalId}From${group.logicalId}`,
            used,
          ),
        ),
      });
    }
    const subnets = uniqueBy(blocked.flatMap((client) => client.subnets ?? []), (subnet) => subnet.id ?? '');
    const subnetPeers = subnets.flatMap((subnet) => {
      const entity = typeof subnet.id === 'string' ? ctx.model.byId.get(subnet.id) : undefined;
      const peer: TemplateValue | undefined = entity?.kind === 'subnet' && entity.file === target.file ? { 'Fn::GetAtt': [entity.logicalId, 'CidrBlock'] } : subnet.cidr;
      return peer === undefined ? [] : [httpsRule({ CidrIp: peer }, `HTTPS from subnet ${subnet.logicalId ?? ''}`)];
    });
    if (subnets.length > 0 && subnetPeers.length === subnets.length) {
      fixes.push({
        title: `Admit HTTPS from ${subnets.length === 1 ? 'subnet' : 'subnets'} ${listNames(subnets.map((subnet) => `"${subnet.logicalId}"`))} in ${quoted(target)}`,
        preferred: false,
        intents: addGroupRules(ctx, target, 'ingress', subnetPeers),
      });
    }
    return fixes;
  },
};

function* blockedClients(model: Parameters<typeof endpointView>[0], endpoint: Parameters<typeof endpointView>[1], scenario: Scenario): Generator<readonly [string, BlockedClient]> {
  const captured = capturedClients(model, endpoint, scenario, ['endpoint-ingress']);
  if (!captured) return;
  const view = captured.view;
  const groups = endpointGroupsOf(model, view);
  for (const { client, reach: result } of captured.clients) {
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

interface BlockedClientData {
  readonly kind?: string;
  readonly groups?: readonly { readonly logicalId?: string; readonly file?: string }[];
  readonly subnets?: readonly { readonly id?: string; readonly logicalId?: string; readonly cidr?: string }[];
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

