/**
 * Helpers for the workspace tests: templates from text, a linked workspace of several files, and
 * values of nodes written as paths (`Resources.Subnet.Properties.VpcId`) in one of its templates.
 */
import { nodeAtPath, parse } from '../../server/src/syntax';
import { ANY_SCENARIO, buildTemplate, describeValue, evaluate, type Template, type Value } from '../../server/src/template';
import { linkWorkspace, type LinkedWorkspace, type LinkOptions } from '../../server/src/workspace/link';

/** A template of a file, from its YAML or JSON text. */
export function templateOf(file: string, text: string): Template {
  return buildTemplate(file, parse(text));
}

/** Link the given files (name → text). */
export function link(files: Readonly<Record<string, string>>, options: LinkOptions = {}): LinkedWorkspace {
  return linkWorkspace(Object.entries(files).map(([file, text]) => templateOf(file, text)), options);
}

/** The value of the node at a dotted path in one template of a linked workspace. */
export function valueAt(linked: LinkedWorkspace, file: string, path: string): Value {
  const entry = linked.templates.find((candidate) => candidate.template.file === file);
  if (!entry) throw new Error(`no template ${file}`);
  const node = nodeAtPath(entry.template.root, path.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step)));
  if (!node) throw new Error(`no node at ${path} in ${file}`);
  return evaluate(node, entry.env, ANY_SCENARIO);
}

/** A value in a short form for assertions: references as `file#Logical`, lists in brackets. */
export function show(value: Value): string {
  switch (value.kind) {
    case 'ref':
      return `${value.target.file}#${value.target.logicalId}`;
    case 'getAtt':
      return `${value.target.file}#${value.target.logicalId}.${value.attribute}`;
    case 'list':
      return `[${value.items.map(show).join(', ')}]`;
    case 'unknown':
      return `unknown: ${value.reason}`;
    default:
      return describeValue(value);
  }
}
