/**
 * `endpoint-set-incomplete`: some services work only with a set of endpoints (Session Manager:
 * `ssm`, `ssmmessages`, `ec2messages`; ECR image pulls: `ecr.api`, `ecr.dkr` and an S3 gateway
 * endpoint; ECS container instances: `ecs-agent`, `ecs-telemetry`, `ecs`; EKS private clusters).
 * Reported on the first endpoint of a set in use, naming what is missing: a warning for the members
 * the set cannot work without, an info finding for the hints. Silent in a VPC whose every subnet has
 * a route to the internet, where the missing services are reached through it.
 */
import { endpointView, incompleteSets, vpcLabel, type IncompleteSet, type MissingMember } from '../analysis';
import { declaredVpcHandle, exists, vpcOf, type VpcHandle } from '../model';
import { ANY_SCENARIO, type Scenario } from '../template';
import { declaresEndpoint, gatewayEndpointIn, interfaceEndpointLike, routeTablesFor } from './endpoint-additions';
import { entityFromData } from './fix-helpers';
import { exploreItems, itemConditions, listNames, qualify, quoted, relatedResource, valueRange, workloadInSubnets, type ExploredItem } from './helpers';
import type { EditIntent, Report, Rule } from './rule';

interface MissingItem {
  readonly incomplete: IncompleteSet;
  readonly missing: MissingMember;
  readonly labels: readonly string[];
}

export const rule: Rule = {
  meta: {
    id: 'endpoint-set-incomplete',
    description: 'A VPC has some endpoints of a set that only works together (Session Manager, ECR, ECS, EKS) but not the others.',
    category: 'workload',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(ctx) {
    const reports: Report[] = [];
    const vpcs = new Map<string, VpcHandle>();
    // Declared VPCs come first; an endpoint whose VPC is chosen by a condition names a declared VPC in some scenarios.
    for (const vpc of ctx.model.vpcs) vpcs.set(`ref:${vpc.id}`, declaredVpcHandle(vpc));
    for (const endpoint of ctx.model.vpcEndpoints) {
      const handle = vpcOf(ctx.model, endpoint, ANY_SCENARIO);
      if (handle.key !== undefined && !vpcs.has(handle.key)) vpcs.set(handle.key, handle);
    }
    for (const [key, handle] of vpcs) {
      const items = exploreItems(ctx, (scenario) => missingMembers(ctx.model, key, handle, scenario));
      // One finding per set, anchor and level: the members the set cannot do without, then the hints.
      const groups = new Map<string, ExploredItem<MissingItem>[]>();
      for (const item of items) {
        const group = `${item.value.incomplete.set.id}\u0000${item.value.incomplete.anchor.endpoint.id}\u0000${item.value.missing.level}`;
        groups.set(group, [...(groups.get(group) ?? []), item]);
      }
      for (const group of groups.values()) reports.push(reportOf(group));
    }
    return reports;
  },
  fix(ctx, finding) {
    const anchor = entityFromData(ctx, finding.data, 'anchor', 'vpcEndpoint');
    const template = anchor ? ctx.files.get(anchor.file)?.template : undefined;
    const missing = finding.data?.missing;
    if (!anchor || !template || !Array.isArray(missing)) return [];
    const view = endpointView(ctx.model, anchor, ANY_SCENARIO);
    const region = view.serviceName.known ? view.serviceName.value.region : undefined;
    const intents: EditIntent[] = [];
    const added: string[] = [];
    let complete = true;
    for (const entry of missing as { service: string; endpointKind: string }[]) {
      if (declaresEndpoint(ctx.model, view.vpc.key, entry.service, entry.endpointKind === 'gateway')) continue;
      if (entry.endpointKind === 'gateway') {
        const vpc = view.vpc.vpc;
        const gatewayTemplate = vpc ? ctx.files.get(vpc.file)?.template : undefined;
        const gateway = vpc && gatewayTemplate ? gatewayEndpointIn(gatewayTemplate, vpc, entry.service, routeTablesFor(ctx.model, view.vpc, entry.service), region) : undefined;
        if (!gateway) {
          complete = false;
          continue;
        }
        intents.push(gateway.intent);
        added.push(`"${gateway.logicalId}"`);
        continue;
      }
      const endpoint = interfaceEndpointLike(template, anchor, entry.service, region);
      if (!endpoint) {
        complete = false;
        continue;
      }
      intents.push(endpoint.intent);
      added.push(`"${endpoint.logicalId}"`);
    }
    if (intents.length === 0) return [];
    // Endpoints cost money by the hour: the optional ones of a hint are added when asked for, never by "fix all".
    const hint = finding.data?.level === 'hint';
    return [{ title: `Add ${listNames(added, added.length)} like ${quoted(anchor)}`, preferred: complete && !hint, intents }];
  },
};

function* missingMembers(model: Parameters<typeof incompleteSets>[0], key: string, handle: VpcHandle, scenario: Scenario): Generator<readonly [string, MissingItem]> {
  if (handle.vpc && !exists(handle.vpc, scenario)) return;
  for (const incomplete of incompleteSets(model, handle, scenario)) {
    const labels = incomplete.affected.map((entry) => workloadInSubnets(entry.workload, entry.closedSubnets, scenario));
    for (const missing of incomplete.missing) {
      yield [`${key}\u0000${incomplete.set.id}\u0000${incomplete.anchor.endpoint.id}\u0000${missing.member.service}\u0000${missing.member.endpointKind}`, { incomplete, missing, labels }];
    }
  }
}

/** `ssmmessages`, or `S3 gateway endpoint` for a gateway member. */
function memberName(missing: MissingMember): string {
  return missing.member.endpointKind === 'gateway' ? `${missing.member.service === 's3' ? 'S3' : 'DynamoDB'} gateway endpoint` : missing.member.service;
}

/** `"A", "B" or "C"`. */
function listOr(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function reportOf(items: readonly ExploredItem<MissingItem>[]): Report {
  const first = items[0] as ExploredItem<MissingItem>;
  const { incomplete, missing } = first.value;
  const { set, anchor } = incomplete;
  const endpoint = anchor.endpoint;
  const conditions = itemConditions(items);
  const interfaces = items.filter((item) => item.value.missing.member.endpointKind !== 'gateway').map((item) => conditions.nameOf(item, memberName(item.value.missing)));
  const gateways = items.filter((item) => item.value.missing.member.endpointKind === 'gateway').map((item) => conditions.nameOf(item, memberName(item.value.missing)));
  const vpc = vpcLabel(anchor.vpc);
  const lacks = [interfaces.length > 0 ? `no endpoint for ${listOr(interfaces)}` : undefined, gateways.length > 0 ? `no ${listOr(gateways)}` : undefined].filter((part) => part !== undefined).join(' and ');
  let message: string;
  if (missing.level === 'required') {
    const labels = [...new Set(items.flatMap((item) => item.value.labels))];
    const who = labels.length > 0 ? listNames(labels) : set.clients;
    message = `Endpoint ${quoted(endpoint)} is one of the ${set.title} endpoints, but VPC ${vpc} has ${lacks}, so ${who} ${set.consequence}.`;
  } else {
    const purposes = items.map((item) => `${item.value.missing.member.purpose} (${memberName(item.value.missing)})`);
    message = `VPC ${vpc} has ${set.title} endpoints such as ${quoted(endpoint)} but ${lacks}, which ${set.title} uses from subnets without a route to the internet for ${listNames(purposes, purposes.length)}.`;
  }
  const related = incomplete.affected.map((entry) => relatedResource(entry.workload, `${quoted(entry.workload)} needs the ${set.title} endpoints and has no route to the internet.`));
  return {
    file: endpoint.file,
    range: valueRange(endpoint, endpoint.serviceName),
    logicalId: endpoint.logicalId,
    message: qualify(message, conditions.shared),
    severity: missing.level === 'required' ? 'warning' : 'info',
    related,
    data: {
      anchor: endpoint.id,
      set: set.id,
      level: missing.level,
      missing: items.map((item) => ({ service: item.value.missing.member.service, endpointKind: item.value.missing.member.endpointKind })),
      ...(anchor.vpc.vpc ? { vpc: anchor.vpc.vpc.id } : {}),
    },
    ...(conditions.shared ? { conditions: conditions.shared } : {}),
  };
}
