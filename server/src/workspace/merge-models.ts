/**
 * One network model from the models of the workspace's components: lists are concatenated and maps
 * merged, whatever fields the model has, so that editor features see every template at once while
 * each component is built, cached and analysed on its own.
 */
import { buildNetworkModel, type NetworkModel } from '../model';

/** The union of models built from disjoint sets of templates. */
export function mergeModels(models: readonly NetworkModel[]): NetworkModel {
  const first = models[0];
  if (first === undefined) return buildNetworkModel([]);
  if (models.length === 1) return first;
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (const model of models) {
        const part = (model as unknown as Record<string, unknown>)[key];
        // A loop rather than push(...part): spreading a long list overflows the stack.
        if (Array.isArray(part)) for (const item of part) items.push(item);
      }
      merged[key] = items;
    } else if (value instanceof Map) {
      const map = new Map<unknown, unknown>();
      for (const model of models) {
        const part = (model as unknown as Record<string, unknown>)[key];
        if (part instanceof Map) for (const [entryKey, entry] of part) if (!map.has(entryKey)) map.set(entryKey, entry);
      }
      merged[key] = map;
    } else {
      merged[key] = value;
    }
  }
  return merged as unknown as NetworkModel;
}
