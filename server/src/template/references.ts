/**
 * The reference index: every place a template names one of its own parameters, resources,
 * conditions or mappings (`Ref`, `Fn::GetAtt`, `${…}` in `Fn::Sub`, `DependsOn`, `Condition`,
 * `Fn::If`, `Fn::FindInMap`) and every `Fn::ImportValue`, with the range of the name.
 */
import { scalarText, valueOf, type Node, type TextRange } from '../syntax';
import type { Template } from './template';

export type ReferenceKind = 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'FindInMap' | 'ImportValue';

export interface Reference {
  readonly kind: ReferenceKind;
  /** The name referred to: a logical id, parameter, condition or mapping name; for `ImportValue` the node holds the name. */
  readonly name: string;
  /** The range of the name as written. */
  readonly range: TextRange;
  /** For `ImportValue`: the node of the export name, to evaluate. */
  readonly node?: Node;
}

const MAX_DEPTH = 200;

/** Collect the references of a template, in document order. */
export function collectReferences(template: Template): Reference[] {
  const references: Reference[] = [];
  const text = template.parse.text;
  const visit = (node: Node | undefined, depth: number): void => {
    if (node === undefined || depth > MAX_DEPTH) return;
    if (node.kind === 'seq') {
      for (const item of node.items) visit(item, depth + 1);
      return;
    }
    if (node.kind !== 'map') return;
    if (node.pairs.length === 1) {
      const pair = node.pairs[0];
      const key = String(pair?.key.value ?? '');
      const arg = pair?.value;
      if (pair && arg) {
        switch (key) {
          case 'Ref': {
            const name = scalarText(arg);
            if (name !== undefined && arg.kind === 'scalar') references.push({ kind: 'Ref', name, range: valueRange(arg.range, name, text) });
            return;
          }
          case 'Fn::GetAtt':
            collectGetAtt(arg, text, references);
            break;
          case 'Fn::Sub':
            collectSub(arg, text, references);
            break;
          case 'Fn::If': {
            const first = arg.kind === 'seq' ? arg.items[0] : undefined;
            const name = scalarText(first);
            if (first && name !== undefined) references.push({ kind: 'Condition', name, range: valueRange(first.range, name, text) });
            break;
          }
          case 'Condition': {
            const name = scalarText(arg);
            if (name !== undefined && arg.kind === 'scalar') {
              references.push({ kind: 'Condition', name, range: valueRange(arg.range, name, text) });
              return;
            }
            break;
          }
          case 'Fn::FindInMap': {
            const first = arg.kind === 'seq' ? arg.items[0] : undefined;
            const name = first?.kind === 'scalar' ? scalarText(first) : undefined;
            if (first && name !== undefined) references.push({ kind: 'FindInMap', name, range: valueRange(first.range, name, text) });
            break;
          }
          case 'Fn::ImportValue':
            references.push({ kind: 'ImportValue', name: scalarText(arg) ?? '', range: arg.range, node: arg });
            break;
        }
      }
    }
    for (const pair of node.pairs) visit(pair.value, depth + 1);
  };
  for (const resource of template.resources.values()) {
    for (const entry of resource.dependsOn) {
      references.push({ kind: 'DependsOn', name: String(entry.value), range: valueRange(entry.range, String(entry.value), text) });
    }
    if (resource.conditionNode && resource.condition !== undefined) {
      references.push({ kind: 'Condition', name: resource.condition, range: valueRange(resource.conditionNode.range, resource.condition, text) });
    }
    visit(resource.node, 0);
  }
  for (const output of template.outputs.values()) {
    const condition = valueOf(output.node, 'Condition');
    if (condition?.kind === 'scalar' && output.condition !== undefined) {
      references.push({ kind: 'Condition', name: output.condition, range: valueRange(condition.range, output.condition, text) });
    }
    visit(output.node, 0);
  }
  for (const condition of template.conditions.values()) visit(condition.node, 0);
  visit(template.globals, 0);
  return references.sort((a, b) => a.range[0] - b.range[0]);
}

function collectGetAtt(arg: Node, text: string, references: Reference[]): void {
  if (arg.kind === 'scalar') {
    const value = scalarText(arg) ?? '';
    const dot = value.indexOf('.');
    const name = dot > 0 ? value.slice(0, dot) : value;
    if (name) references.push({ kind: 'GetAtt', name, range: valueRange(arg.range, name, text) });
  } else if (arg.kind === 'seq') {
    const first = arg.items[0];
    const name = scalarText(first);
    if (first && name) references.push({ kind: 'GetAtt', name, range: valueRange(first.range, name, text) });
  }
}

function collectSub(arg: Node, text: string, references: Reference[]): void {
  const templateNode = arg.kind === 'seq' ? arg.items[0] : arg;
  const variables = arg.kind === 'seq' ? arg.items[1] : undefined;
  if (templateNode?.kind !== 'scalar' || typeof templateNode.value !== 'string') return;
  const value = templateNode.value;
  const source = text.slice(templateNode.range[0], templateNode.range[1]);
  const pattern = /\$\{([^}!][^}]*)\}/g;
  let searchFrom = 0;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    const variable = (match[1] ?? '').trim();
    if (variable.startsWith('AWS::')) continue;
    if (variables?.kind === 'map' && valueOf(variables, variable) !== undefined) continue;
    const name = variable.includes('.') ? variable.slice(0, variable.indexOf('.')) : variable;
    // Find the placeholder in the source text, which may differ from the value by quoting and folding.
    const at = source.indexOf(`\${${match[1] ?? ''}`, searchFrom);
    if (at < 0) continue;
    searchFrom = at + 2;
    const start = templateNode.range[0] + at + 2;
    references.push({ kind: 'Sub', name, range: [start, start + name.length] });
  }
}

/** The range of `name` inside a scalar's range, skipping its quotes. */
function valueRange(range: TextRange, name: string, text: string): TextRange {
  const at = text.slice(range[0], range[1]).indexOf(name);
  if (at < 0) return range;
  return [range[0] + at, range[0] + at + name.length];
}

/** The innermost reference at `offset`: in `!ImportValue !Sub "${Stack}-VpcId"`, `Stack` rather than the import. */
export function referenceAt(template: Template, offset: number): Reference | undefined {
  return collectReferences(template)
    .filter((candidate) => candidate.range[0] <= offset && offset <= candidate.range[1])
    .sort((a, b) => a.range[1] - a.range[0] - (b.range[1] - b.range[0]))[0];
}
