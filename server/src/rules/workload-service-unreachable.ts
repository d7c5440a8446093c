/**
 * `workload-service-unreachable`: a workload in a subnet without a route to an internet or NAT
 * gateway evidently calls a service (an SSM-managed instance profile, an ECR image, a policy naming
 * the service, a secret in its task definition…) for which its VPC has no endpoint, so the call
 * cannot leave the subnet. For S3 and DynamoDB a gateway endpoint on the subnet's route table meets
 * the need; a gateway endpoint that misses the route table is `gateway-endpoint-route-tables-missing`'s
 * finding, and the missing members of an endpoint set in use are `endpoint-set-incomplete`'s.
 */
import {
  endpointView,
  hasPrivateDns,
  incompleteSets,
  serviceTitle,
  vpcLabel,
  vpcDns,
  workloadNeeds,
  type EndpointKind,
  type Need,
} from '../analysis';
import { declaredVpcHandle, exists, listOf, subnetOf, vpcOf, type NetworkModel, type Subnet, type VpcHandle, type Workload } from '../model';
import { ANY_SCENARIO, type Scenario } from '../template';
import { declaresEndpoint, endpointIdBase, gatewayEndpointIn, interfaceAnchor, interfaceEndpointLike, prefersGateway, routeTablesFor, serviceNameValue, subnetPerZone } from './endpoint-additions';
import { entityFromData, freeLogicalId } from './fix-helpers';
import { exploreItems, itemConditions, keyRange, listNames, qualify, quoted, workloadInSubnets, type ExploredItem } from './helpers';
import type { EditIntent, Fix, RelatedLocation, Report, Rule, RuleContext, TemplateValue } from './rule';

interface UnmetNeed {
  readonly workload: Workload;
  readonly need: Need;
  /** The workload's subnets without a route to the internet, from which the need is not met. */
  readonly closed: readonly Subnet[];
  readonly vpcLabel: string;
}

export const rule: Rule = {
  meta: {
    id: 'workload-service-unreachable',
    description: 'A workload in a subnet without a route to the internet calls a service for which its VPC has no endpoint.',
    category: 'workload',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(ctx) {
    const reports: Report[] = [];
    const covered = new Map<string, Set<string>>();
    for (const workload of ctx.model.workloads) {
      const items = exploreItems(ctx, (scenario) => unmetNeeds(ctx.model, workload, scenario, covered));
      if (items.length > 0) reports.push(reportOf(ctx.model, items, hintsOf(ctx.model, workload, items)));
    }
    return reports;
  },
  fix(ctx, finding) {
    const workload = entityFromData(ctx, finding.data, 'workload', 'workload');
    const vpc = entityFromData(ctx, finding.data, 'vpc', 'vpc');
    const services = finding.data?.services;
    const hints = Array.isArray(finding.data?.hints) ? (finding.data?.hints as { service: string; endpointKind: EndpointKind }[]) : [];
    if (!workload || !vpc || !Array.isArray(services)) return [];
    return fixesFor(ctx, vpc, [...(services as { service: string; endpointKind: EndpointKind }[]), ...hints]);
  },
};

function* unmetNeeds(model: NetworkModel, workload: Workload, scenario: Scenario, coveredByVpc: Map<string, Set<string>>): Generator<readonly [string, UnmetNeed]> {
  if (!exists(workload, scenario)) return;
  const view = workloadNeeds(model, workload, scenario);
  // Only in a VPC the workspace declares are all of its endpoints visible.
  if (!view.vpc?.vpc || !view.services || view.needs.length === 0) return;
  const { vpc, services } = view;
  let covered: Set<string> | undefined;
  for (const entry of view.needs) {
    if (entry.need.level !== 'required') continue;
    const closed = entry.subnets.filter((place) => place.met.kind === 'nothing').map((place) => place.subnet);
    if (closed.length === 0) continue;
    // A gateway endpoint that misses the subnet's route table is the other rule's finding.
    if (entry.need.endpointKind !== 'interface' && (services.gateways.get(entry.need.service) ?? []).length > 0) continue;
    covered ??= coveredBySets(model, vpc, coveredByVpc);
    if (covered.has(entry.need.service)) continue;
    yield [`${workload.id}\u0000${entry.need.service}`, { workload, need: entry.need, closed, vpcLabel: vpcLabel(vpc) }];
  }
}

/**
 * The services that endpoint-set-incomplete reports as missing members of a set in use in the VPC,
 * in any combination of conditions: those are its findings, not this rule's. Computed once per VPC
 * and check (`byVpc`): reading every workload's needs under each workload's own scenarios would be quadratic.
 */
function coveredBySets(model: NetworkModel, vpc: VpcHandle, byVpc: Map<string, Set<string>>): Set<string> {
  const key = vpc.key ?? '';
  let covered = byVpc.get(key);
  if (!covered) {
    covered = new Set(incompleteSets(model, vpc, ANY_SCENARIO).flatMap((set) => set.missing.filter((missing) => missing.level === 'required').map((missing) => missing.member.service)));
    byVpc.set(key, covered);
  }
  return covered;
}

/** `Secrets Manager (secretsmanager)`, or the service id alone when it has no title. */
function serviceName(service: string): string {
  const title = serviceTitle(service);
  return title === service ? service : `${title} (${service})`;
}

/**
 * The hints of the endpoint sets the unmet needs belong to (a KMS endpoint for Session Manager), not
 * met from the workload's subnets: the fix adds them with the set, so that the set is complete.
 */
function hintsOf(model: NetworkModel, workload: Workload, items: readonly ExploredItem<UnmetNeed>[]): { service: string; endpointKind: EndpointKind }[] {
  const sets = new Set(items.flatMap((item) => item.value.need.sets));
  if (sets.size === 0) return [];
  return workloadNeeds(model, workload, ANY_SCENARIO)
    .needs.filter((entry) => entry.need.level === 'hint' && entry.need.sets.some((set) => sets.has(set)) && entry.subnets.some((place) => place.met.kind === 'nothing'))
    .map((entry) => ({ service: entry.need.service, endpointKind: entry.need.endpointKind }));
}

function reportOf(model: NetworkModel, items: readonly ExploredItem<UnmetNeed>[], hints: readonly { service: string; endpointKind: EndpointKind }[]): Report {
  const first = items[0] as ExploredItem<UnmetNeed>;
  const workload = first.value.workload;
  const conditions = itemConditions(items);
  const closed = [...new Set(items.flatMap((item) => item.value.closed))];
  const names = items.map((item) => conditions.nameOf(item, serviceName(item.value.need.service)));
  const them = items.length === 1 ? 'it' : 'them';
  const place = workloadInSubnets(workload, closed, ANY_SCENARIO);
  const subnets = closed.length === 1 ? 'its subnet has' : 'its subnets have';
  const message = `${place} calls ${listNames(names, names.length)}, but ${subnets} no route to the internet and VPC ${first.value.vpcLabel} has no endpoint for ${them}, so ${items.length === 1 ? 'these calls' : 'those calls'} cannot leave the ${closed.length === 1 ? 'subnet' : 'subnets'}.`;
  const related: RelatedLocation[] = [];
  for (const item of items) {
    const evidence = item.value.need.evidence[0];
    const resource = evidence ? model.templates.get(evidence.file)?.template.resources.get(evidence.logicalId) : undefined;
    if (evidence && resource) related.push({ file: evidence.file, range: resource.keyNode.range, logicalId: evidence.logicalId, message: `Calls ${serviceName(item.value.need.service)}: ${evidence.text}.` });
  }
  const vpc = vpcOf(model, closed[0] as Subnet, ANY_SCENARIO).vpc;
  return {
    file: workload.file,
    range: subnetRange(model, workload, closed[0] as Subnet),
    logicalId: workload.logicalId,
    message: qualify(message, conditions.shared),
    related,
    data: {
      workload: workload.id,
      ...(vpc ? { vpc: vpc.id } : {}),
      services: items.map((item) => ({ service: item.value.need.service, endpointKind: item.value.need.endpointKind })),
      hints,
      closedSubnets: closed.map((subnet) => subnet.id),
    },
    ...(conditions.shared ? { conditions: conditions.shared } : {}),
  };
}

/** Where the workload names the subnet: the list item, or the workload's key. */
function subnetRange(model: NetworkModel, workload: Workload, subnet: Subnet): readonly [number, number] {
  for (const ref of workload.subnets) {
    if (ref.env.template.file !== workload.file) continue;
    const item = listOf(ref, ANY_SCENARIO).items.find((entry) => subnetOf(model, entry.value) === subnet);
    if (item) return item.node.range;
  }
  return keyRange(workload);
}

/**
 * Gateway endpoints for S3 and DynamoDB on the route tables of the subnets whose workloads need
 * them; interface endpoints for the rest, copying an interface endpoint of the VPC, or else in one
 * closed subnet per Availability Zone with a new security group that admits HTTPS from the VPC.
 */
function fixesFor(ctx: RuleContext, vpc: Parameters<typeof gatewayEndpointIn>[1], services: readonly { service: string; endpointKind: EndpointKind }[]): Fix[] {
  const template = ctx.files.get(vpc.file)?.template;
  if (!template) return [];
  const handle = declaredVpcHandle(vpc);
  const intents: EditIntent[] = [];
  const added: string[] = [];
  let complete = true;
  const views = ctx.model.vpcEndpoints.map((endpoint) => endpointView(ctx.model, endpoint, ANY_SCENARIO)).filter((view) => view.type.known && view.type.value === 'Interface');
  const anchor = interfaceAnchor(ctx.model, handle, views.map((view) => ({ endpoint: view.endpoint, privateDns: hasPrivateDns(view) })));
  const anchorView = anchor ? endpointView(ctx.model, anchor, ANY_SCENARIO) : undefined;
  const region = anchorView?.serviceName.known ? anchorView.serviceName.value.region : undefined;
  let created: { groupId: string; subnets: Subnet[] } | undefined;
  for (const { service, endpointKind } of services) {
    if (declaresEndpoint(ctx.model, handle.key, service, prefersGateway(service, endpointKind))) continue;
    if (prefersGateway(service, endpointKind)) {
      const gateway = gatewayEndpointIn(template, vpc, service, routeTablesFor(ctx.model, handle, service), region);
      if (gateway) {
        intents.push(gateway.intent);
        added.push(`"${gateway.logicalId}"`);
      } else complete = false;
      continue;
    }
    if (anchor) {
      const anchorTemplate = ctx.files.get(anchor.file)?.template;
      const endpoint = anchorTemplate ? interfaceEndpointLike(anchorTemplate, anchor, service, region) : undefined;
      if (endpoint) {
        intents.push(endpoint.intent);
        added.push(`"${endpoint.logicalId}"`);
      } else complete = false;
      continue;
    }
    if (!created) {
      const subnets = subnetPerZone(ctx.model, `ref:${vpc.id}`, vpc.file, true);
      if (subnets.length === 0) {
        complete = false;
        continue;
      }
      const groupId = freeLogicalId(template, 'EndpointSecurityGroup');
      created = { groupId, subnets };
      // Private DNS needs both DNS attributes of the VPC.
      const dns = vpcDns(vpc, ANY_SCENARIO);
      for (const [attribute, value] of [['EnableDnsSupport', dns.enableDnsSupport], ['EnableDnsHostnames', dns.enableDnsHostnames]] as const) {
        if (!value.known || !value.value) intents.push({ kind: 'setResourceValue', file: vpc.file, logicalId: vpc.logicalId, path: ['Properties', attribute], value: true });
      }
      intents.push({
        kind: 'addResource',
        file: vpc.file,
        logicalId: groupId,
        value: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'HTTPS from the VPC to its interface endpoints',
            VpcId: { Ref: vpc.logicalId },
            SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': [vpc.logicalId, 'CidrBlock'] } }],
          },
        },
      });
    }
    const logicalId = freeLogicalId(template, endpointIdBase(service, false));
    const properties: Record<string, TemplateValue> = {
      VpcId: { Ref: vpc.logicalId },
      ServiceName: serviceNameValue(service, undefined),
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      SubnetIds: created.subnets.map((subnet) => ({ Ref: subnet.logicalId })),
      SecurityGroupIds: [{ Ref: created.groupId }],
    };
    intents.push({ kind: 'addResource', file: vpc.file, logicalId, value: { Type: 'AWS::EC2::VPCEndpoint', Properties: properties } });
    added.push(`"${logicalId}"`);
  }
  if (intents.length === 0) return [];
  return [{ title: `Add ${listNames(added, added.length)} to VPC ${quoted(vpc)}`, preferred: complete, intents }];
}
