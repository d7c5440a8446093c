/**
 * Small helpers to point at property nodes of an entity's resource together with the environment
 * they are evaluated in.
 */
import { valueOf, type Node } from '../syntax';
import type { EntityBase, NodeRef } from './network-model';

/** The node of a property of an entity's resource, with its environment. */
export function propertyRef(base: EntityBase, ...path: string[]): NodeRef | undefined {
  return nodeRef(base, base.resource.properties, ...path);
}

/** The node at `path` below `from`, with the entity's environment. */
export function nodeRef(base: EntityBase, from: Node | undefined, ...path: string[]): NodeRef | undefined {
  let node: Node | undefined = from;
  for (const key of path) node = valueOf(node, key);
  return node === undefined ? undefined : { node, env: base.env };
}
