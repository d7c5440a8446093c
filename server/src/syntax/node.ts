/**
 * The syntax tree every later layer reads: maps, sequences and scalars with their offset ranges,
 * the same shape for YAML and JSON, with CloudFormation short-form tags already turned into their
 * long form. Nodes are plain readonly values with no semantics.
 */

/** A half-open range of UTF-16 offsets into the document text: `[start, end)`. */
export type TextRange = readonly [start: number, end: number];

/** How a scalar was written, so that edits can keep the author's quoting. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'empty';

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly range: TextRange;
  /** The value as YAML 1.2 core schema (and JSON) read it. */
  readonly value: string | number | boolean | null;
  /** The characters of a plain scalar as written (`0123` stays `0123`), for values read as strings. */
  readonly source: string;
  readonly style: ScalarStyle;
}

export interface Pair {
  readonly key: ScalarNode;
  /** A key written without a value (`Key:`) has an empty scalar with an empty range after the colon. */
  readonly value: Node;
  readonly range: TextRange;
}

/** Where a long-form intrinsic came from when the file used a short-form tag such as `!Ref`. */
export interface ShortTag {
  /** The tag as written, for example `!GetAtt`. */
  readonly tag: string;
  readonly range: TextRange;
}

export interface MapNode {
  readonly kind: 'map';
  readonly range: TextRange;
  readonly pairs: readonly Pair[];
  readonly flow: boolean;
  /**
   * Set on the one-key map `{ "Fn::X": value }` made from a short-form tag.
   * Invariant: such a map has exactly one pair, whose key range is the tag's range.
   */
  readonly shortTag?: ShortTag;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly range: TextRange;
  readonly items: readonly Node[];
  readonly flow: boolean;
}

export type Node = ScalarNode | MapNode | SeqNode;

/** A path from the root: map keys and sequence indexes, as in `["Resources", "Vpc", "Properties"]`. */
export type NodePath = readonly (string | number)[];

/** The pair of `map` whose key is `key`, if any (the first one when keys repeat). */
export function pairOf(map: Node | undefined, key: string): Pair | undefined {
  if (map?.kind !== 'map') return undefined;
  return map.pairs.find((pair) => pair.key.value === key || pair.key.source === key);
}

/** The value of `key` in `map`, if `map` is a map that has it. */
export function valueOf(map: Node | undefined, key: string): Node | undefined {
  return pairOf(map, key)?.value;
}

/** The node at `path` below `root`, if every step exists. */
export function nodeAtPath(root: Node | undefined, path: NodePath): Node | undefined {
  let node = root;
  for (const step of path) {
    if (node === undefined) return undefined;
    if (typeof step === 'number') node = node.kind === 'seq' ? node.items[step] : undefined;
    else node = valueOf(node, step);
  }
  return node;
}

/** Whether a node is the empty scalar that stands for a missing value. */
export function isEmptyScalar(node: Node | undefined): boolean {
  return node?.kind === 'scalar' && node.style === 'empty';
}

/** A scalar's value as a string (numbers and booleans as written), or undefined for other nodes. */
export function scalarText(node: Node | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.style === 'plain' ? node.source : String(node.value);
}

/**
 * The chain of nodes from the root to the innermost node whose range contains `offset`,
 * with the path of keys and indexes that leads there. Keys count as part of their pair.
 */
export function nodesAt(root: Node, offset: number): { readonly nodes: readonly Node[]; readonly path: NodePath; readonly onKey: boolean } {
  const nodes: Node[] = [root];
  const path: (string | number)[] = [];
  let onKey = false;
  let node: Node = root;
  for (;;) {
    let next: Node | undefined;
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        if (offset >= pair.key.range[0] && offset <= pair.key.range[1]) {
          path.push(String(pair.key.value));
          nodes.push(pair.key);
          onKey = true;
          return { nodes, path, onKey };
        }
        if (offset >= pair.value.range[0] && offset <= pair.value.range[1] && pair.value.range[1] > pair.value.range[0]) {
          path.push(String(pair.key.value));
          next = pair.value;
          break;
        }
      }
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => offset >= item.range[0] && offset <= item.range[1]);
      if (index >= 0) {
        path.push(index);
        next = node.items[index];
      }
    }
    if (next === undefined) return { nodes, path, onKey };
    nodes.push(next);
    node = next;
  }
}

/**
 * The path to the innermost node (or key) whose range contains all of `range`: where a finding with
 * that range sits in the document, the same for YAML short-form tags and their JSON long form.
 */
export function pathOfRange(root: Node, range: TextRange): NodePath {
  const path: (string | number)[] = [];
  const contains = (outer: TextRange) => outer[0] <= range[0] && range[1] <= outer[1];
  let node: Node = root;
  for (let depth = 0; depth < 512; depth++) {
    let next: Node | undefined;
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        if (!node.shortTag && contains(pair.key.range) && pair.key.range[1] > pair.key.range[0]) {
          path.push(String(pair.key.value));
          return path;
        }
        if (contains(pair.value.range)) {
          path.push(String(pair.key.value));
          next = pair.value;
          break;
        }
      }
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => contains(item.range));
      if (index >= 0) {
        path.push(index);
        next = node.items[index];
      }
    }
    if (next === undefined) return path;
    node = next;
  }
  return path;
}

/** Plain data as YAML and JSON write it. */
export type PlainValue = string | number | boolean | null | readonly PlainValue[] | { readonly [key: string]: PlainValue };

/**
 * A node as plain data (intrinsics in the long form the tree holds). Keys are defined, not assigned,
 * so that a `__proto__` key in a template stays a key and never sets the object's prototype.
 */
export function plainValueOf(node: Node): PlainValue {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainValueOf);
    case 'map': {
      const object: Record<string, PlainValue> = {};
      for (const pair of node.pairs) {
        Object.defineProperty(object, String(pair.key.value), { value: plainValueOf(pair.value), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
  }
}
