/**
 * `nacl-blocks-endpoint`: network ACLs are stateless and evaluated in rule-number order with a final
 * deny, so the path from a client to a private-DNS endpoint needs four decisions: requests out of the
 * client's subnet and into the endpoint's on TCP 443, replies out of the endpoint's subnet and into
 * the client's on the ephemeral ports. Reported on the entry that denies, or on the ACL whose final
 * deny decides, naming both subnets; one finding per denying place, direction and endpoint.
 */
import { type EntityBase, type NetworkAclEntry, type NetworkModel, type Subnet, type VpcEndpoint } from '../model';
import { describePorts, type Blocker, type Client, type EndpointView, type HopResult } from '../analysis';
import type { Scenario } from '../template';
import { capitalize, capturedClients, exploreItems, itemConditions, keyRange, listNames, qualify, quoted, relatedResource, type ExploredItem } from './helpers';
import type { Report, Rule } from './rule';

interface BlockedHop {
  readonly client: Client;
  readonly hop: HopResult;
  readonly blocker: Blocker;
  /** Where the finding goes: the denying entry, or the ACL whose final deny decides. */
  readonly place: EntityBase;
  readonly view: EndpointView;
}

export const rule: Rule = {
  meta: {
    id: 'nacl-blocks-endpoint',
    description: 'A network ACL drops the requests or the replies between a client in the VPC and a private-DNS interface endpoint.',
    category: 'path',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const reports: Report[] = [];
    for (const endpoint of ctx.model.vpcEndpoints) {
      const items = exploreItems(ctx, (scenario) => blockedHops(ctx.model, endpoint, scenario));
      const groups = new Map<string, ExploredItem<BlockedHop>[]>();
      for (const item of items) {
        const { place, hop } = item.value;
        const key = `${place.id}|${hop.hop}|${hop.direction ?? ''}|${hop.ports.from}`;
        const list = groups.get(key) ?? [];
        list.push(item);
        groups.set(key, list);
      }
      for (const list of groups.values()) reports.push(reportOf(list));
    }
    return reports;
  },
};

function* blockedHops(model: NetworkModel, endpoint: VpcEndpoint, scenario: Scenario): Generator<readonly [string, BlockedHop]> {
  const captured = capturedClients(model, endpoint, scenario, ['client-subnet-acl', 'endpoint-subnet-acl']);
  if (!captured) return;
  const view = captured.view;
  for (const { client, reach: result } of captured.clients) {
    for (const hop of result.blocked) {
      if (hop.verdict.kind !== 'blocked') continue;
      const blocker = hop.verdict.by;
      const place = placeOf(blocker);
      if (!place) continue;
      const key = [place.id, hop.hop, hop.direction, hop.ports.from, client.id, hop.clientSubnet.id, hop.endpointSubnet?.id].join('|');
      yield [key, { client, hop, blocker, place, view }];
    }
  }
}

function placeOf(blocker: Blocker): EntityBase | undefined {
  if (blocker.kind === 'acl-entry') return blocker.entry;
  if (blocker.kind === 'acl-final-deny' && blocker.acl.kind === 'declared') return blocker.acl.networkAcl;
  return undefined;
}

function reportOf(items: readonly ExploredItem<BlockedHop>[]): Report {
  const first = (items[0] as ExploredItem<BlockedHop>).value;
  const { hop, blocker, place, view } = first;
  const endpoint = view.endpoint;
  const clientSubnets = unique(items.map((item) => item.value.hop.clientSubnet));
  const endpointSubnets = unique(items.flatMap((item) => (item.value.hop.endpointSubnet ? [item.value.hop.endpointSubnet] : [])));
  const subnets = (list: readonly Subnet[]): string => `${list.length === 1 ? 'subnet' : 'subnets'} ${listNames(list.map(quoted))}`;
  const clientSide = subnets(clientSubnets);
  const endpointSide = `endpoint ${quoted(endpoint)} in ${subnets(endpointSubnets)}`;
  const isRequest = hop.ports.from === 443;
  const traffic = isRequest
    ? `${hop.direction} ${describePorts(hop.ports)} from ${clientSide} to ${endpointSide}`
    : `${hop.direction} replies on ${describePorts(hop.ports)} from ${endpointSide} to ${clientSide}`;
  const acl = blocker.kind === 'acl-entry' && blocker.acl.kind === 'declared' ? blocker.acl.networkAcl : blocker.kind === 'acl-final-deny' && blocker.acl.kind === 'declared' ? blocker.acl.networkAcl : undefined;
  const subject =
    blocker.kind === 'acl-entry'
      ? `Network ACL entry ${quoted(place)} (rule ${blocker.ruleNumber}${acl ? ` of ${quoted(acl)}` : ' of the default network ACL'}) denies ${traffic}`
      : `Network ACL ${quoted(place)} has no entry that allows ${traffic}`;
  // Name each client once, with the conditions of its first blocked path.
  const seen = new Set<string>();
  const clientItems = items.filter((item) => !seen.has(item.value.client.id) && seen.add(item.value.client.id));
  const conditions = itemConditions(items);
  const clientConditions = itemConditions(clientItems);
  const names = clientItems.map((item) => clientConditions.nameOf(item, item.value.client.kind === 'subnet' ? `subnet ${quoted(item.value.client.entity)}` : quoted(item.value.client.entity)));
  const message = `${subject}, so calls from ${listNames(names)} to ${view.displayName} will time out.`;
  return {
    file: place.file,
    range: keyRange(place),
    logicalId: place.logicalId,
    message: qualify(message, conditions.shared),
    severity: clientItems.some((item) => item.value.client.kind === 'workload') ? 'error' : 'warning',
    related: [
      relatedResource(endpoint, `Endpoint ${quoted(endpoint)} answers ${view.displayName} for the whole VPC.`),
      ...(acl && acl !== place ? [relatedResource(acl, `Network ACL ${quoted(acl)} holds the entry.`)] : []),
      ...clientItems.map((item) => relatedResource(item.value.client.entity, `${capitalize(item.value.client.kind === 'subnet' ? `subnet ${quoted(item.value.client.entity)}` : quoted(item.value.client.entity))} calls ${view.displayName} through this path.`)),
    ],
    data: {
      endpoint: endpoint.id,
      hop: hop.hop,
      direction: hop.direction,
      ports: hop.ports,
      ...(acl ? { networkAcl: acl.id } : {}),
      ...(blocker.kind === 'acl-entry' ? { entry: (blocker.entry as NetworkAclEntry).id, ruleNumber: blocker.ruleNumber } : {}),
      clientSubnets: clientSubnets.map((subnet) => subnet.id),
      endpointSubnets: endpointSubnets.map((subnet) => subnet.id),
      clients: clientItems.map((item) => item.value.client.id),
    },
    ...(conditions.shared ? { conditions: conditions.shared } : {}),
  };
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}
