/**
 * The structural edits both formats offer, each computed on the current text and tree and returned
 * as text edits on that text. `yaml-edits.ts` and `json-edits.ts` implement them; `intents.ts` builds
 * the intents out of them without knowing which format it writes.
 */
import type { Node, ScalarStyle } from '../../syntax';
import type { TemplateValue } from '../../rules/rule';
import type { Located } from './node-paths';
import type { FileStyle } from './style';
import type { TextEdit } from './text-edit';

/** The text being edited, its tree and its conventions. */
export interface EditDocument {
  readonly text: string;
  readonly root: Node | undefined;
  readonly style: FileStyle;
  /** Whether the text has YAML aliases, so that a node may stand at several paths. */
  readonly aliased?: boolean;
}

/** Where a new key goes in a map. */
export interface PairPlacement {
  /** Index of the pair to insert after; `-1` inserts before the first pair; undefined appends. */
  readonly afterIndex?: number;
  /** Whether the map's entries are separated by blank lines when it has too few entries to tell. */
  readonly blankLinesFallback?: boolean;
}

export interface StructureWriter {
  /** Write `value` in place of the located node; `keep` is the quoting to keep for a string. */
  writeValue(doc: EditDocument, target: Located, value: TemplateValue, keep?: ScalarStyle): TextEdit[];
  /** Add `key: value` to the located map, which may also be an empty value or an empty map. */
  insertPair(doc: EditDocument, target: Located, key: string, value: TemplateValue, placement: PairPlacement): TextEdit[];
  /** Append to the located list; an empty value becomes a one-item list, another value a two-item list. */
  appendItem(doc: EditDocument, target: Located, value: TemplateValue): TextEdit[];
  /** Remove the item at `index` of the located list; the only item leaves an empty list `[]`. */
  removeItem(doc: EditDocument, target: Located, index: number): TextEdit[];
  /** Remove the pair at `index` of the located map; the only pair leaves an empty map `{}`. */
  removePair(doc: EditDocument, target: Located, index: number): TextEdit[];
}
