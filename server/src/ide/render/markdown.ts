/**
 * Small markdown builders for hovers and completion documentation: code spans, escaping of text
 * that comes from templates and reasons, tables, and the assembly of sections. VS Code renders hover
 * markdown without HTML, so `<region>` outside a code span would vanish: every piece of template
 * text goes through `code` or `text` here.
 */
import { capitalize, listNames } from '../../rules/helpers';

/** Inline code: a logical id, a DNS name, a property. Backticks inside widen the fence. */
export function code(value: string): string {
  const clean = value.replace(/\r?\n/g, ' ');
  const fence = clean.includes('`') ? '``' : '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Plain text with markdown's special characters escaped, on one line. */
export function text(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

/** A table; cells are markdown already (`text` escapes the `|` that would end a cell). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A bulleted list, one item per line. */
export function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/** Join the sections of a hover with blank lines, dropping empty ones. */
export function sections(...parts: readonly (string | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.trim().length > 0).join('\n\n');
}

/** `a`, `a and b`, `a, b and c`, shortened past `max` with "and N more". */
export function listOf(items: readonly string[], max = 6): string {
  return listNames(items, max);
}

/** `1 subnet`, `2 subnets`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A markdown link. */
export function link(label: string, url: string): string {
  return `[${text(label)}](${url})`;
}

export { capitalize };
