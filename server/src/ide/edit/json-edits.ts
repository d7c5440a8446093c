/**
 * Structural edits on JSON text. A collection written over several lines gets new entries on new
 * lines with its entries' indentation (spaces or tabs, as found); a collection on one line stays on
 * one line. Commas are added and removed so that the result is strict JSON with no trailing comma.
 */
import { isIntrinsicKey, plainValueOf, type Node, type ScalarStyle } from '../../syntax';
import type { TemplateValue } from '../../rules/rule';
import { contentEndOf, entriesSeparatedByBlankLines, indentationOf, onSameLine, pairContentEndOf, startsLine } from './layout';
import type { Located } from './node-paths';
import { removeBracketedEntry } from './flow-entries';
import { jsonInline, jsonIsInline, jsonPair, jsonValue } from './render-value';
import { insertAt, replaceRange, type TextEdit } from './text-edit';
import type { EditDocument, PairPlacement, StructureWriter } from './writer';

export const jsonWriter: StructureWriter = {
  writeValue: writeJsonValue,
  insertPair: insertJsonPair,
  appendItem: appendJsonItem,
  removeItem: (doc, target, index) => (target.node.kind === 'seq' ? removeBracketedEntry(doc.text, target.node, index) : []),
  removePair: (doc, target, index) => (target.node.kind === 'map' ? removeBracketedEntry(doc.text, target.node, index) : []),
};

function writeJsonValue(doc: EditDocument, target: Located, value: TemplateValue, _keep?: ScalarStyle): TextEdit[] {
  const old = target.node;
  const intrinsicArgument = target.parent?.kind === 'pair' && isIntrinsicKey(String(target.parent.pair.key.value));
  return [replaceRange(old.range[0], old.range[1], jsonValue(value, indentationOf(doc.text, old.range[0]), doc.style, intrinsicArgument))];
}

/** Whether a bracketed collection has its first entry on a line of its own. */
function spreadOverLines(text: string, collection: Node, firstEntryStart: number): boolean {
  return !onSameLine(text, collection.range[0], firstEntryStart);
}

function insertJsonPair(doc: EditDocument, target: Located, key: string, value: TemplateValue, placement: PairPlacement): TextEdit[] {
  const { text, style } = doc;
  const map = target.node;
  if (map.kind !== 'map') return [];
  const first = map.pairs[0];
  if (first === undefined) return writeJsonValue(doc, target, { [key]: value });
  const anchor = map.pairs[placement.afterIndex ?? map.pairs.length - 1] ?? map.pairs[map.pairs.length - 1];
  if (anchor === undefined) return [];
  if (!spreadOverLines(text, map, first.key.range[0])) {
    const entry = `${JSON.stringify(key)}${style.jsonColon}${jsonInline(value, style)}`;
    if (placement.afterIndex === -1) return [insertAt(first.key.range[0], `${entry}, `)];
    return [insertAt(pairContentEndOf(text, anchor), `, ${entry}`)];
  }
  const indentation = entryIndentation(doc, map, anchor.key.range[0]);
  const blank = entriesSeparatedByBlankLines(text, map, placement.blankLinesFallback ?? false) ? style.eol : '';
  const entry = jsonPair(key, value, indentation, style);
  if (placement.afterIndex === -1) return [insertAt(first.key.range[0], `${entry},${style.eol}${blank}${indentation}`)];
  return [insertAt(pairContentEndOf(text, anchor), `,${style.eol}${blank}${indentation}${entry}`)];
}

function appendJsonItem(doc: EditDocument, target: Located, value: TemplateValue): TextEdit[] {
  const { text, style } = doc;
  const list = target.node;
  if (list.kind === 'seq') {
    const last = list.items[list.items.length - 1];
    const first = list.items[0];
    if (last === undefined || first === undefined) return writeJsonValue(doc, target, [value]);
    if (!spreadOverLines(text, list, first.range[0])) return [insertAt(contentEndOf(text, last), `, ${jsonInline(value, style)}`)];
    const indentation = entryIndentation(doc, list, last.range[0]);
    const blank = entriesSeparatedByBlankLines(text, list, false) ? style.eol : '';
    return [insertAt(contentEndOf(text, last), `,${style.eol}${blank}${indentation}${jsonValue(value, indentation, style)}`)];
  }
  if (list.kind === 'scalar' && list.value === null) return writeJsonValue(doc, target, [value]);
  return wrapInList(doc, target, value);
}

/** Turn a single value into a list holding it, as written, and `value`. */
function wrapInList(doc: EditDocument, target: Located, value: TemplateValue): TextEdit[] {
  const { text, style } = doc;
  const old = target.node;
  const oldText = text.slice(old.range[0], old.range[1]);
  if (!/[\r\n]/.test(oldText) && jsonIsInline([plainValueOf(old), value], style)) {
    const items = `${oldText}, ${jsonInline(value, style)}`;
    return [replaceRange(old.range[0], old.range[1], style.flowListPadding ? `[ ${items} ]` : `[${items}]`)];
  }
  const indentation = indentationOf(text, old.range[0]);
  const inner = indentation + style.indentUnit;
  // The old value moves one level deeper; JSON ignores whitespace, so its own lines just gain one unit.
  const moved = oldText.replace(/\r?\n/g, (eol) => eol + style.indentUnit);
  const items = [`${inner}${moved}`, `${inner}${jsonValue(value, inner, style)}`].join(`,${style.eol}`);
  return [replaceRange(old.range[0], old.range[1], `[${style.eol}${items}${style.eol}${indentation}]`)];
}

/** The indentation of a collection's entries: that of an entry's line, or one unit deeper than the collection's. */
function entryIndentation(doc: EditDocument, collection: Node, entryStart: number): string {
  if (startsLine(doc.text, entryStart)) return indentationOf(doc.text, entryStart);
  return indentationOf(doc.text, collection.range[0]) + doc.style.indentUnit;
}
