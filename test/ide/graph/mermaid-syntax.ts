/**
 * A strict check of the Mermaid flowchart subset that `renderMermaid` writes, for tests. Mermaid's own
 * flowchart grammar lives only in the `mermaid` package (not in `@mermaid-js/parser`), which needs a
 * DOM and Node 22 for its current versions (docs/diagram.md has the measurements), so the suite checks
 * against this subset instead: every line must be one of the statements below, ids are plain, labels
 * are quoted and hold no character Mermaid could read as syntax (`"`, `|`, `<`, `>`, `&`, `%`, a
 * backtick, or a `#` that does not start an entity code), subgraphs balance, links and classes name
 * declared nodes, and `linkStyle` indexes exist. It is narrower than Mermaid: whatever passes here,
 * Mermaid's parser accepts (checked by hand with mermaid 11, see docs/diagram.md).
 */

const ID = '[A-Za-z][A-Za-z0-9_]*';
const LABEL = '"([^"]*)"';
const RESERVED = new Set(['end', 'subgraph', 'graph', 'flowchart', 'class', 'classDef', 'click', 'style', 'linkStyle', 'direction', 'default', 'call', 'href']);

/** The problems of a Mermaid text; empty when it is in the subset. */
export function mermaidProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== 'flowchart TB') problems.push(`line 1 is not "flowchart TB": ${lines[0]}`);
  const nodes = new Set<string>();
  const subgraphs = new Set<string>();
  const classDefs = new Set<string>();
  let depth = 0;
  let links = 0;
  const label = (value: string | undefined, line: number): void => {
    if (value === undefined) return;
    const bad = /[|<>&%`]/.exec(value) ?? /#(?![A-Za-z]+;|\d+;)/.exec(value);
    if (bad) problems.push(`line ${line}: "${bad[0]}" in label ${JSON.stringify(value)}`);
  };
  const id = (value: string | undefined, line: number): void => {
    if (value !== undefined && RESERVED.has(value)) problems.push(`line ${line}: reserved id ${value}`);
  };
  const patterns: readonly [RegExp, (match: RegExpExecArray, line: number) => void][] = [
    [/^\s*%%[^\n]*$/, () => undefined],
    [new RegExp(`^\\s*subgraph (${ID})\\[${LABEL}\\]$`), (match, line) => {
      id(match[1], line);
      label(match[2], line);
      if (subgraphs.has(match[1] ?? '') || nodes.has(match[1] ?? '')) problems.push(`line ${line}: id ${match[1]} declared twice`);
      subgraphs.add(match[1] ?? '');
      depth++;
    }],
    [/^\s*end$/, (_, line) => {
      depth--;
      if (depth < 0) problems.push(`line ${line}: end without subgraph`);
    }],
    [/^\s*direction (TB|BT|LR|RL)$/, (_, line) => {
      if (depth === 0) problems.push(`line ${line}: direction outside a subgraph`);
    }],
    [new RegExp(`^\\s*(${ID})(?:\\[${LABEL}\\]|\\(\\[${LABEL}\\]\\)|\\[\\[${LABEL}\\]\\])$`), (match, line) => {
      id(match[1], line);
      label(match[2] ?? match[3] ?? match[4], line);
      if (nodes.has(match[1] ?? '') || subgraphs.has(match[1] ?? '')) problems.push(`line ${line}: id ${match[1]} declared twice`);
      nodes.add(match[1] ?? '');
    }],
    [new RegExp(`^\\s*(${ID}) (-->|-\\.->)\\|${LABEL}\\| (${ID})$`), (match, line) => {
      label(match[3], line);
      for (const end of [match[1], match[4]]) if (!nodes.has(end ?? '')) problems.push(`line ${line}: link to undeclared node ${end}`);
      links++;
    }],
    [/^\s*classDef ([A-Za-z][\w-]*) ([\w-]+:[^;\s,]+(?: [^;\s,]+)*(?:,[\w-]+:[^;\s,]+(?: [^;\s,]+)*)*)$/, (match) => {
      classDefs.add(match[1] ?? '');
    }],
    [new RegExp(`^\\s*class (${ID}(?:,${ID})*) ([A-Za-z][\\w-]*)$`), (match, line) => {
      for (const name of (match[1] ?? '').split(',')) if (!nodes.has(name)) problems.push(`line ${line}: class on undeclared node ${name}`);
      if (!classDefs.has(match[2] ?? '')) problems.push(`line ${line}: class ${match[2]} is not defined`);
    }],
    [/^\s*linkStyle (\d+(?:,\d+)*) ([\w-]+:[^;\s,]+(?: [^;\s,]+)*(?:,[\w-]+:[^;\s,]+(?: [^;\s,]+)*)*)$/, (match, line) => {
      for (const index of (match[1] ?? '').split(',')) if (Number(index) >= links) problems.push(`line ${line}: linkStyle ${index} but only ${links} links`);
    }],
  ];
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    for (const [pattern, check] of patterns) {
      const match = pattern.exec(text);
      if (match) {
        check(match, line);
        return;
      }
    }
    problems.push(`line ${line}: not a statement of the subset: ${text}`);
  });
  if (depth !== 0) problems.push(`${depth} subgraph(s) not closed`);
  return problems;
}
