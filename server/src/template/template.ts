/**
 * `Template`: the sections of a CloudFormation template with the node of every key, built from a
 * parse result; and template detection, which decides whether a YAML or JSON file is a template at
 * all (anything else gets no finding).
 */
import { pairOf, scalarText, valueOf, type MapNode, type Node, type ParseResult, type ScalarNode } from '../syntax';

export interface Parameter {
  readonly name: string;
  readonly keyNode: ScalarNode;
  readonly node: Node;
  /** `Type` as written, for example `String` or `List<AWS::EC2::Subnet::Id>`. */
  readonly type: string | undefined;
  readonly defaultNode: Node | undefined;
  /** `AllowedValues` when every entry is a literal. */
  readonly allowedValues: readonly string[] | undefined;
}

export interface Resource {
  readonly logicalId: string;
  readonly keyNode: ScalarNode;
  readonly node: Node;
  /** `Type` as written, for example `AWS::EC2::VPCEndpoint`. */
  readonly type: string | undefined;
  readonly typeNode: Node | undefined;
  /** `Properties`, when it is a map. */
  readonly properties: MapNode | undefined;
  readonly propertiesNode: Node | undefined;
  /** The name in `Condition:`, when the resource is conditional. */
  readonly condition: string | undefined;
  readonly conditionNode: ScalarNode | undefined;
  readonly dependsOn: readonly ScalarNode[];
  readonly metadata: Node | undefined;
}

export interface Output {
  readonly name: string;
  readonly keyNode: ScalarNode;
  readonly node: Node;
  readonly valueNode: Node | undefined;
  /** `Export.Name`, when the output is exported. */
  readonly exportNameNode: Node | undefined;
  readonly condition: string | undefined;
}

export interface ConditionDeclaration {
  readonly name: string;
  readonly keyNode: ScalarNode;
  readonly node: Node;
}

export interface Template {
  /** The file's identity (a path or a URI); every reference value carries it. */
  readonly file: string;
  readonly parse: ParseResult;
  /** The root map; an empty map when the file has none. */
  readonly root: MapNode;
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly conditions: ReadonlyMap<string, ConditionDeclaration>;
  readonly mappings: ReadonlyMap<string, Node>;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly outputs: ReadonlyMap<string, Output>;
  /** SAM `Globals`, when present. */
  readonly globals: Node | undefined;
  /** Names in `Transform`, for example `AWS::Serverless-2016-10-31`. */
  readonly transforms: readonly string[];
  readonly metadata: Node | undefined;
}

const EMPTY_MAP: MapNode = { kind: 'map', range: [0, 0], pairs: [], flow: false };

/** Resource types that make a `Resources` entry look like CloudFormation. */
const RESOURCE_TYPE = /^(AWS|Alexa|Custom)::[A-Za-z0-9]+(::[A-Za-z0-9-]+)*$|^Custom::/;

/**
 * Whether a parsed file is a CloudFormation template: it has `AWSTemplateFormatVersion`, or a
 * top-level `Resources` map with at least one entry whose `Type` is `AWS::…`, `Custom::…` or
 * `Alexa::…`. A YAML file that merely has a `Resources` key is not a template.
 */
export function isTemplate(parse: ParseResult): boolean {
  const root = parse.root;
  if (root?.kind === 'map') {
    if (pairOf(root, 'AWSTemplateFormatVersion')) return true;
    const resources = valueOf(root, 'Resources');
    if (resources?.kind === 'map' && resources.pairs.some((pair) => RESOURCE_TYPE.test(scalarText(valueOf(pair.value, 'Type')) ?? ''))) {
      return true;
    }
    return false;
  }
  // A file that failed to parse early may still be recognisably a template.
  if (parse.errors.length > 0 && root === undefined) {
    // No pattern that spans lines: `\s*` runs across blank lines backtrack in cubic time on a file of newlines.
    return /^[\uFEFF \t{]*["']?AWSTemplateFormatVersion["']?[ \t]*:/m.test(parse.text.slice(0, 4096));
  }
  return false;
}

/** Build the sections of a template from its parse result. Never throws. */
export function buildTemplate(file: string, parse: ParseResult): Template {
  const root = parse.root?.kind === 'map' ? parse.root : EMPTY_MAP;
  return {
    file,
    parse,
    root,
    parameters: collect(valueOf(root, 'Parameters'), (name, keyNode, node) => ({
      name,
      keyNode,
      node,
      type: scalarText(valueOf(node, 'Type')),
      defaultNode: valueOf(node, 'Default'),
      allowedValues: literalList(valueOf(node, 'AllowedValues')),
    })),
    conditions: collect(valueOf(root, 'Conditions'), (name, keyNode, node) => ({ name, keyNode, node })),
    mappings: collect(valueOf(root, 'Mappings'), (_name, _keyNode, node) => node),
    resources: collect(valueOf(root, 'Resources'), buildResource),
    outputs: collect(valueOf(root, 'Outputs'), (name, keyNode, node) => ({
      name,
      keyNode,
      node,
      valueNode: valueOf(node, 'Value'),
      exportNameNode: valueOf(valueOf(node, 'Export'), 'Name'),
      condition: scalarText(valueOf(node, 'Condition')),
    })),
    globals: valueOf(root, 'Globals'),
    transforms: transformsOf(valueOf(root, 'Transform')),
    metadata: valueOf(root, 'Metadata'),
  };
}

function buildResource(logicalId: string, keyNode: ScalarNode, node: Node): Resource {
  const propertiesNode = valueOf(node, 'Properties');
  const conditionNode = valueOf(node, 'Condition');
  const dependsOnNode = valueOf(node, 'DependsOn');
  const dependsOn: ScalarNode[] = [];
  if (dependsOnNode?.kind === 'scalar' && typeof dependsOnNode.value === 'string') dependsOn.push(dependsOnNode);
  if (dependsOnNode?.kind === 'seq') {
    for (const item of dependsOnNode.items) if (item.kind === 'scalar' && typeof item.value === 'string') dependsOn.push(item);
  }
  return {
    logicalId,
    keyNode,
    node,
    type: scalarText(valueOf(node, 'Type')),
    typeNode: valueOf(node, 'Type'),
    properties: propertiesNode?.kind === 'map' ? propertiesNode : undefined,
    propertiesNode,
    condition: conditionNode?.kind === 'scalar' ? scalarText(conditionNode) : undefined,
    conditionNode: conditionNode?.kind === 'scalar' ? conditionNode : undefined,
    dependsOn,
    metadata: valueOf(node, 'Metadata'),
  };
}

function collect<T>(section: Node | undefined, build: (name: string, keyNode: ScalarNode, node: Node) => T): ReadonlyMap<string, T> {
  const result = new Map<string, T>();
  if (section?.kind !== 'map') return result;
  for (const pair of section.pairs) {
    const name = String(pair.key.value);
    // The first declaration wins, as the duplicate is already reported as a syntax error.
    if (!result.has(name)) result.set(name, build(name, pair.key, pair.value));
  }
  return result;
}

function literalList(node: Node | undefined): string[] | undefined {
  if (node?.kind !== 'seq') return undefined;
  const values: string[] = [];
  for (const item of node.items) {
    const text = scalarText(item);
    if (text === undefined) return undefined;
    values.push(text);
  }
  return values;
}

function transformsOf(node: Node | undefined): string[] {
  if (node === undefined) return [];
  if (node.kind === 'scalar') return scalarText(node) ? [scalarText(node) as string] : [];
  if (node.kind === 'seq') return node.items.map((item) => scalarText(item) ?? scalarText(valueOf(item, 'Name')) ?? '').filter(Boolean);
  const name = scalarText(valueOf(node, 'Name'));
  return name ? [name] : [];
}

/** Whether the template uses the SAM transform. */
export function isSam(template: Template): boolean {
  return template.transforms.some((name) => name.startsWith('AWS::Serverless'));
}
