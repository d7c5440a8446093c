/**
 * Where things sit in the text: line starts and ends, columns, where a node's content really ends
 * (the `yaml` package lets block collections run on over trailing newlines and comments), the colon
 * after a key, and whether the entries of a collection are separated by blank lines.
 * Everything here reads the text; nothing edits it.
 */
import type { MapNode, Node, Pair, SeqNode } from '../../syntax';

/** The offset where the line holding `offset` starts. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the line break ending the line that holds `offset` (before `\r\n`), or the text's end. */
export function lineEndOf(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return newline > 0 && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
}

/** The offset just after the line break that ends the line holding `offset`, or the text's end. */
export function nextLineStartOf(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The whitespace that opens the line holding `offset`. */
export function indentationOf(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, lineEndOf(text, start)))?.[0] ?? '';
}

/** Whether only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

export function onSameLine(text: string, a: number, b: number): boolean {
  return lineStartOf(text, a) === lineStartOf(text, b);
}

/**
 * The offset just after the last character of a node's own content: the closing bracket of a flow
 * collection, the end of a scalar, or the content end of the last entry of a block collection,
 * without the line breaks and comments that the parser may count as part of it.
 */
export function contentEndOf(text: string, node: Node): number {
  switch (node.kind) {
    case 'scalar':
      if (node.style === 'literal' || node.style === 'folded') return trimEnd(text, node.range[0], node.range[1]);
      return node.range[1];
    case 'seq': {
      const last = node.items[node.items.length - 1];
      if (node.flow || last === undefined) return node.range[1];
      return contentEndOf(text, last);
    }
    case 'map': {
      const last = node.pairs[node.pairs.length - 1];
      if ((node.flow && !node.shortTag) || last === undefined) return node.range[1];
      return pairContentEndOf(text, last);
    }
  }
}

/** The content end of a pair: its value's, or the end of the key (and colon) when the value is empty. */
export function pairContentEndOf(text: string, pair: Pair): number {
  return Math.max(pair.key.range[1], contentEndOf(text, pair.value));
}

function trimEnd(text: string, start: number, end: number): number {
  let position = end;
  while (position > start && /\s/.test(text.charAt(position - 1))) position--;
  return position;
}

/** The offset just after the `:` that follows a key, when there is one within the line. */
export function afterColonOf(text: string, pair: Pair): number {
  const lineEnd = lineEndOf(text, pair.key.range[1]);
  for (let position = pair.key.range[1]; position < lineEnd; position++) {
    const c = text.charAt(position);
    if (c === ':') return position + 1;
    if (c !== ' ' && c !== '\t') break;
  }
  return pair.key.range[1];
}

/**
 * The line end after `offset`, moved down over the comment lines that directly follow and are
 * indented deeper than `column`: such comments belong to the entry above (a commented-out key or
 * list item), while a comment at the entry's own column introduces the next entry.
 */
export function endOfEntryLines(text: string, offset: number, column: number): number {
  let end = lineEndOf(text, offset);
  for (;;) {
    const next = nextLineStartOf(text, end);
    if (next >= text.length) return end;
    const nextEnd = lineEndOf(text, next);
    const line = text.slice(next, nextEnd);
    const match = /^( *)#/.exec(line);
    if (!match || (match[1] ?? '').length <= column) return end;
    end = nextEnd;
  }
}

/** Whether the text between two offsets holds an empty (or whitespace-only) line. */
export function hasBlankLineBetween(text: string, from: number, to: number): boolean {
  const between = text.slice(lineEndOf(text, from), Math.max(from, lineStartOf(text, to)));
  return /\n[ \t]*\r?\n/.test(between);
}

/**
 * Whether most gaps between the entries of a block collection hold a blank line, as resources
 * often do; `fallback` answers when there are fewer than two entries to compare.
 */
export function entriesSeparatedByBlankLines(text: string, collection: MapNode | SeqNode, fallback: boolean): boolean {
  const spans = collection.kind === 'map'
    ? collection.pairs.map((pair) => [pair.key.range[0], pairContentEndOf(text, pair)] as const)
    : collection.items.map((item) => [item.range[0], contentEndOf(text, item)] as const);
  if (spans.length < 2) return fallback;
  let separated = 0;
  for (let index = 1; index < spans.length; index++) {
    const previous = spans[index - 1];
    const current = spans[index];
    if (previous && current && hasBlankLineBetween(text, previous[1], current[0])) separated++;
  }
  return separated * 2 > spans.length - 1;
}

/** The offset of the `-` that introduces a block sequence item, scanning back on the item's line. */
export function dashOf(text: string, item: Node): number {
  const lineStart = lineStartOf(text, item.range[0]);
  for (let position = item.range[0] - 1; position >= lineStart; position--) {
    if (text.charAt(position) === '-' && /[ \t\r\n]/.test(text.charAt(position + 1) || ' ')) return position;
  }
  return item.range[0];
}
