/**
 * The hover of a VPC endpoint. For an interface endpoint: the names private DNS answers and the one
 * fact authors miss, that private DNS is VPC-wide; then a table of every subnet of the VPC (AZ, CIDR,
 * whether an endpoint network interface is there, its route to the internet, and each client with its
 * verdict on TCP 443), followed by why each blocked or unknown client is so. With private DNS off the
 * hover says that only the endpoint-specific names reach the endpoint, and that `false` is
 * CloudFormation's default. Gateway and other endpoints get a short summary.
 */
import { endpointGroupsOf, GATEWAY_SERVICES, internetAccessOf, isInterface, serviceTitle, type EndpointView } from '../../analysis';
import { pairOf } from '../../syntax';
import type { Subnet, VpcEndpoint } from '../../model';
import { describeValue } from '../../template';
import { ruleDocUrl } from '../docs';
import { clientsInSubnet, endpointClients, markSymbol, verdictIn, type ClientVerdict, type EndpointClients } from '../endpoint-clients';
import { conditionsNote } from './conditions';
import { cidrText, entityName, groupName, hopPlace, hopSentence, internetCell, zoneText, type RenderContext } from './labels';
import { bullets, code, count, listOf, sections, table, text } from './markdown';

/** How many notes under the table before the rest is summed up. */
const MAX_NOTES = 8;

export function renderEndpoint(ctx: RenderContext, endpoint: VpcEndpoint): string {
  const facts = endpointClients(ctx.model, endpoint, ctx.scenario);
  const view = facts.view;
  if (!view.type.known) {
    return sections(`${title(ctx, view)}`, `The endpoint type is unknown: ${text(view.type.reason)}.`, conditionsNote(ctx.recording));
  }
  if (!isInterface(view)) return sections(title(ctx, view), otherTypeSummary(ctx, view), conditionsNote(ctx.recording));
  return sections(title(ctx, view), dnsSection(ctx, facts), subnetSection(ctx, facts), groupsLine(ctx, view), conditionsNote(ctx.recording));
}

/** `**`SsmEndpoint`** · interface endpoint for Systems Manager (`ssm`) in `Vpc``. */
function title(ctx: RenderContext, view: EndpointView): string {
  const type = !view.type.known
    ? 'VPC endpoint'
    : view.type.value === 'Interface'
      ? 'interface endpoint'
      : view.type.value === 'Gateway'
        ? 'gateway endpoint'
        : `${text(view.type.value)} endpoint`;
  return `**${entityName(ctx, view.endpoint)}** · ${type} ${serviceText(view)}${vpcText(ctx, view)}`;
}

/** `for Systems Manager (`ssm`)`, `for `athena``, or why the service is unknown. */
export function serviceText(view: EndpointView): string {
  if (!view.serviceName.known) return `for an unknown service (${text(view.serviceName.reason)})`;
  const service = view.serviceName.value.service;
  if (service === undefined) return `for the endpoint service ${code(view.serviceName.value.full)}`;
  const titleText = serviceTitle(service);
  return titleText === service ? `for ${code(service)}` : `for ${text(titleText)} (${code(service)})`;
}

function vpcText(ctx: RenderContext, view: EndpointView): string {
  if (view.vpc.vpc) return ` in ${entityName(ctx, view.vpc.vpc)}`;
  const value = view.vpc.value;
  if (value?.kind === 'string') return ` in ${code(value.value)}`;
  if (value?.kind === 'unknown' && value.identity?.startsWith('param:')) return ` in the VPC of parameter ${code(value.identity.slice(value.identity.lastIndexOf('#') + 1))}`;
  return '';
}

/** The names, whether private DNS answers them, and that it does so in the whole VPC. */
function dnsSection(ctx: RenderContext, facts: EndpointClients): string {
  const view = facts.view;
  const names = view.dnsNames.length > 0 ? listOf(view.dnsNames.map(code)) : undefined;
  const vpc = view.vpc.vpc ? entityName(ctx, view.vpc.vpc) : 'its VPC';
  const listed = facts.endpointSubnets.length + facts.otherEndpointSubnets.length;
  const notOnly = listed > 0 ? `, not only in the ${count(listed, 'subnet')} of its \`SubnetIds\`` : '';
  const ruleLink = `([endpoint-sg-blocks-vpc-clients](${ruleDocUrl('endpoint-sg-blocks-vpc-clients')}))`;
  const vpcWide = `Private DNS is VPC-wide: ${names ? (view.dnsNames.length === 1 ? 'the name resolves' : 'the names resolve') : 'the service name resolves'} to this endpoint in **every subnet** of ${vpc}${notOnly} ${ruleLink}.`;
  if (!view.privateDns.known) {
    return [`Whether private DNS is on is unknown: ${text(view.privateDns.reason)}.`, `If it is on, ${names ? `${names} ${view.dnsNames.length === 1 ? 'resolves' : 'resolve'}` : 'the service name resolves'} to this endpoint's private IPs.`, vpcWide].join('\n');
  }
  if (view.privateDns.value) {
    const answers = names ? `Private DNS is on: ${names} ${view.dnsNames.length === 1 ? 'resolves' : 'resolve'} to the private IPs of this endpoint's network interfaces.` : 'Private DNS is on, for a service whose DNS names are not known.';
    const noInterfaces =
      view.subnets.items.length === 0 && view.subnets.unknownReason === undefined
        ? `\nThe endpoint has no \`SubnetIds\`, so it has no network interfaces: ${names ?? 'the name'} resolves to no address anywhere in ${vpc}.`
        : '';
    return `${answers}\n${vpcWide}${noInterfaces}`;
  }
  const off = view.privateDnsDefaulted
    ? 'Private DNS is off: `PrivateDnsEnabled` is omitted, and CloudFormation\'s default is `false` (the console\'s default is `true`).'
    : 'Private DNS is off (`PrivateDnsEnabled: false`).';
  const keeps = names ? `${names} ${view.dnsNames.length === 1 ? 'keeps' : 'keep'} resolving to the public service; only` : 'Only';
  return `${off}\n${keeps} clients that call the endpoint-specific names (\`vpce-….vpce.amazonaws.com\`) reach this endpoint.`;
}

/** The table of the VPC's subnets and the notes that explain its ✗ and ?. */
function subnetSection(ctx: RenderContext, facts: EndpointClients): string {
  const view = facts.view;
  if (!facts.vpcSubnets.known) return `The subnets of the VPC cannot be listed: ${text(facts.vpcSubnets.reason)}.`;
  const subnets = facts.vpcSubnets.value;
  const vpc = view.vpc.vpc ? entityName(ctx, view.vpc.vpc) : 'its VPC';
  if (subnets.length === 0) {
    const unknownSubnets = view.subnets.unknownReason !== undefined ? `\nIts own subnets are unknown too: ${text(view.subnets.unknownReason)}.` : '';
    return `The workspace declares no subnet of ${vpc}, so the subnets that private DNS affects cannot be listed.${unknownSubnets}`;
  }
  const noInterfaces = view.subnets.items.length === 0 && view.subnets.unknownReason === undefined;
  const notes: string[] = [];
  const rows = subnets.map((subnet) => {
    const zone = zoneText(subnet, ctx.scenario);
    const cidr = cidrText(subnet, ctx.scenario);
    const access = internetAccessOf(ctx.model, subnet, ctx.scenario);
    if (zone.unknownReason !== undefined) notes.push(`? AZ of ${entityName(ctx, subnet)}: ${text(zone.unknownReason)}.`);
    if (cidr.unknownReason !== undefined) notes.push(`? CIDR of ${entityName(ctx, subnet)}: ${text(cidr.unknownReason)}.`);
    if (!access.known) notes.push(`? Route of ${entityName(ctx, subnet)} to the internet: ${text(access.reason)}.`);
    return [entityName(ctx, subnet), zone.cell, cidr.cell, eniCell(facts, subnet), internetCell(access, true), clientsCell(ctx, facts.clients, subnet, noInterfaces, notes)];
  });
  if (view.subnets.unknownReason !== undefined) notes.push(`? Endpoint network interfaces: ${text(view.subnets.unknownReason)}.`);
  if (facts.otherEndpointSubnets.length > 0) {
    notes.push(`The endpoint also has network interfaces in ${listOf(facts.otherEndpointSubnets.map((value) => code(describeValue(value))))}, which the workspace does not declare.`);
  }
  const lead = !view.privateDns.known ? 'If private DNS is on, these clients call the endpoint:' : !view.privateDns.value ? 'If they call its endpoint-specific names, these clients reach the endpoint as follows:' : '';
  const shown = notes.slice(0, MAX_NOTES);
  if (notes.length > shown.length) shown.push(`… and ${notes.length - shown.length} more.`);
  return sections(lead, table(['Subnet', 'AZ', 'CIDR', 'Endpoint ENI', 'Internet', 'Clients on 443'], rows), shown.length > 0 ? bullets(shown) : undefined);
}

function eniCell(facts: EndpointClients, subnet: Subnet): string {
  if (facts.endpointSubnets.includes(subnet)) return 'yes';
  return facts.view.subnets.unknownReason !== undefined ? '?' : '—';
}

/** `✗ `PublicInstance``, `✓ *any ENI*`; adds a note for each ✗ and ?. */
function clientsCell(ctx: RenderContext, clients: readonly ClientVerdict[], subnet: Subnet, noInterfaces: boolean, notes: string[]): string {
  const here = clientsInSubnet(clients, subnet);
  if (here.length === 0) return '—';
  return here
    .map((verdict) => {
      const client = verdict.client;
      const name = client.kind === 'subnet' ? '*any ENI*' : entityName(ctx, client.entity);
      const who = client.kind === 'subnet' ? `Any ENI in ${entityName(ctx, subnet)}` : client.subnets.length > 1 ? `${entityName(ctx, client.entity)} in ${entityName(ctx, subnet)}` : entityName(ctx, client.entity);
      if (noInterfaces) {
        const note = '✗ No client reaches the endpoint: it has no network interfaces.';
        if (!notes.includes(note)) notes.push(note);
        return `✗ ${name}`;
      }
      const result = verdictIn(verdict, subnet);
      if (result.mark === 'blocked' && result.hop) {
        const more = result.blockedHops > 1 ? ` (${count(result.blockedHops - 1, 'more hop')} also ${result.blockedHops - 1 === 1 ? 'blocks' : 'block'} it)` : '';
        notes.push(`✗ ${who}: ${hopSentence(ctx, result.hop)}${more}`);
      } else if (result.mark === 'unknown' && result.reason !== undefined) {
        notes.push(`? ${who}: unknown ${result.unknownHop ? `${hopPlace(result.unknownHop)} ` : ''}(${text(result.reason)}).`);
      }
      return `${markSymbol(result.mark)} ${name}`;
    })
    .join(', ');
}

function groupsLine(ctx: RenderContext, view: EndpointView): string {
  const groups = endpointGroupsOf(ctx.model, view);
  if (groups.defaulted) return `Security groups: none in \`SecurityGroupIds\`, so the endpoint gets ${groupName(ctx, groups.handles[0] ?? { kind: 'unknown', key: undefined, reason: '', value: undefined })}.`;
  return `Security groups: ${listOf(groups.handles.map((group) => (group.kind === 'unknown' ? `? (${text(group.reason)})` : groupName(ctx, group))))}.`;
}

/** Gateway endpoints and the rarer types: what they serve, in a sentence or two. */
function otherTypeSummary(ctx: RenderContext, view: EndpointView): string {
  if (view.type.known && view.type.value === 'Gateway') {
    const defaulted = view.typeDefaulted ? '`VpcEndpointType` is omitted, and CloudFormation\'s default is `Gateway`.\n' : '';
    const tables = view.routeTables.items.map((item) => {
      const value = item.value;
      const entity = value.kind === 'ref' ? ctx.model.byId.get(`${value.target.file}#${value.target.logicalId}`) : undefined;
      return entity ? entityName(ctx, entity) : code(describeValue(value));
    });
    const served =
      tables.length > 0
        ? `It adds a route to the service's prefix list in ${count(tables.length, 'route table')}: ${listOf(tables)}.`
        : view.routeTables.unknownReason !== undefined
          ? `The route tables it serves are unknown: ${text(view.routeTables.unknownReason)}.`
          : 'It lists no `RouteTableIds`, so it serves no subnet.';
    const service = view.serviceName.known ? view.serviceName.value.service : undefined;
    const noGateway = service !== undefined && !GATEWAY_SERVICES.has(service) ? `\n${text(serviceTitle(service))} has no gateway endpoint: only S3 and DynamoDB do.` : '';
    const misplaced = ['SubnetIds', 'SecurityGroupIds', 'PrivateDnsEnabled'].filter((property) => pairOf(view.endpoint.resource.properties, property));
    const interfaceHint = misplaced.length > 0 ? `\n${listOf(misplaced.map(code))} ${misplaced.length === 1 ? 'belongs' : 'belong'} to interface endpoints${view.typeDefaulted ? ': was `VpcEndpointType: Interface` meant?' : '.'}` : '';
    return `${defaulted}${served}${noGateway}${interfaceHint}\nA gateway endpoint changes routes, not DNS: private DNS does not apply to it.`;
  }
  const subnets = view.subnets.items.length;
  return `It has network interfaces in ${count(subnets, 'subnet')}.`;
}
