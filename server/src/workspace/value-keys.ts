/**
 * Keys for values and environments: strings that are equal exactly when the analysis could not tell
 * the values (or the environments a template is evaluated in) apart, so that results computed for
 * one can be reused for the other.
 */
import type { EvalEnv, Value } from '../template';

/** A string equal for two environments that evaluate the same template alike. */
export function envKey(env: EvalEnv): string {
  const parameters = [...(env.parameters ?? new Map<string, Value>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([env.region ?? null, env.stackName ?? null, parameters.map(([name, value]) => [name, valueKey(value)])]);
}

/** A value as a string that tells apart every two values the analysis could treat differently. */
export function valueKey(value: Value): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(['s', value.value, value.symbols ?? [], value.joined ? [value.joined.delimiter, value.joined.items.map(valueKey)] : null]);
    case 'list':
      return JSON.stringify(['l', value.items.map(valueKey)]);
    case 'map':
      return JSON.stringify(['m', value.file, [...value.entries].map(([key, entry]) => [key, valueKey(entry)])]);
    case 'unknown':
      return JSON.stringify(['u', value.reason, value.identity ?? null, value.origin ? [value.origin.file, ...value.origin.range] : null]);
    default:
      // Numbers, booleans, references, Availability Zones: small plain values.
      return JSON.stringify(['v', value]);
  }
}
