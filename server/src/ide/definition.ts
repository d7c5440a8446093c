/**
 * Go to definition: from a `Ref`, an `Fn::GetAtt`, a `${…}` variable of `Fn::Sub`, a `DependsOn`
 * entry, a condition name or an `Fn::FindInMap` map name to the parameter, resource, condition or
 * mapping it names; and from an `Fn::ImportValue` to the `Export` of the output in another file whose
 * name matches, matched exactly as the workspace links imports (so a name built with
 * `${AWS::StackName}` finds its export when one template fits).
 */
import { pairOf, valueOf, type TextRange } from '../syntax';
import { evaluate, referenceAt, type Reference, type Template } from '../template';
import type { Analysis } from './analysis';

export interface Definition {
  readonly file: string;
  /** The whole declaration: the key and its value. */
  readonly range: TextRange;
  /** The name to select: the key. */
  readonly selectionRange: TextRange;
  /** The name the request came from, for the editor to underline. */
  readonly originRange: TextRange;
}

/** The declarations the name under the cursor refers to; empty when it refers to nothing we know. */
export function definitionAt(analysis: Analysis, file: string, offset: number): Definition[] {
  const entry = analysis.files.get(file);
  if (!entry?.isTemplate) return [];
  const template = entry.template;
  // The innermost reference wins: in `!ImportValue !Sub "${Stack}-VpcId"`, `Stack` goes to the parameter.
  const reference = referenceAt(template, offset);
  if (!reference) return [];
  return reference.kind === 'ImportValue' ? exportDefinitions(analysis, template, reference) : localDefinitions(template, reference);
}

function localDefinitions(template: Template, reference: Reference): Definition[] {
  const at = (key: { readonly range: TextRange }, node: { readonly range: TextRange }): Definition[] => [
    { file: template.file, range: [key.range[0], Math.max(key.range[1], node.range[1])], selectionRange: key.range, originRange: reference.range },
  ];
  const resource = template.resources.get(reference.name);
  const parameter = template.parameters.get(reference.name);
  switch (reference.kind) {
    case 'Ref':
    case 'Sub':
      if (parameter) return at(parameter.keyNode, parameter.node);
      if (resource) return at(resource.keyNode, resource.node);
      return [];
    case 'GetAtt':
    case 'DependsOn':
      return resource ? at(resource.keyNode, resource.node) : [];
    case 'Condition': {
      const condition = template.conditions.get(reference.name);
      return condition ? at(condition.keyNode, condition.node) : [];
    }
    case 'FindInMap': {
      const pair = pairOf(valueOf(template.root, 'Mappings'), reference.name);
      return pair ? at(pair.key, pair.value) : [];
    }
    case 'ImportValue':
      return [];
  }
}

/** The outputs of the other templates whose export the import names. */
function exportDefinitions(analysis: Analysis, template: Template, reference: Reference): Definition[] {
  const env = analysis.model.templates.get(template.file)?.env;
  if (!env || !reference.node) return [];
  const name = evaluate(reference.node, env);
  const imported = name.kind === 'string' ? name : name.kind === 'number' ? { kind: 'string' as const, value: String(name.value) } : undefined;
  if (!imported) return [];
  return analysis.importedExports(imported, template).map((entry) => {
    const exportPair = pairOf(entry.output.node, 'Export');
    return {
      file: entry.template.file,
      range: [entry.output.keyNode.range[0], entry.output.node.range[1]],
      selectionRange: entry.output.exportNameNode?.range ?? exportPair?.key.range ?? entry.output.keyNode.range,
      originRange: reference.range,
    };
  });
}
