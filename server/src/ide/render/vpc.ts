/**
 * The hover of a VPC: its CIDR blocks, its DNS attributes with CloudFormation's defaults (private DNS
 * needs both `EnableDnsSupport` and `EnableDnsHostnames`, and the second defaults to `false`), its
 * endpoints, and the names private DNS answers in every one of its subnets.
 */
import { endpointView, internetAccessOf, isInterface, vpcDns, zoneOf, type EndpointView, type Known } from '../../analysis';
import { evaluateRef, exists, subnetsOfVpc, vpcOf, type Vpc } from '../../model';
import { describeValue, literalString } from '../../template';
import { conditionsNote } from './conditions';
import { entityName, type RenderContext } from './labels';
import { code, count, listOf, sections, table, text } from './markdown';
import { serviceText } from './endpoint';

export function renderVpc(ctx: RenderContext, vpc: Vpc): string {
  const key = `ref:${vpc.id}`;
  const blocks = [vpc.cidrBlock, ...ctx.model.vpcCidrBlocks.filter((block) => exists(block, ctx.scenario) && vpcOf(ctx.model, block, ctx.scenario).vpc === vpc).map((block) => block.cidrBlock)]
    .map((ref) => evaluateRef(ref, ctx.scenario))
    .filter((value) => value !== undefined)
    .map((value) => (literalString(value) ?? (value.kind === 'unknown' ? `? (${value.reason})` : describeValue(value))));
  const titleLine = `**${entityName(ctx, vpc)}** · VPC${blocks.length > 0 ? ` · ${blocks.map(text).join(', ')}` : ''}`;

  const dns = vpcDns(vpc, ctx.scenario);
  const cell = (value: Known<boolean>, defaulted: boolean): string => (value.known ? `${code(String(value.value))}${defaulted ? ' (omitted)' : ''}` : `? (${text(value.reason)})`);
  const dnsTable = table(
    ['DNS attribute', 'Value', 'CloudFormation default'],
    [
      ['`EnableDnsSupport`', cell(dns.enableDnsSupport, dns.supportDefaulted), '`true`'],
      ['`EnableDnsHostnames`', cell(dns.enableDnsHostnames, dns.hostnamesDefaulted), '`false`'],
    ],
  );
  const both = dns.enableDnsSupport.known && dns.enableDnsHostnames.known;
  const ready = both && dns.enableDnsSupport.value && dns.enableDnsHostnames.value;
  const dnsVerdict = !both
    ? 'Private DNS for interface endpoints needs both attributes to be `true`; whether they are is unknown.'
    : ready
      ? 'Both are `true`, as private DNS for interface endpoints needs.'
      : `Private DNS for interface endpoints needs both to be \`true\`: an endpoint with private DNS on fails to create in this VPC.`;

  const views = ctx.model.vpcEndpoints
    .filter((endpoint) => exists(endpoint, ctx.scenario) && vpcOf(ctx.model, endpoint, ctx.scenario).key === key)
    .map((endpoint) => endpointView(ctx.model, endpoint, ctx.scenario));
  const endpointTable =
    views.length > 0
      ? table(
          ['Endpoint', 'Type', 'Service', 'Private DNS', 'Placement'],
          views.map((view) => [entityName(ctx, view.endpoint), view.type.known ? text(view.type.value) : '?', serviceCell(view), privateDnsCell(view), placementCell(view)]),
        )
      : 'The workspace declares no endpoint in this VPC.';

  const inForce = views.filter((view) => isInterface(view) && view.privateDns.known && view.privateDns.value);
  const names = inForce.flatMap((view) => (view.dnsNames.length > 0 ? view.dnsNames : [view.displayName]).map((name) => `${code(name)} → ${entityName(ctx, view.endpoint)}`));
  const namesLine = names.length > 0 ? `Private names in force in every subnet of ${entityName(ctx, vpc)}: ${listOf(names, 12)}.` : 'No private DNS name is in force: AWS service names resolve to their public addresses.';

  const subnets = subnetsOfVpc(ctx.model, key, ctx.scenario);
  const zones = new Set(subnets.map((subnet) => zoneOf(subnet, ctx.scenario)).filter((zone) => zone.concrete).map((zone) => zone.key));
  const open = subnets.filter((subnet) => {
    const access = internetAccessOf(ctx.model, subnet, ctx.scenario);
    return access.known && access.value.internet;
  });
  const subnetsLine = subnets.length > 0 ? `${count(subnets.length, 'subnet')}${zones.size > 0 ? ` in ${count(zones.size, 'AZ')}` : ''}, ${open.length} with a route to the internet.` : 'The workspace declares no subnet in this VPC.';

  return sections(titleLine, `${dnsTable}\n\n${dnsVerdict}`, endpointTable, `${namesLine}\n${subnetsLine}`, conditionsNote(ctx.recording));
}

function serviceCell(view: EndpointView): string {
  return serviceText(view).replace(/^for /, '');
}

function privateDnsCell(view: EndpointView): string {
  if (!isInterface(view)) return '—';
  if (!view.privateDns.known) return '?';
  return view.privateDns.value ? 'on' : view.privateDnsDefaulted ? 'off (default)' : 'off';
}

function placementCell(view: EndpointView): string {
  if (view.type.known && view.type.value === 'Gateway') return `${count(view.routeTables.items.length, 'route table')}${view.routeTables.unknownReason !== undefined ? ' and more?' : ''}`;
  return `${count(view.subnets.items.length, 'subnet')}${view.subnets.unknownReason !== undefined ? ' and more?' : ''}`;
}
