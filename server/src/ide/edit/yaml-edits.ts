/**
 * Structural edits on YAML text. New lines copy the indentation of their neighbours (or the file's
 * unit one level deeper), block lists keep the file's dash column, flow collections stay flow, and
 * every line that is not part of the change is left byte for byte. Comments stay where they are:
 * a comment on the line of a replaced inline value stays on that line, and the comment lines around
 * a removed entry stay (only comments inside it, indented deeper than its key or dash, go with it).
 */
import { isEmptyScalar, isIntrinsicKey, plainValueOf, type MapNode, type Node, type ScalarStyle, type SeqNode } from '../../syntax';
import type { TemplateValue } from '../../rules/rule';
import {
  afterColonOf,
  columnOf,
  contentEndOf,
  dashOf,
  endOfEntryLines,
  entriesSeparatedByBlankLines,
  indentationOf,
  lineEndOf,
  lineStartOf,
  nextLineStartOf,
  onSameLine,
  pairContentEndOf,
  startsLine,
} from './layout';
import { keyName, type Located } from './node-paths';
import { removeBracketedEntry } from './flow-entries';
import { yamlBlockLines, yamlInline, yamlIsInline, yamlItemLines, yamlKey, yamlPairLines } from './render-value';
import { deleteRange, insertAt, replaceRange, type TextEdit } from './text-edit';
import type { EditDocument, PairPlacement, StructureWriter } from './writer';

export const yamlWriter: StructureWriter = {
  writeValue: writeYamlValue,
  insertPair: insertYamlPair,
  appendItem: appendYamlItem,
  removeItem: removeYamlItem,
  removePair: removeYamlPair,
};

/** Whether a located node sits inside a flow collection (or is the argument of a short-form tag). */
function inFlow(target: Located): boolean {
  const parent = target.parent;
  if (parent === undefined) return false;
  return parent.kind === 'pair' ? parent.map.flow : parent.seq.flow;
}

function writeYamlValue(doc: EditDocument, target: Located, value: TemplateValue, keep?: ScalarStyle): TextEdit[] {
  const { text, style } = doc;
  const old = target.node;
  const parent = target.parent;
  const oldEnd = contentEndOf(text, old);
  if (parent === undefined || inFlow(target)) {
    return [replaceRange(old.range[0], oldEnd, yamlInline(value, 'flow', style, keep))];
  }
  if (parent.kind === 'item') {
    const dash = dashOf(text, old);
    if (yamlIsInline(value, style)) return [replaceRange(old.range[0], oldEnd, yamlInline(value, 'block', style, keep))];
    const column = columnOf(text, dash);
    return [replaceRange(dash, oldEnd, yamlItemLines(value, column, style).join(style.eol).slice(column))];
  }
  const key = parent.pair.key;
  const afterColon = afterColonOf(text, parent.pair);
  const keyLineEnd = lineEndOf(text, key.range[0]);
  const empty = isEmptyScalar(old);
  const onKeyLine = !empty && onSameLine(text, key.range[0], old.range[0]);
  if (yamlIsInline(value, style, isIntrinsicKey(keyName(parent.pair)))) {
    const rendered = yamlInline(value, 'block', style, keep);
    if (empty) return [insertAt(afterColon, ` ${rendered}`)];
    if (onKeyLine) return [replaceRange(old.range[0], oldEnd, rendered)];
    return [replaceRange(afterColon, lineEndOf(text, oldEnd), ` ${rendered}`)];
  }
  const block = style.eol + yamlBlockLines(value, columnOf(text, key.range[0]), style).join(style.eol);
  if (empty) return [insertAt(keyLineEnd, block)];
  if (onKeyLine) return moveBelowKey(text, afterColon, oldEnd, block);
  return [replaceRange(keyLineEnd, lineEndOf(text, oldEnd), block)];
}

/**
 * Replace an inline value by lines below its key. A comment after the old value stays on the key's
 * line, so the edit is a deletion of the value plus an insertion at the end of the line.
 */
function moveBelowKey(text: string, afterColon: number, oldEnd: number, block: string): TextEdit[] {
  const lineEnd = lineEndOf(text, oldEnd);
  if (lineEnd === oldEnd) return [replaceRange(afterColon, oldEnd, block)];
  return [deleteRange(afterColon, oldEnd), insertAt(lineEnd, block)];
}

function insertYamlPair(doc: EditDocument, target: Located, key: string, value: TemplateValue, placement: PairPlacement): TextEdit[] {
  const { text, style } = doc;
  const map = target.node;
  if (map.kind !== 'map' || map.pairs.length === 0) {
    return map.kind !== 'seq' && isEmptyValue(map) ? writeYamlValue(doc, target, { [key]: value }) : [];
  }
  if (map.shortTag) return [];
  const anchor = map.pairs[placement.afterIndex ?? map.pairs.length - 1] ?? map.pairs[map.pairs.length - 1];
  const first = map.pairs[0];
  if (anchor === undefined || first === undefined) return [];
  if (map.flow) {
    const entry = `${yamlKey(key, 'flow', style)}: ${yamlInline(value, 'flow', style)}`;
    if (placement.afterIndex === -1) return [insertAt(first.key.range[0], `${entry}, `)];
    return insertAfterFlowEntry(doc, map, pairContentEndOf(text, anchor), entry);
  }
  const column = columnOf(text, first.key.range[0]);
  const lines = yamlPairLines(key, value, column, style).join(style.eol);
  const blank = entriesSeparatedByBlankLines(text, map, placement.blankLinesFallback ?? false) ? style.eol : '';
  if (placement.afterIndex === -1 && startsLine(text, first.key.range[0])) {
    return [insertAt(lineStartOf(text, first.key.range[0]), lines + style.eol + blank)];
  }
  const end = endOfEntryLines(text, pairContentEndOf(text, anchor), column);
  return [insertAt(end, style.eol + blank + lines)];
}

/** Insert `, entry` after an entry of a flow collection, on a new line when the collection has one entry a line. */
function insertAfterFlowEntry(doc: EditDocument, collection: MapNode | SeqNode, after: number, entry: string): TextEdit[] {
  const { text, style } = doc;
  const firstStart = collection.kind === 'map' ? collection.pairs[0]?.key.range[0] : collection.items[0]?.range[0];
  const oneEntryPerLine = firstStart !== undefined && !onSameLine(text, collection.range[0], firstStart);
  const separator = oneEntryPerLine ? `${style.eol}${indentationOf(text, after)}` : ' ';
  // A trailing comma (`[a, b,]`) stays trailing: the new entry goes after it and gets its own.
  const trailing = /^\s*,/.exec(text.slice(after, collection.range[1]));
  if (trailing) return [insertAt(after + trailing[0].length, `${separator}${entry},`)];
  return [insertAt(after, `,${separator}${entry}`)];
}

function appendYamlItem(doc: EditDocument, target: Located, value: TemplateValue): TextEdit[] {
  const { text, style } = doc;
  const list = target.node;
  if (list.kind === 'seq' && list.items.length > 0) {
    const last = list.items[list.items.length - 1] as Node;
    if (list.flow) return insertAfterFlowEntry(doc, list, contentEndOf(text, last), yamlInline(value, 'flow', style));
    const dashColumn = columnOf(text, dashOf(text, last));
    // Comments after the last item belong to the list when indented deeper than its key (a
    // commented-out item); at the key's column they introduce what follows the list.
    const owner = target.parent?.kind === 'pair' ? columnOf(text, target.parent.pair.key.range[0]) : dashColumn;
    const blank = entriesSeparatedByBlankLines(text, list, false) ? style.eol : '';
    const end = endOfEntryLines(text, contentEndOf(text, last), owner);
    return [insertAt(end, style.eol + blank + yamlItemLines(value, dashColumn, style).join(style.eol))];
  }
  if (list.kind === 'seq') {
    // `[]` stays a flow list when the item fits on the line; a map item makes it a block list.
    if (list.flow && yamlIsInline(value, style)) {
      const item = yamlInline(value, 'flow', style);
      return [replaceRange(list.range[0], list.range[1], style.flowListPadding ? `[ ${item} ]` : `[${item}]`)];
    }
    return writeYamlValue(doc, target, [value]);
  }
  if (isEmptyValue(list)) return writeYamlValue(doc, target, [value]);
  return wrapInList(doc, target, value);
}

/** Turn a single value into a list holding it (as written, comments included) and `value`. */
function wrapInList(doc: EditDocument, target: Located, value: TemplateValue): TextEdit[] {
  const { text, style } = doc;
  const old = target.node;
  const parent = target.parent;
  const oldEnd = contentEndOf(text, old);
  const oldText = text.slice(old.range[0], oldEnd);
  const singleLine = !/[\r\n]/.test(oldText);
  const flowList = (items: string): string => (style.flowListPadding ? `[ ${items} ]` : `[${items}]`);
  if (parent === undefined || parent.kind === 'item' || inFlow(target)) {
    if (!singleLine) return writeYamlValue(doc, target, [plainValueOf(old), value]);
    return [replaceRange(old.range[0], oldEnd, flowList(`${oldText}, ${yamlInline(value, 'flow', style)}`))];
  }
  const keyColumn = columnOf(text, parent.pair.key.range[0]);
  if (singleLine && yamlIsInline([plainValueOf(old), value], style)) {
    return [replaceRange(old.range[0], oldEnd, flowList(`${oldText}, ${yamlInline(value, 'flow', style)}`))];
  }
  const dashColumn = keyColumn + style.listIndent;
  const moved = moveIntoItem(text, old, dashColumn, Math.max(2, style.itemIndent));
  if (moved === undefined) return writeYamlValue(doc, target, [plainValueOf(old), value]);
  const lines = [...moved, ...yamlItemLines(value, dashColumn, style)].join(style.eol);
  const start = onSameLine(text, parent.pair.key.range[0], old.range[0]) ? afterColonOf(text, parent.pair) : lineEndOf(text, parent.pair.key.range[0]);
  return [replaceRange(start, lineEndOf(text, oldEnd), style.eol + lines)];
}

/**
 * The lines of an existing value (with a comment at the end of its last line) re-indented as a list
 * item at `dashColumn`; undefined when its continuation lines cannot move that far left.
 */
function moveIntoItem(text: string, node: Node, dashColumn: number, itemIndent: number): string[] | undefined {
  const source = text.slice(node.range[0], lineEndOf(text, contentEndOf(text, node)));
  const [first = '', ...rest] = source.split(/\r?\n/);
  const shift = dashColumn + itemIndent - columnOf(text, node.range[0]);
  const moved: string[] = [];
  for (const line of rest) {
    if (line.trim() === '') moved.push(line);
    else if (shift >= 0) moved.push(' '.repeat(shift) + line);
    else if (/^ *$/.test(line.slice(0, -shift))) moved.push(line.slice(-shift));
    else return undefined;
  }
  return [`${' '.repeat(dashColumn)}-${' '.repeat(itemIndent - 1)}${first}`, ...moved];
}

function removeYamlItem(doc: EditDocument, target: Located, index: number): TextEdit[] {
  const { text } = doc;
  const list = target.node;
  if (list.kind !== 'seq') return [];
  const item = list.items[index];
  if (item === undefined) return [];
  if (list.flow) return removeBracketedEntry(text, list, index);
  // The only item leaves `[]`: the list (and the key that names it) stays, only its content goes.
  if (list.items.length === 1) return writeYamlValue(doc, target, []);
  const dash = dashOf(text, item);
  const next = list.items[index + 1];
  if (!startsLine(text, dash)) {
    // `- - a`: the item shares its line with an outer dash; the next item moves up to take its place.
    return next === undefined ? [] : [deleteRange(dash, dashOf(text, next))];
  }
  // Comment lines deeper than the dash belong to the item and go with it; those at the dash's column stay.
  const end = endOfEntryLines(text, contentEndOf(text, item), columnOf(text, dash));
  return [deleteLines(text, lineStartOf(text, dash), end)];
}

function removeYamlPair(doc: EditDocument, target: Located, index: number): TextEdit[] {
  const { text } = doc;
  const map = target.node;
  if (map.kind !== 'map' || map.shortTag) return [];
  const pair = map.pairs[index];
  if (pair === undefined) return [];
  if (map.flow) return removeBracketedEntry(text, map, index);
  if (map.pairs.length === 1) return writeYamlValue(doc, target, {});
  const next = map.pairs[index + 1];
  if (!startsLine(text, pair.key.range[0])) {
    // `- Key: value` on a dash line: the next key moves up onto the dash's line.
    return next === undefined ? [] : [deleteRange(pair.key.range[0], next.key.range[0])];
  }
  const column = columnOf(text, pair.key.range[0]);
  return [deleteLines(text, lineStartOf(text, pair.key.range[0]), endOfEntryLines(text, pairContentEndOf(text, pair), column))];
}

/**
 * Delete whole lines from `start` (a line start) through the line holding `end`, with their line
 * break. When the lines sat between two blank lines, one of those goes too, so that entries
 * separated by blank lines stay separated by exactly one.
 */
function deleteLines(text: string, start: number, end: number): TextEdit {
  let from = start;
  let to = nextLineStartOf(text, end);
  if (to >= text.length && lineEndOf(text, end) === text.length && from > 0) {
    // The last line of a file without a final line break: take the line break before it instead.
    from = lineEndOf(text, from - 1);
    to = text.length;
  }
  const previousStart = from > 0 ? lineStartOf(text, from - 1) : -1;
  const previousBlank = previousStart >= 0 && text.slice(previousStart, from).trim() === '';
  const followingBlank = to < text.length && text.slice(to, nextLineStartOf(text, to)).trim() === '';
  if (previousBlank && (followingBlank || to >= text.length) && from === start) from = previousStart;
  return deleteRange(from, to);
}

function isEmptyValue(node: Node): boolean {
  if (node.kind === 'scalar') return isEmptyScalar(node) || node.value === null;
  return node.kind === 'map' ? node.pairs.length === 0 : node.items.length === 0;
}
