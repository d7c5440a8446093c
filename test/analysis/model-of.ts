/**
 * Builds the network model of a small template for analysis tests, and finds its entities by logical id.
 */
import { analyzeText } from '../../server/src/ide/analysis';
import type { Entity, NetworkModel } from '../../server/src/model';

export function modelOf(text: string, file = 't.yaml'): NetworkModel {
  return analyzeText(file, text, { rules: [] }).model;
}

/** The entity with this logical id and kind; throws when the template has none. */
export function entity<K extends Entity['kind']>(model: NetworkModel, kind: K, logicalId: string, file = 't.yaml'): Extract<Entity, { kind: K }> {
  const found = model.byId.get(`${file}#${logicalId}`);
  if (found?.kind !== kind) throw new Error(`no ${kind} "${logicalId}"`);
  return found as Extract<Entity, { kind: K }>;
}
