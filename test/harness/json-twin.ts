/**
 * The JSON twin of a YAML fixture: the same template written as JSON, with short-form tags in their
 * long form, so that the suite can check that YAML and JSON give the same findings.
 */
import { parse, type Node } from '../../server/src/syntax';

/** The JSON text of a YAML template; throws when the YAML does not parse. */
export function toJsonTwin(yamlText: string): string {
  const result = parse(yamlText);
  if (!result.root || result.errors.length > 0) throw new Error(`fixture does not parse: ${result.errors.map((error) => error.message).join('; ')}`);
  return `${JSON.stringify(toValue(result.root), null, 2)}\n`;
}

function toValue(node: Node): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toValue);
    case 'map': {
      const object: Record<string, unknown> = {};
      for (const pair of node.pairs) object[String(pair.key.value)] = toValue(pair.value);
      return object;
    }
  }
}
