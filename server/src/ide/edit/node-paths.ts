/**
 * Finding nodes again. Intents name nodes of the tree the rule saw; edits are computed on a tree
 * re-parsed after every intent, so each node is turned into its path (keys and indexes from the
 * root) once, and the path is looked up in each new tree. Also: a node's parent, and a node read
 * back as a plain `TemplateValue`.
 */
import type { MapNode, Node, NodePath, Pair, SeqNode } from '../../syntax';
import type { TemplateValue } from '../../rules/rule';

/** Where a node sits: the pair of a map it is the value of, or the item of a list. */
export type Parent =
  | { readonly kind: 'pair'; readonly map: MapNode; readonly pair: Pair; readonly index: number }
  | { readonly kind: 'item'; readonly seq: SeqNode; readonly index: number };

export interface Located {
  readonly node: Node;
  readonly path: NodePath;
  /** Undefined for the root. */
  readonly parent: Parent | undefined;
}

/**
 * The path of `target` below `root`: the node itself when it is in this tree, else a node of the
 * same kind and range (the same text parsed again).
 */
export function pathOfNode(root: Node | undefined, target: Node): NodePath | undefined {
  if (root === undefined) return undefined;
  return search(root, [], (node) => node === target) ?? search(root, [], (node) => node.kind === target.kind && node.range[0] === target.range[0] && node.range[1] === target.range[1]);
}

function search(node: Node, path: (string | number)[], matches: (node: Node) => boolean): NodePath | undefined {
  if (matches(node)) return [...path];
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      const found = search(pair.value, [...path, keyName(pair)], matches);
      if (found) return found;
    }
  } else if (node.kind === 'seq') {
    for (let index = 0; index < node.items.length; index++) {
      const found = search(node.items[index] as Node, [...path, index], matches);
      if (found) return found;
    }
  }
  return undefined;
}

export function keyName(pair: Pair): string {
  return String(pair.key.value);
}

/**
 * The node at `path` with its parent; undefined when there is none, or when the path goes through a
 * YAML alias, whose text is the anchored node's elsewhere in the file (an edit there would change
 * every use of the anchor).
 */
export function locate(root: Node | undefined, path: NodePath): Located | undefined {
  if (root === undefined) return undefined;
  let node: Node = root;
  let parent: Parent | undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (node.kind !== 'seq') return undefined;
      const item = node.items[step];
      if (item === undefined) return undefined;
      // A YAML alias (`- *name`) shares the anchored node, which is written earlier: its text is not here.
      const previous = step > 0 ? node.items[step - 1] : undefined;
      if (item.range[0] < (previous ? previous.range[1] : node.range[0])) return undefined;
      parent = { kind: 'item', seq: node, index: step };
      node = item;
    } else {
      if (node.kind !== 'map') return undefined;
      const index = node.pairs.findIndex((pair) => keyName(pair) === step);
      const pair = node.pairs[index];
      if (pair === undefined) return undefined;
      if (pair.value.range[0] < pair.key.range[1]) return undefined;
      parent = { kind: 'pair', map: node, pair, index };
      node = pair.value;
    }
  }
  return { node, path, parent };
}

/**
 * Whether a node of the subtree `removed` is reached at more than one path below `root`: removing it
 * would remove an anchor that aliases elsewhere still use (or one use of it, which is harmless, but
 * cannot be told apart without the anchor).
 */
export function holdsShared(root: Node | undefined, removed: Node): boolean {
  const inside = new Set<Node>();
  const collect = (node: Node): void => {
    if (inside.has(node)) return;
    inside.add(node);
    if (node.kind === 'seq') node.items.forEach(collect);
    if (node.kind === 'map') for (const pair of node.pairs) collect(pair.value);
  };
  collect(removed);
  const seen = new Set<Node>();
  const visit = (node: Node): boolean => {
    if (inside.has(node)) {
      if (seen.has(node)) return true;
      seen.add(node);
    }
    if (node.kind === 'seq') return node.items.some(visit);
    if (node.kind === 'map') return node.pairs.some((pair) => visit(pair.value));
    return false;
  };
  return root !== undefined && visit(root);
}

/** Whether `target` is reached at more than one path below `root`: an anchored node that aliases repeat. */
export function isShared(root: Node | undefined, target: Node): boolean {
  let seen = 0;
  const visit = (node: Node): boolean => {
    if (node === target && ++seen > 1) return true;
    if (node.kind === 'seq') return node.items.some(visit);
    if (node.kind === 'map') return node.pairs.some((pair) => visit(pair.value));
    return false;
  };
  return root !== undefined && visit(root);
}

/** Structural equality of two plain values. */
export function sameValue(a: TemplateValue, b: TemplateValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item: TemplateValue, index: number) => sameValue(item, b[index] as TemplateValue));
  }
  const left = a as { readonly [key: string]: TemplateValue };
  const right = b as { readonly [key: string]: TemplateValue };
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => key in right && sameValue(left[key] as TemplateValue, right[key] as TemplateValue));
}

export function startsWithPath(path: NodePath, prefix: NodePath): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => path[index] === step);
}
