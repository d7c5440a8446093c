/**
 * Renders the diagram model as a Mermaid flowchart, for Markdown that renders Mermaid (GitHub,
 * GitLab, many wikis): each VPC a subgraph, each Availability Zone a subgraph in it, each subnet a
 * subgraph with its workloads and endpoint interfaces as nodes, the private-DNS names as nodes of the
 * VPC, and one link from each client to the interface it calls, styled by verdict. Mermaid lays it out
 * itself. Labels are always quoted, and every character that Mermaid's grammar or its HTML labels
 * could read as syntax is written as a Mermaid entity code (`#quot;`, `#lt;`…), so that template content
 * cannot break the chart. Node ids are generated in drawing order (`v1_n3`), never taken from the template.
 */
import type { Diagram, DiagramVpc, EdgeState } from './graph-model';

const EDGE_STYLES: Readonly<Record<EdgeState, string>> = {
  allowed: 'stroke:#1a7f37,stroke-width:2px',
  blocked: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:6 3',
  unknown: 'stroke:#9a6700,stroke-width:2px,stroke-dasharray:2 3',
};

const CLASS_DEFS: readonly string[] = [
  'classDef workload fill:#ddf4ff,stroke:#0969da,color:#1f2328',
  'classDef interface fill:#fbefff,stroke:#8250df,color:#1f2328',
  'classDef client fill:#ffffff,stroke:#8c959f,color:#59636e,stroke-dasharray:3 3',
  'classDef dns fill:#e9dcfd,stroke:#a475f9,color:#6639ba',
  'classDef endpoint fill:#ffffff,stroke:#8250df,color:#1f2328',
  'classDef note fill:#ffffff,stroke:#8c959f,color:#59636e',
  'classDef conditional stroke-dasharray:5 3',
];

/** The Mermaid flowchart of a diagram. */
export function renderMermaid(diagram: Diagram): string {
  const lines: string[] = ['flowchart TB', '  %% cfn-network-lens network diagram. Conditions are undecided: resources that exist only under a condition say "if <condition>".'];
  const links: { from: string; to: string; state: EdgeState; label: string }[] = [];
  const classes = new Map<string, string[]>();
  const classify = (id: string, ...names: string[]): void => {
    for (const name of names) {
      const list = classes.get(name) ?? [];
      list.push(id);
      classes.set(name, list);
    }
  };
  diagram.vpcs.forEach((vpc, index) => renderVpc(vpc, `v${index + 1}`, lines, links, classify));
  if (diagram.vpcs.length === 0) {
    lines.push(`  empty["${mermaidText(diagram.empty ?? 'Nothing to draw.')}"]`);
    classify('empty', 'note');
  }
  for (const link of links) {
    const arrow = link.state === 'unknown' ? '-.->' : '-->';
    lines.push(`  ${link.from} ${arrow}|"${mermaidText(link.label)}"| ${link.to}`);
  }
  lines.push(...CLASS_DEFS.map((line) => `  ${line}`));
  for (const [name, ids] of classes) lines.push(`  class ${ids.join(',')} ${name}`);
  for (const state of ['allowed', 'blocked', 'unknown'] as const) {
    const indexes = links.flatMap((link, index) => (link.state === state ? [index] : []));
    if (indexes.length > 0) lines.push(`  linkStyle ${indexes.join(',')} ${EDGE_STYLES[state]}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderVpc(
  vpc: DiagramVpc,
  prefix: string,
  lines: string[],
  links: { from: string; to: string; state: EdgeState; label: string }[],
  classify: (id: string, ...names: string[]) => void,
): void {
  const ids = new Map<string, string>();
  let counter = 0;
  const idOf = (key: string): string => {
    let id = ids.get(key);
    if (!id) {
      id = `${prefix}_n${++counter}`;
      ids.set(key, id);
    }
    return id;
  };
  const condition = (name: string | undefined): string => (name ? ` · if ${name}` : '');
  const title = [vpc.label.text, vpc.cidr.text, ...(vpc.declared ? [] : ['not declared in the workspace'])].join(' · ') + condition(vpc.condition);
  lines.push(`  subgraph ${prefix}["${mermaidText(title)}"]`);
  lines.push('    direction TB');
  for (const band of vpc.privateDns) {
    const id = idOf(band.id);
    lines.push(`    ${id}[["${mermaidText(`Private DNS: ${band.text}${band.state === 'unknown' ? ' (if private DNS is on)' : ''}${condition(band.condition)}`)}"]]`);
    classify(id, 'dns', ...(band.condition ? ['conditional'] : []));
  }
  vpc.zones.forEach((zone, zoneIndex) => {
    lines.push(`    subgraph ${prefix}_z${zoneIndex + 1}["${mermaidText(zone.label.text)}"]`);
    lines.push('      direction TB');
    for (const subnet of zone.subnets) {
      const subnetId = idOf(subnet.id);
      lines.push(`      subgraph ${subnetId}["${mermaidText(`${subnet.label} · ${subnet.cidr.text} · ${subnet.route.text}${condition(subnet.condition)}`)}"]`);
      if (subnet.client) {
        // Links from a subgraph confuse Mermaid's layout; a node stands for the subnet's interfaces.
        const id = idOf(`${subnet.id}#any`);
        lines.push(`        ${id}(["any interface in ${mermaidText(subnet.label)}"])`);
        classify(id, 'client');
      }
      for (const workload of subnet.workloads) {
        const id = idOf(workload.id);
        lines.push(`        ${id}["${mermaidText(`${workload.label} · ${workload.detail}${condition(workload.condition)}`)}"]`);
        classify(id, 'workload', ...(workload.condition ? ['conditional'] : []));
      }
      for (const eni of subnet.interfaces) {
        const id = idOf(eni.id);
        lines.push(`        ${id}["${mermaidText(`${eni.label} · ${eni.detail}${condition(eni.condition)}`)}"]`);
        classify(id, 'interface', ...(eni.condition ? ['conditional'] : []));
      }
      for (const gateway of subnet.gateways) {
        const id = idOf(`${subnet.id}#gateway#${gateway.endpointId}`);
        lines.push(`        ${id}["${mermaidText(`route → ${gateway.label} · ${gateway.detail}`)}"]`);
        classify(id, 'note');
      }
      lines.push('      end');
    }
    lines.push('    end');
  });
  if (vpc.zones.length === 0) {
    const id = idOf('none');
    lines.push(`    ${id}["No subnet of this VPC is declared in the workspace."]`);
    classify(id, 'note');
  }
  for (const endpoint of vpc.endpoints) {
    const id = idOf(endpoint.id);
    lines.push(`    ${id}["${mermaidText(`${endpoint.label} · ${endpoint.detail} · ${endpoint.note.text}${condition(endpoint.condition)}`)}"]`);
    classify(id, 'endpoint', ...(endpoint.condition ? ['conditional'] : []));
  }
  lines.push('  end');
  for (const edge of vpc.edges) {
    const from = ids.get(edge.from.startsWith('subnet:') ? `${edge.from}#any` : edge.from);
    const to = ids.get(edge.to);
    if (from && to) links.push({ from, to, state: edge.state, label: edge.label });
  }
}

/**
 * Text for inside a quoted Mermaid label. `#` goes first because the entity codes that follow use it;
 * Mermaid turns `#name;` and `#123;` back into characters when it draws. `%` is encoded so that no
 * `%%{init: …}%%` directive can be smuggled in, `<`, `>` and `&` so that HTML labels stay text, `|`
 * and backticks so that edge labels and Markdown strings cannot end early. Line breaks become spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/%/g, '#37;');
}
