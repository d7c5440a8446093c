/**
 * Code lenses above each interface endpoint that say how far its private DNS reaches:
 * `Private DNS: all 4 subnets of Vpc · 2 workloads · 1 workload and 1 subnet blocked`, or what private
 * DNS off or unknown means. The lens's action reveals the blocked clients; in editors that cannot run
 * it, the title alone informs. A second lens opens the network diagram with the endpoint highlighted.
 * A lens is a title and an action kind, so that more lenses per endpoint are more entries of one list.
 */
import { exists, type VpcEndpoint } from '../model';
import type { TextRange } from '../syntax';
import { isInterface } from '../analysis';
import type { Analysis } from './analysis';
import { endpointClients, verdictIn } from './endpoint-clients';
import { recordingScenario } from './render/conditions';
import { count } from './render/markdown';

/** A place in a file of the analysis. */
export interface FileLocation {
  readonly file: string;
  readonly range: TextRange;
}

/** What clicking a lens does. */
export type LensAction =
  | { readonly kind: 'revealBlockedClients'; readonly endpoint: FileLocation; readonly locations: readonly FileLocation[] }
  | { readonly kind: 'showDiagram'; readonly endpoint: FileLocation; readonly logicalId: string };

export interface CodeLens {
  readonly range: TextRange;
  readonly title: string;
  readonly action: LensAction;
}

/** The longest reason a lens title quotes before cutting it short. */
const MAX_REASON = 60;

/** The code lenses of a file: per interface endpoint, the reach of its private DNS and a way to the diagram. */
export function codeLenses(analysis: Analysis, file: string): CodeLens[] {
  const entry = analysis.files.get(file);
  if (!entry?.isTemplate) return [];
  const lenses: CodeLens[] = [];
  for (const endpoint of analysis.model.vpcEndpoints) {
    if (endpoint.file !== file) continue;
    const lens = privateDnsLens(analysis, endpoint);
    if (!lens) continue;
    lenses.push(lens);
    lenses.push({ range: lens.range, title: 'Show in network diagram', action: { kind: 'showDiagram', endpoint: { file: endpoint.file, range: lens.range }, logicalId: endpoint.logicalId } });
  }
  return lenses;
}

/** The private DNS lens of an endpoint, or undefined when it is not (certainly) an interface endpoint. */
export function privateDnsLens(analysis: Analysis, endpoint: VpcEndpoint): CodeLens | undefined {
  const recording = recordingScenario();
  const scenario = recording.scenario;
  if (!exists(endpoint, scenario)) return undefined;
  const facts = endpointClients(analysis.model, endpoint, scenario);
  const view = facts.view;
  if (!isInterface(view)) return undefined;
  const range = endpoint.resource.keyNode.range;
  const at: FileLocation = { file: endpoint.file, range };
  const blocked = facts.clients.filter((verdict) => verdictIn(verdict).mark === 'blocked');
  const locations = blocked.map((verdict) => ({ file: verdict.client.entity.file, range: verdict.client.entity.resource.keyNode.range }));
  const action: LensAction = { kind: 'revealBlockedClients', endpoint: at, locations };
  const conditional = (title: string): string => (recording.consulted.size > 0 ? `${title} · depends on conditions` : title);

  if (!view.privateDns.known) return { range, title: conditional(`Private DNS: unknown (${short(view.privateDns.reason)})`), action };
  if (!view.privateDns.value) {
    const why = view.privateDnsDefaulted ? " (CloudFormation's default)" : '';
    return { range, title: conditional(`Private DNS off${why}: only its endpoint-specific names reach it`), action };
  }
  const vpcName = view.vpc.vpc?.logicalId ?? (view.vpc.value?.kind === 'string' ? view.vpc.value.value : undefined);
  if (!facts.vpcSubnets.known) return { range, title: conditional(`Private DNS: every subnet of its VPC (unknown: ${short(facts.vpcSubnets.reason)})`), action };
  const subnets = facts.vpcSubnets.value.length;
  const vpc = vpcName ?? 'its VPC';
  const reach = subnets === 0 ? `no declared subnet of ${vpc}` : subnets === 1 ? `the only subnet of ${vpc}` : `all ${subnets} subnets of ${vpc}`;
  if (view.subnets.items.length === 0 && view.subnets.unknownReason === undefined) {
    return { range, title: conditional(`Private DNS: ${reach} · no subnets, so the name resolves nowhere`), action: { ...action, locations: facts.clients.map((verdict) => ({ file: verdict.client.entity.file, range: verdict.client.entity.resource.keyNode.range })) } };
  }
  const workloads = facts.clients.filter((verdict) => verdict.client.kind === 'workload').length;
  const blockedWorkloads = blocked.filter((verdict) => verdict.client.kind === 'workload').length;
  const blockedSubnets = blocked.length - blockedWorkloads;
  const unknown = facts.clients.filter((verdict) => verdictIn(verdict).mark === 'unknown').length;
  const parts = [`Private DNS: ${reach}`, count(workloads, 'workload')];
  const blockedParts = [blockedWorkloads > 0 ? count(blockedWorkloads, 'workload') : undefined, blockedSubnets > 0 ? count(blockedSubnets, 'subnet') : undefined].filter((part): part is string => part !== undefined);
  if (blockedParts.length > 0) parts.push(`${blockedParts.join(' and ')} blocked`);
  if (unknown > 0) parts.push(`${unknown} unknown`);
  if (blockedParts.length === 0 && unknown === 0 && facts.clients.length > 0) parts.push('all admitted');
  return { range, title: conditional(parts.join(' · ')), action };
}


function short(reason: string): string {
  return reason.length <= MAX_REASON ? reason : `${reason.slice(0, MAX_REASON - 1).replace(/\s+\S*$/, '')}…`;
}
