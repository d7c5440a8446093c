/**
 * Helpers that rules' `fix` functions share: a template node as a value to write elsewhere, a free
 * logical id for a new resource, and the entity a finding's structured data names.
 */
import type { Entity } from '../model';
import type { Node } from '../syntax';
import type { Template } from '../template';
import type { RuleContext, TemplateValue } from './rule';

/** A node of the template as a value to write elsewhere, in long form (`!Ref X` → `{ Ref: X }`). */
export function nodeValue(node: Node): TemplateValue {
  switch (node.kind) {
    case 'scalar':
      if (node.style === 'empty') return null;
      return node.value;
    case 'seq':
      return node.items.map(nodeValue);
    case 'map': {
      const value: Record<string, TemplateValue> = {};
      for (const pair of node.pairs) value[String(pair.key.value)] = nodeValue(pair.value);
      return value;
    }
  }
}

/** A logical id based on `base` that the template does not use yet. */
export function freeLogicalId(template: Template, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9]/g, '') || 'Resource';
  if (!template.resources.has(clean)) return clean;
  for (let i = 2; ; i++) if (!template.resources.has(`${clean}${i}`)) return `${clean}${i}`;
}

/** The entity a finding's `data` names by id (`file#logicalId`), if it still exists. */
export function entityFromData<K extends Entity['kind']>(ctx: RuleContext, data: Readonly<Record<string, unknown>> | undefined, key: string, kind: K): Extract<Entity, { kind: K }> | undefined {
  const id = data?.[key];
  if (typeof id !== 'string') return undefined;
  const entity = ctx.model.byId.get(id);
  return entity?.kind === kind ? (entity as Extract<Entity, { kind: K }>) : undefined;
}
