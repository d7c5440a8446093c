/**
 * Removing an entry from a bracketed collection: a YAML flow list or map, or any JSON array or
 * object. The entry goes with one neighbouring comma, so that `[a, b, c]` loses `, b` and the
 * syntax stays valid; removing the only entry leaves `[]` or `{}`.
 */
import type { MapNode, SeqNode } from '../../syntax';
import { contentEndOf, pairContentEndOf } from './layout';
import { deleteRange, type TextEdit } from './text-edit';

/** The start and content end of each entry of a bracketed collection. */
export function entrySpans(text: string, collection: MapNode | SeqNode): (readonly [number, number])[] {
  return collection.kind === 'map'
    ? collection.pairs.map((pair) => [pair.key.range[0], pairContentEndOf(text, pair)] as const)
    : collection.items.map((item) => [item.range[0], contentEndOf(text, item)] as const);
}

export function removeBracketedEntry(text: string, collection: MapNode | SeqNode, index: number): TextEdit[] {
  const spans = entrySpans(text, collection);
  const entry = spans[index];
  if (entry === undefined) return [];
  if (spans.length === 1) return [deleteRange(collection.range[0] + 1, collection.range[1] - 1)];
  const previous = spans[index - 1];
  if (previous !== undefined) return [deleteRange(previous[1], entry[1])];
  const next = spans[index + 1];
  return next === undefined ? [] : [deleteRange(entry[0], next[0])];
}
