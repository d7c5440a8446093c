/**
 * The "What it needs" section of the workload hover: the services the knowledge base says the
 * workload needs (with the evidence and its AWS documentation page), and how each need is met from
 * its subnets: by an interface or gateway endpoint, a NAT or internet gateway, nothing, or unknown
 * with the reason. Hints (a `kms` endpoint for encrypted Session Manager sessions) are marked as such.
 */
import { serviceTitle, workloadNeeds, type NeedMet } from '../../analysis';
import { entityName, type RenderContext } from './labels';
import { bullets, code, link, sections, table, text } from './markdown';
import type { WorkloadFacts } from './workload';

/** The section, or undefined when nothing is known to be needed and nothing is unknown. */
export function needsSection(ctx: RenderContext, facts: WorkloadFacts): string | undefined {
  const view = workloadNeeds(ctx.model, facts.workload, ctx.scenario);
  if (view.needs.length === 0 && view.unknown.length === 0) return undefined;
  const rows = view.needs.map(({ need, subnets }) => {
    const plain = subnets.map((place) => metCell(ctx, place.met, facts));
    // One cell when every subnet meets the need the same way; otherwise one entry per subnet.
    const cells = new Set(plain).size <= 1 ? plain.slice(0, 1) : subnets.map((place, index) => `${plain[index]} from ${entityName(ctx, place.subnet)}`);
    const title = serviceTitle(need.service);
    const label = `${title === need.service ? code(need.service) : `${text(title)} (${code(need.service)})`}${need.endpointKind === 'gateway' && need.level === 'required' ? ', gateway endpoint only' : ''}${need.level === 'hint' ? ' (hint)' : ''}`;
    const why = need.evidence[0];
    return [label, why ? link(text(why.text), why.source) : '', cells.join('; ') || '—'];
  });
  const unknown = view.unknown.map((entry) => `? ${text(entry.reason)}`);
  return sections('**What it needs**', rows.length > 0 ? table(['Service', 'Because', 'Met by'], rows) : undefined, unknown.length > 0 ? bullets(unknown) : undefined);
}

function metCell(ctx: RenderContext, met: NeedMet, facts: WorkloadFacts): string {
  switch (met.kind) {
    case 'interface-endpoint': {
      // Whether the endpoint admits the workload is the services table's verdict; repeat its mark here.
      const reach = facts.services.find((entry) => entry.route.kind === 'endpoint' && entry.route.view.endpoint === met.endpoint);
      const mark = reach?.mark === 'blocked' ? ', which does not admit it ✗' : reach?.mark === 'unknown' ? ' ?' : '';
      return `endpoint ${entityName(ctx, met.endpoint)}${met.privateDns ? '' : ' (private DNS off: only its own names)'}${mark}`;
    }
    case 'gateway-endpoint':
      return `gateway endpoint ${entityName(ctx, met.endpoint)}`;
    case 'internet':
      return met.via === 'natGateway' ? 'NAT gateway' : 'internet gateway';
    case 'nothing':
      return '**nothing** ✗';
    case 'unknown':
      return `? (${text(met.reason)})`;
  }
}
