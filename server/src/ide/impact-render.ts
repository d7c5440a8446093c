/**
 * How the impact of a change reads: as terminal text for `cfn-network-lens diff`, as markdown for the
 * editor's report, and as the one-line summary of the code lens (`+3 endpoints · private DNS now in
 * 4 subnets · 1 workload and 1 subnet blocked`). The CLI and the editor render the same report, so
 * they say the same thing in the same words.
 */
import type { ClientChange, FindingChange, ImpactSummary } from './impact';
import type { DiffReport } from './impact-report';

/** Colours for terminal text; the CLI passes ANSI ones for a terminal and plain ones otherwise. */
export interface TextStyle {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const PLAIN_STYLE: TextStyle = { red: (t) => t, yellow: (t) => t, blue: (t) => t, dim: (t) => t, bold: (t) => t };

/**
 * The summary line: what the change adds and removes, where private DNS starts or stops answering,
 * how many clients are blocked or admitted, and findings that appear or go; or that it has no network
 * impact.
 */
export function impactTitle(summary: ImpactSummary): string {
  const parts: string[] = [];
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (summary.endpointsAdded > 0) parts.push(`+${plural(summary.endpointsAdded, 'endpoint')}`);
  if (summary.endpointsRemoved > 0) parts.push(`-${plural(summary.endpointsRemoved, 'endpoint')}`);
  if (summary.privateDnsSubnetsGained > 0) parts.push(`private DNS now in ${plural(summary.privateDnsSubnetsGained, 'subnet')}`);
  if (summary.privateDnsSubnetsLost > 0) parts.push(`private DNS gone from ${plural(summary.privateDnsSubnetsLost, 'subnet')}`);
  // Workloads and subnets are counted apart, as the endpoint lens counts them: a subnet stands for any interface there.
  const clients = (workloads: number, subnets: number) => [workloads > 0 ? plural(workloads, 'workload') : '', subnets > 0 ? plural(subnets, 'subnet') : ''].filter(Boolean).join(' and ');
  if (summary.clientsBlocked > 0) parts.push(`${clients(summary.workloadsBlocked, summary.subnetsBlocked)} blocked`);
  if (summary.clientsAdmitted > 0) parts.push(`${clients(summary.workloadsAdmitted, summary.subnetsAdmitted)} admitted`);
  if (summary.findingsAppeared > 0) parts.push(`+${plural(summary.findingsAppeared, 'finding')}`);
  if (summary.findingsResolved > 0) parts.push(`-${plural(summary.findingsResolved, 'finding')}`);
  if (!summary.networkImpact) {
    const others = summary.resourcesAdded + summary.resourcesRemoved + summary.resourcesModified - summary.endpointsAdded - summary.endpointsRemoved;
    if (others > 0) parts.push(`${plural(others, 'resource')} changed`);
    parts.push('no network impact');
  }
  return parts.join(' · ');
}

/** Client changes grouped by the endpoint they concern, in report order. */
function byEndpoint(changes: readonly ClientChange[]): { heading: string; changes: ClientChange[] }[] {
  const groups = new Map<string, { heading: string; changes: ClientChange[] }>();
  for (const change of changes) {
    const key = `${change.endpoint.file}#${change.endpoint.logicalId}\u0000${change.name}`;
    const name = change.via === 'private-dns' ? change.name : 'endpoint-specific names';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { heading: `"${change.endpoint.logicalId}" (${name})`, changes: [] }));
    group.changes.push(change);
  }
  return [...groups.values()];
}

function findingWhere(finding: FindingChange): string {
  return `${finding.file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────────

/** The terminal report. `coloured` holds the template diff texts with the library's colours, to use instead of the plain ones. */
export function renderDiffText(report: DiffReport, style: TextStyle = PLAIN_STYLE, coloured?: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  const { impact } = report;
  const section = (title: string) => {
    if (lines.length > 0) lines.push('');
    lines.push(style.bold(title));
  };
  lines.push(style.bold(`Network impact of ${printable(report.base.label)} → ${printable(report.head.label)}`));
  if (!impact.summary.networkImpact) lines.push('No network impact: no DNS name, client path or finding changes.');
  if (impact.dns.length > 0) {
    section('DNS names');
    for (const change of impact.dns) lines.push(`  ${printable(change.message)}`);
  }
  for (const [kind, title] of [
    ['blocked', 'Clients blocked'],
    ['admitted', 'Clients admitted'],
  ] as const) {
    const changes = impact.clients.filter((change) => change.kind === kind);
    if (changes.length === 0) continue;
    section(title);
    for (const group of byEndpoint(changes)) {
      lines.push(`  ${printable(group.heading)}`);
      for (const change of group.changes) lines.push(`    ${kind === 'blocked' ? style.red(printable(change.message)) : printable(change.message)}`);
    }
  }
  for (const [change, title] of [
    ['appeared', 'Findings that appear'],
    ['resolved', 'Findings that go'],
  ] as const) {
    const findings = impact.findings.filter((finding) => finding.change === change);
    if (findings.length === 0) continue;
    section(title);
    for (const finding of findings) {
      const severity = finding.severity === 'error' ? style.red('error') : finding.severity === 'warning' ? style.yellow('warning') : style.blue('info');
      lines.push(`  ${printable(findingWhere(finding))} ${severity} ${style.dim(finding.rule)} ${printable(finding.message)}`);
    }
  }
  section('Template changes');
  if ('error' in report.templateDiff) lines.push(`  The template diff could not be computed: ${printable(report.templateDiff.error)}`);
  else if (report.templateDiff.files.length === 0) lines.push('  No template changed.');
  else {
    for (const file of report.templateDiff.files) {
      const name = report.files.find((entry) => entry.file === file.file);
      lines.push(`  ${printable(name?.after ?? name?.before ?? file.file)} (${file.status})`);
      const colours = coloured?.get(file.file);
      const text = colours ?? file.text;
      if (text === '') lines.push('    CloudFormation sees no difference (only formatting or comments changed).');
      else for (const line of text.split('\n')) lines.push(line === '' ? '' : `    ${printable(line, colours !== undefined)}`);
    }
  }
  lines.push('', style.bold(`Summary: ${impactTitle(impact.summary)}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Text from templates (logical ids, descriptions, file names) with control, line-breaking and
 * bidirectional characters written as `\u{…}` escapes, as `check`'s text does: a template must not
 * move the cursor, retitle or recolour the terminal, or reorder what the reader sees. With
 * `keepColours`, the library's own colour sequences (`ESC [ … m`) stay; any other escape is shown.
 */
function printable(text: string, keepColours = false): string {
  return text.replace(/\u001b\[[0-9;]*m|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (match) =>
    keepColours && match.length > 1 ? match : `\\u{${(match.codePointAt(0) ?? 0).toString(16)}}${match.slice(1)}`,
  );
}

// ── Markdown ────────────────────────────────────────────────────────────────────────────────────

/** Plain text safe in markdown: `<region>` would otherwise vanish as an HTML tag, `*` start emphasis. */
function escape(text: string): string {
  return printable(text.replace(/\r?\n/g, ' ')).replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

function codeSpan(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** The editor's report: the same sections as the text, as a markdown document for the preview. */
export function renderDiffMarkdown(report: DiffReport, title: string): string {
  const { impact } = report;
  const out: string[] = [`# ${escape(title)}`, '', `Compared with ${escape(report.base.label)}.`, '', `**${escape(impactTitle(impact.summary))}**`];
  const section = (heading: string) => out.push('', `## ${heading}`, '');
  if (!impact.summary.networkImpact) out.push('', 'No network impact: no DNS name, client path or finding changes.');
  if (impact.dns.length > 0) {
    section('DNS names');
    for (const change of impact.dns) out.push(`- ${escape(change.message)}`);
  }
  for (const [kind, heading] of [
    ['blocked', 'Clients blocked'],
    ['admitted', 'Clients admitted'],
  ] as const) {
    const changes = impact.clients.filter((change) => change.kind === kind);
    if (changes.length === 0) continue;
    section(heading);
    for (const group of byEndpoint(changes)) {
      out.push(`- ${escape(group.heading)}`);
      for (const change of group.changes) out.push(`  - ${escape(change.message)}`);
    }
  }
  for (const [change, heading] of [
    ['appeared', 'Findings that appear'],
    ['resolved', 'Findings that go'],
  ] as const) {
    const findings = impact.findings.filter((finding) => finding.change === change);
    if (findings.length === 0) continue;
    section(heading);
    for (const finding of findings) out.push(`- **${finding.severity}** ${codeSpan(finding.rule)} at ${escape(findingWhere(finding))}: ${escape(finding.message)}`);
  }
  section('Template changes');
  if ('error' in report.templateDiff) out.push(`The template diff could not be computed: ${escape(report.templateDiff.error)}`);
  else if (report.templateDiff.files.length === 0) out.push('No template changed.');
  else {
    for (const file of report.templateDiff.files) {
      const name = report.files.find((entry) => entry.file === file.file);
      out.push(`### ${escape(name?.after ?? name?.before ?? file.file)} (${file.status})`, '');
      if (file.text === '') out.push('CloudFormation sees no difference (only formatting or comments changed).', '');
      else {
        const fence = file.text.includes('```') ? '````' : '```';
        out.push(`${fence}text`, file.text.split('\n').map((line) => printable(line)).join('\n'), fence, '');
      }
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
