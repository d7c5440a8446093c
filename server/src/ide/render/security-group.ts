/**
 * The hover of a security group: which of its rules concern TCP 443 and from where they admit it,
 * its egress, and where it is used, as an endpoint's group (then a table says, subnet by subnet,
 * which clients of the VPC it admits, since private DNS sends all of them to the endpoint) and as a
 * client's group. Rules that do not cover TCP 443 are counted, not listed.
 */
import {
  admits,
  clientsOf,
  describePorts,
  endpointView,
  groupHandle,
  hasPrivateDns,
  HTTPS_PORT,
  includesTcp,
  parseProtocol,
  portCoverage,
  rulesOfGroup,
  subnetCidr,
  tcpPortsOf,
  workloadGroups,
  type GroupHandle,
  type RuleView,
} from '../../analysis';
import { exists, subnetsOfVpc, vpcOf, type Entity, type SecurityGroup, type Subnet } from '../../model';
import { describeValue, identityOf, literalString, type Value } from '../../template';
import { scalarText, valueOf } from '../../syntax';
import { conditionsNote } from './conditions';
import { entityName, groupName, type RenderContext } from './labels';
import { bullets, code, count, listOf, sections, table, text } from './markdown';

export function renderSecurityGroup(ctx: RenderContext, group: SecurityGroup): string {
  const handle = groupHandle(ctx.model, { kind: 'ref', target: { file: group.file, logicalId: group.logicalId } });
  const vpc = vpcOf(ctx.model, group, ctx.scenario);
  const vpcName = vpc.vpc ? entityName(ctx, vpc.vpc) : vpc.value?.kind === 'string' ? code(vpc.value.value) : undefined;
  const description = scalarText(valueOf(group.resource.properties, 'GroupDescription'));
  const titleLine = `**${entityName(ctx, group)}** · security group${vpcName ? ` of ${vpcName}` : ''}${description ? ` · *${text(description)}*` : ''}`;

  const endpoints = ctx.model.vpcEndpoints
    .filter((endpoint) => exists(endpoint, ctx.scenario))
    .map((endpoint) => endpointView(ctx.model, endpoint, ctx.scenario))
    .filter((view) => view.securityGroups.items.some((item) => identityOf(item.value) === handle.key));
  const carriers = ctx.model.workloads.filter((workload) => exists(workload, ctx.scenario) && workloadGroups(workload, vpc, ctx.scenario).values.some((value) => identityOf(value) === handle.key));

  const usedBy = [
    endpoints.length > 0 ? `Used by ${count(endpoints.length, 'endpoint')}: ${listOf(endpoints.map((view) => entityName(ctx, view.endpoint)))}.` : undefined,
    carriers.length > 0 ? `Carried by ${count(carriers.length, 'workload')}: ${listOf(carriers.map((workload) => entityName(ctx, workload)))}.` : undefined,
    endpoints.length === 0 && carriers.length === 0 ? 'No endpoint or workload of the workspace uses it.' : undefined,
  ]
    .filter(Boolean)
    .join('\n');

  return sections(titleLine, rulesSection(ctx, handle, 'ingress'), rulesSection(ctx, handle, 'egress'), usedBy, endpoints.length > 0 ? admissionSection(ctx, handle, vpc, endpoints.some(hasPrivateDns)) : undefined, conditionsNote(ctx.recording));
}

/** The rules of one direction that concern TCP 443. */
function rulesSection(ctx: RenderContext, handle: GroupHandle, direction: 'ingress' | 'egress'): string {
  const rules = rulesOfGroup(ctx.model, handle, direction, ctx.scenario);
  const heading = direction === 'ingress' ? 'Ingress on TCP 443' : 'Egress on TCP 443';
  if (!rules.known) return `${heading}: unknown (${text(rules.reason)}).`;
  const relevant: string[] = [];
  let others = 0;
  for (const rule of rules.value) {
    const line = ruleLine(ctx, rule);
    if (line === undefined) others++;
    else relevant.push(line);
  }
  const rest = others > 0 ? `${count(others, 'other rule')} ${others === 1 ? 'does' : 'do'} not cover TCP 443.` : undefined;
  if (relevant.length === 0) return `${heading}: ${direction === 'ingress' ? 'nothing is admitted' : 'nothing is allowed'}.${rest ? ` ${rest}` : ''}`;
  return `${heading}:\n${bullets(relevant)}${rest ? `\n\n${rest}` : ''}`;
}

/** A rule that covers TCP 443 (or may), in words; undefined for a rule that certainly does not. */
function ruleLine(ctx: RenderContext, rule: RuleView): string | undefined {
  const protocol = parseProtocol(rule.ipProtocol);
  let traffic: string;
  if (!protocol.known) traffic = `? protocol (${text(protocol.reason)})`;
  else if (!includesTcp(protocol.value)) return undefined;
  else if (protocol.value.kind === 'all') traffic = 'all traffic';
  else {
    const ports = tcpPortsOf(protocol.value, rule.fromPort, rule.toPort);
    if (ports.known && portCoverage(ports.value, HTTPS_PORT) === 'none') return undefined;
    traffic = ports.known ? describePorts(ports.value) : `TCP, ports unknown (${text(ports.reason)})`;
  }
  const toward = rule.direction === 'ingress' ? 'from' : 'to';
  const origin = rule.implicit === 'default-egress' ? ' (CloudFormation\'s default without `SecurityGroupEgress`)' : rule.implicit === 'default-group-egress' ? ' (the default group\'s rule)' : rule.standalone && rule.owner ? ` (rule ${entityName(ctx, rule.owner)})` : '';
  return `${traffic} ${toward} ${peerText(ctx, rule)}${origin}`;
}

function peerText(ctx: RenderContext, rule: RuleView): string {
  if (rule.implicit === 'default-group-members') return 'members of the group itself';
  if (rule.prefixList !== undefined) return `prefix list ${valueText(ctx, rule.prefixList)}`;
  if (rule.peerGroup !== undefined) return `security group ${valueText(ctx, rule.peerGroup)}`;
  if (rule.peerGroupName !== undefined) return `security group named ${valueText(ctx, rule.peerGroupName)}`;
  const parts: string[] = [];
  for (const cidr of [rule.cidrIp, rule.cidrIpv6]) {
    if (cidr === undefined) continue;
    const literal = literalString(cidr);
    const subnets = literal === undefined ? [] : ctx.model.subnets.filter((subnet) => {
      const own = subnetCidr(subnet, 'ipv4', ctx.scenario);
      return own.known && own.value.text === literal.trim();
    });
    parts.push(`${valueText(ctx, cidr)}${subnets.length > 0 ? ` (${listOf(subnets.map((subnet) => entityName(ctx, subnet)))})` : ''}`);
  }
  return parts.length > 0 ? parts.join(' and ') : 'no peer';
}

/** A value as a code span, or the entity it names, or why it is unknown. */
function valueText(ctx: RenderContext, value: Value): string {
  if (value.kind === 'ref' || value.kind === 'getAtt') {
    const entity: Entity | undefined = ctx.model.byId.get(`${value.target.file}#${value.target.logicalId}`);
    if (entity) return value.kind === 'getAtt' && entity.kind === 'vpc' && value.attribute === 'CidrBlock' ? `the CIDR of ${entityName(ctx, entity)}` : entityName(ctx, entity);
  }
  if (value.kind === 'unknown') return `? (${text(value.reason)})`;
  return code(describeValue(value));
}

/** Which clients of the VPC the group admits on TCP 443, subnet by subnet. */
function admissionSection(ctx: RenderContext, handle: GroupHandle, vpc: ReturnType<typeof vpcOf>, privateDns: boolean): string | undefined {
  if (vpc.key === undefined) return undefined;
  const subnets = subnetsOfVpc(ctx.model, vpc.key, ctx.scenario);
  if (subnets.length === 0) return undefined;
  const clients = clientsOf(ctx.model, vpc, subnets, ctx.scenario);
  const notes: string[] = [];
  const rows = subnets.map((subnet: Subnet) => {
    const cidr = subnetCidr(subnet, 'ipv4', ctx.scenario);
    const here = clients.filter((client) => client.subnets.includes(subnet));
    const cells = here.map((client) => {
      const admission = admits(ctx.model, [handle], 'ingress', { subnet, groups: client.groups }, HTTPS_PORT, 'ipv4', ctx.scenario);
      const name = client.kind === 'subnet' ? '*any ENI*' : entityName(ctx, client.entity);
      if (admission.kind === 'unknown') notes.push(`? ${name} in ${entityName(ctx, subnet)}: ${text(admission.reason)}.`);
      return `${admission.kind === 'admitted' ? '✓' : admission.kind === 'not-admitted' ? '✗' : '?'} ${name}`;
    });
    return [entityName(ctx, subnet), cidr.known ? cidr.value.text : '?', cells.length > 0 ? cells.join(', ') : '—'];
  });
  const vpcName = vpc.vpc ? entityName(ctx, vpc.vpc) : 'the VPC';
  return sections(
    privateDns
      ? `As the group of an endpoint with private DNS on, it must admit every client of ${vpcName}: private DNS sends them all to the endpoint.`
      : `Which clients of ${vpcName} it admits:`,
    table(['Subnet', 'CIDR', `Admitted on TCP 443 by ${groupName(ctx, handle)}`], rows),
    notes.length > 0 ? bullets(notes) : undefined,
  );
}
