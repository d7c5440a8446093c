/**
 * `evaluate(node, env, scenario)`: the value of a template expression as far as the template decides
 * it. Literals, parameter defaults, pseudo parameters (kept symbolic unless the region is known),
 * `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::GetAZs`, `Fn::Cidr`,
 * `Fn::FindInMap`, `Fn::If` (through the scenario) and `Fn::ImportValue` (through the environment);
 * anything else is *unknown* with the reason why. Never throws.
 */
import { isIntrinsicKey, scalarText, valueOf, type MapNode, type Node } from '../syntax';
import { cidrSubnets } from './fn-cidr';
import type { Template } from './template';
import {
  identityOf,
  isUnknown,
  joinedStr,
  literalInteger,
  literalString,
  sameValue,
  splitString,
  str,
  unknown,
  type StringValue,
  type Value,
} from './values';

/**
 * A parameter value, default or pinned, as the parameter's type reads it: list types split a
 * comma-joined string (a join of references splits back into the references), `Number` reads a
 * numeric string.
 */
export function typedParameterValue(value: Value, type: string): Value {
  if ((type.startsWith('List<') || type === 'CommaDelimitedList') && value.kind === 'string') {
    if (value.value === '' && !value.joined) return { kind: 'list', items: [] };
    const split = splitString(value, ',');
    return { kind: 'list', items: split.items.map((item) => (item.kind === 'string' && !item.symbols ? str(item.value.trim()) : item)) };
  }
  if (type === 'Number' && value.kind === 'string' && !value.symbols && /^-?\d+(\.\d+)?$/.test(value.value.trim())) {
    return { kind: 'number', value: Number(value.value) };
  }
  return value;
}

/** What a template is evaluated against: its own sections and what the workspace knows about it. */
export interface EvalEnv {
  readonly template: Template;
  /** Parameter values pinned from outside: parameter files, or the parent stack of a nested stack. */
  readonly parameters?: ReadonlyMap<string, Value>;
  /** The region, when a project file names it; otherwise `AWS::Region` stays symbolic. */
  readonly region?: string;
  /** The stack name, when a project file names it; otherwise `AWS::StackName` stays symbolic. */
  readonly stackName?: string;
  /** Resolves `Fn::ImportValue` against the workspace's exports. */
  readonly resolveImport?: (name: StringValue, from: Template) => Value | undefined;
  /** Resolves `Fn::GetAtt [Stack, Outputs.Name]` of a nested stack. */
  readonly resolveStackOutput?: (stackLogicalId: string, output: string) => Value | undefined;
}

/**
 * Which conditions hold. `undefined` means "either": values that depend on it become unknown, and
 * conditional resources count as present.
 */
export interface Scenario {
  condition(file: string, name: string): boolean | undefined;
}

/** The scenario that decides nothing: for hovers and other displays. */
export const ANY_SCENARIO: Scenario = { condition: () => undefined };

const MAX_DEPTH = 64;
/**
 * The most nodes one evaluation may visit. With the memo below, a template is visited at most once
 * per evaluation, so only a huge literal expression comes near it; past it the value is unknown.
 */
const MAX_STEPS = 200_000;
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/**
 * Resource attributes that are nothing but a property of the same resource, so that for example
 * `!GetAtt Vpc.CidrBlock` is as known as the VPC's `CidrBlock`.
 */
const ATTRIBUTE_PROPERTIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { CidrBlock: 'CidrBlock', AvailabilityZone: 'AvailabilityZone', AvailabilityZoneId: 'AvailabilityZoneId', VpcId: 'VpcId' },
  'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
};

/** Attributes that return the same id as `Ref`. */
const ATTRIBUTES_AS_REF: Readonly<Record<string, readonly string[]>> = {
  'AWS::EC2::SecurityGroup': ['GroupId', 'Id'],
  'AWS::EC2::Subnet': ['SubnetId'],
  'AWS::EC2::VPC': ['VpcId'],
  'AWS::EC2::RouteTable': ['RouteTableId'],
  'AWS::EC2::NetworkAcl': ['Id'],
  'AWS::EC2::VPCEndpoint': ['Id'],
  'AWS::EC2::InternetGateway': ['InternetGatewayId'],
  'AWS::EC2::NatGateway': ['NatGatewayId'],
  'AWS::EC2::VPCPeeringConnection': ['Id'],
  'AWS::EC2::TransitGatewayAttachment': ['Id'],
  'AWS::EC2::TransitGatewayVpcAttachment': ['Id'],
  'AWS::Route53::HostedZone': ['Id'],
  'AWS::Route53Resolver::ResolverEndpoint': ['ResolverEndpointId'],
};

/** Evaluate a node of `env.template`. Never throws. */
export function evaluate(node: Node | undefined, env: EvalEnv, scenario: Scenario = ANY_SCENARIO): Value {
  return new Evaluator(env, scenario).eval(node, 0);
}

/** The value of parameter `name` as the template and `env` decide it. */
export function parameterValue(name: string, env: EvalEnv, scenario: Scenario = ANY_SCENARIO): Value {
  return new Evaluator(env, scenario).parameter(name, 0);
}

class Evaluator {
  /**
   * Values of nodes reached through a name (a parameter default, a resource property behind
   * `Fn::GetAtt`, a mapping entry), so that a template whose expressions refer to one another several
   * times, or in a circle, is evaluated in linear time instead of exponential time.
   */
  private readonly memo = new Map<Node, Value>();
  /** Nodes reached through a name whose evaluation is under way: meeting one again is a cycle. */
  private readonly active = new Set<Node>();
  private steps = 0;

  constructor(
    private readonly env: EvalEnv,
    private readonly scenario: Scenario,
  ) {}

  private get file(): string {
    return this.env.template.file;
  }

  eval(node: Node | undefined, depth: number): Value {
    if (node === undefined) return unknown('the value is missing');
    if (depth > MAX_DEPTH) return unknown('the expression nests too deeply or refers to itself');
    if (++this.steps > MAX_STEPS) return unknown('the expression is too large to evaluate');
    switch (node.kind) {
      case 'scalar':
        if (node.style === 'empty' || node.value === null) return { kind: 'null' };
        if (typeof node.value === 'string') return str(node.value);
        if (typeof node.value === 'number') return { kind: 'number', value: node.value };
        return { kind: 'boolean', value: node.value };
      case 'seq':
        return { kind: 'list', items: node.items.map((item) => this.eval(item, depth + 1)) };
      case 'map': {
        const only = node.pairs.length === 1 ? node.pairs[0] : undefined;
        const key = only ? String(only.key.value) : undefined;
        if (only && key && isIntrinsicKey(key)) return this.intrinsic(key, only.value, node, depth + 1);
        // CloudFormation rejects a function that shares its map with other keys; `Condition` is an ordinary key in policies.
        const shared = node.pairs.find((pair) => pair.key.value === 'Ref' || String(pair.key.value).startsWith('Fn::'));
        if (shared) return unknown(`${String(shared.key.value)} must be the only key of its map`, undefined, this.origin(node));
        const entries = new Map<string, Value>();
        for (const pair of node.pairs) entries.set(String(pair.key.value), this.eval(pair.value, depth + 1));
        return { kind: 'map', file: this.file, entries };
      }
    }
  }

  /** Evaluate a node reached through a name, once per evaluation; a node that leads back to itself is unknown. */
  private indirect(node: Node, depth: number): Value {
    const known = this.memo.get(node);
    if (known) return known;
    if (this.active.has(node)) return unknown('the expression refers to itself');
    this.active.add(node);
    const value = this.eval(node, depth);
    this.active.delete(node);
    this.memo.set(node, value);
    return value;
  }

  private origin(node: Node): { file: string; range: readonly [number, number] } {
    return { file: this.file, range: node.range };
  }

  private intrinsic(key: string, arg: Node, node: MapNode, depth: number): Value {
    switch (key) {
      case 'Ref': {
        const name = scalarText(arg);
        return name === undefined ? unknown('Ref needs the name of a parameter or resource', undefined, this.origin(node)) : this.ref(name, depth);
      }
      case 'Fn::GetAtt':
        return this.getAtt(arg, node, depth);
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::Join':
        return this.join(arg, depth);
      case 'Fn::Select':
        return this.select(arg, depth);
      case 'Fn::Split':
        return this.split(arg, depth);
      case 'Fn::GetAZs':
        return this.getAZs(arg, depth);
      case 'Fn::Cidr':
        return this.cidr(arg, depth);
      case 'Fn::FindInMap':
        return this.findInMap(arg, depth);
      case 'Fn::If':
        return this.if(arg, depth);
      case 'Fn::ImportValue':
        return this.importValue(arg, node, depth);
      case 'Fn::Length': {
        const list = this.eval(arg, depth);
        return list.kind === 'list' ? { kind: 'number', value: list.items.filter((item) => item.kind !== 'noValue').length } : unknown('Fn::Length of a value that is not a known list');
      }
      default:
        return unknown(`${key} is not evaluated`, undefined, this.origin(node));
    }
  }

  ref(name: string, depth: number): Value {
    if (PSEUDO_PARAMETERS.has(name)) return this.pseudo(name);
    if (this.env.template.parameters.has(name)) return this.parameter(name, depth);
    if (this.env.template.resources.has(name)) return { kind: 'ref', target: { file: this.file, logicalId: name } };
    return unknown(`"${name}" is neither a parameter nor a resource of the template`);
  }

  private pseudo(name: string): Value {
    switch (name) {
      case 'AWS::NoValue':
        return { kind: 'noValue' };
      case 'AWS::Region':
        return this.env.region ? str(this.env.region) : str('${AWS::Region}', ['AWS::Region']);
      case 'AWS::StackName':
        return this.env.stackName ? str(this.env.stackName) : str('${AWS::StackName}', ['AWS::StackName']);
      case 'AWS::NotificationARNs':
        return unknown('AWS::NotificationARNs is only known at deploy time');
      default:
        return str(`\${${name}}`, [name]);
    }
  }

  parameter(name: string, depth: number): Value {
    const pinned = this.env.parameters?.get(name);
    if (pinned) return pinned;
    const declaration = this.env.template.parameters.get(name);
    const identity = `param:${this.file}#${name}`;
    if (!declaration) return unknown(`parameter "${name}" is not declared`, identity);
    const type = declaration.type ?? 'String';
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      return unknown(`parameter "${name}" is read from SSM Parameter Store at deploy time`, identity, this.origin(declaration.keyNode));
    }
    if (declaration.defaultNode === undefined) {
      return unknown(`parameter "${name}" has no default`, identity, this.origin(declaration.keyNode));
    }
    return typedParameterValue(this.indirect(declaration.defaultNode, depth + 1), type);
  }

  private getAtt(arg: Node, node: MapNode, depth: number): Value {
    let logicalId: string | undefined;
    let attribute: string | undefined;
    if (arg.kind === 'scalar') {
      const text = scalarText(arg) ?? '';
      const dot = text.indexOf('.');
      if (dot > 0) {
        logicalId = text.slice(0, dot);
        attribute = text.slice(dot + 1);
      }
    } else if (arg.kind === 'seq' && arg.items.length === 2) {
      logicalId = scalarText(arg.items[0]);
      const second = arg.items[1];
      attribute = second?.kind === 'scalar' ? scalarText(second) : literalString(this.eval(second, depth));
    }
    if (!logicalId || !attribute) return unknown('Fn::GetAtt needs a resource and an attribute', undefined, this.origin(node));
    const resource = this.env.template.resources.get(logicalId);
    if (!resource) return unknown(`"${logicalId}" is not a resource of the template`);
    const type = resource.type ?? '';
    const property = ATTRIBUTE_PROPERTIES[type]?.[attribute];
    if (property) {
      const propertyNode = valueOf(resource.properties, property);
      if (propertyNode !== undefined) return this.indirect(propertyNode, depth + 1);
    }
    if (ATTRIBUTES_AS_REF[type]?.includes(attribute)) return { kind: 'ref', target: { file: this.file, logicalId } };
    if ((type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application') && attribute.startsWith('Outputs.')) {
      const resolved = this.env.resolveStackOutput?.(logicalId, attribute.slice('Outputs.'.length));
      if (resolved) return resolved;
      return unknown(`output "${attribute.slice('Outputs.'.length)}" of nested stack "${logicalId}" is not known`, `att:${this.file}#${logicalId}.${attribute}`);
    }
    return { kind: 'getAtt', target: { file: this.file, logicalId }, attribute };
  }

  private sub(arg: Node, depth: number): Value {
    let templateNode: Node | undefined = arg;
    let variables: Node | undefined;
    if (arg.kind === 'seq') {
      if (arg.items.length !== 2 || arg.items[1]?.kind !== 'map') return unknown('Fn::Sub needs a string, or a string and a map of variables');
      templateNode = arg.items[0];
      variables = arg.items[1];
    }
    const text = templateNode?.kind === 'scalar' ? scalarText(templateNode) : undefined;
    if (text === undefined) return unknown('Fn::Sub needs a string');
    let result = '';
    const symbols: string[] = [];
    let last = 0;
    const pattern = /\$\{([^}]*)\}/g;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      result += text.slice(last, match.index);
      last = match.index + match[0].length;
      const name = (match[1] ?? '').trim();
      if (name.startsWith('!')) {
        result += `\${${name.slice(1)}}`;
        continue;
      }
      const variableNode = variables?.kind === 'map' ? valueOf(variables, name) : undefined;
      let value: Value;
      if (variableNode !== undefined) value = this.eval(variableNode, depth + 1);
      else if (name.includes('.') && !PSEUDO_PARAMETERS.has(name)) {
        const dot = name.indexOf('.');
        value = this.getAttByName(name.slice(0, dot), name.slice(dot + 1), depth);
      } else value = this.ref(name, depth);
      const piece = toPiece(value);
      if (isUnknown(piece)) return piece;
      result += piece.value;
      symbols.push(...(piece.symbols ?? []));
    }
    result += text.slice(last);
    return str(result, symbols);
  }

  private getAttByName(logicalId: string, attribute: string, depth: number): Value {
    const node: Node = { kind: 'scalar', range: [0, 0], value: `${logicalId}.${attribute}`, source: `${logicalId}.${attribute}`, style: 'plain' };
    return this.getAtt(node, { kind: 'map', range: [0, 0], pairs: [], flow: true }, depth);
  }

  private join(arg: Node, depth: number): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown('Fn::Join needs a delimiter and a list');
    const delimiter = literalString(this.eval(arg.items[0], depth));
    if (delimiter === undefined) return unknown('the Fn::Join delimiter is not a literal');
    const list = this.eval(arg.items[1], depth);
    if (isUnknown(list)) return list;
    if (list.kind !== 'list') return unknown('Fn::Join of a value that is not a list');
    const items: Value[] = [];
    const pieces: StringValue[] = [];
    for (const item of list.items) {
      if (item.kind === 'noValue') continue;
      const piece = toPiece(item);
      if (isUnknown(piece)) return piece;
      items.push(item);
      pieces.push(piece);
    }
    return joinedStr(delimiter, items, pieces);
  }

  private select(arg: Node, depth: number): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown('Fn::Select needs an index and a list');
    const index = literalInteger(this.eval(arg.items[0], depth));
    if (index === undefined || index < 0) return unknown('the Fn::Select index is not a known number');
    const list = this.eval(arg.items[1], depth);
    if (list.kind === 'azList') return { kind: 'az', index, region: list.region };
    if (list.kind === 'list') return list.items[index] ?? unknown(`Fn::Select index ${index} is beyond the end of the list`);
    if (isUnknown(list)) return unknown(list.reason, list.identity !== undefined ? `${list.identity}[${index}]` : undefined, list.origin);
    return unknown('Fn::Select from a value that is not a list');
  }

  private split(arg: Node, depth: number): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown('Fn::Split needs a delimiter and a string');
    const delimiter = literalString(this.eval(arg.items[0], depth));
    if (!delimiter) return unknown('the Fn::Split delimiter is not a literal');
    const source = this.eval(arg.items[1], depth);
    if (source.kind === 'string') return splitString(source, delimiter);
    if (isUnknown(source)) return unknown(source.reason, source.identity !== undefined ? `split(${delimiter},${source.identity})` : undefined, source.origin);
    return unknown('Fn::Split of a value that is not a string');
  }

  private getAZs(arg: Node, depth: number): Value {
    const region = this.eval(arg, depth);
    if (region.kind === 'null') return { kind: 'azList', region: '' };
    if (region.kind !== 'string') return unknown('the Fn::GetAZs region is not known');
    const normalised = region.value === '' || region.value === '${AWS::Region}' || region.value === this.env.region ? '' : region.value;
    return { kind: 'azList', region: normalised };
  }

  private cidr(arg: Node, depth: number): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 3) return unknown('Fn::Cidr needs a block, a count and a size');
    const block = this.eval(arg.items[0], depth);
    const count = literalInteger(this.eval(arg.items[1], depth));
    const bits = literalInteger(this.eval(arg.items[2], depth));
    const blockText = literalString(block);
    if (blockText === undefined) return isUnknown(block) ? block : unknown('the Fn::Cidr block is not known');
    if (count === undefined || bits === undefined) return unknown('the Fn::Cidr count or size is not known');
    const subnets = cidrSubnets(blockText, count, bits);
    return subnets ? { kind: 'list', items: subnets.map((cidr) => str(cidr)) } : unknown(`Fn::Cidr cannot carve ${count} blocks of ${bits} host bits from ${blockText}`);
  }

  private findInMap(arg: Node, depth: number): Value {
    if (arg.kind !== 'seq' || arg.items.length < 3) return unknown('Fn::FindInMap needs a map name and two keys');
    const mapName = literalString(this.eval(arg.items[0], depth));
    const mapping = mapName !== undefined ? this.env.template.mappings.get(mapName) : undefined;
    const fallback = arg.items[3] !== undefined ? valueOf(arg.items[3], 'DefaultValue') : undefined;
    if (mapping?.kind !== 'map') return fallback !== undefined ? this.indirect(fallback, depth + 1) : unknown(`mapping "${mapName ?? '?'}" is not declared`);
    const first = this.eval(arg.items[1], depth);
    const second = this.eval(arg.items[2], depth);
    // A key that is a list or a map is a wrong shape, not a key whose value is merely unknown.
    if (!isKeyShaped(first) || !isKeyShaped(second)) return unknown('an Fn::FindInMap key is not a string');
    const secondKey = literalString(second);
    const firstKey = literalString(first);
    if (secondKey === undefined) return unknown('the second Fn::FindInMap key is not known');
    if (firstKey !== undefined) {
      const value = valueOf(valueOf(mapping, firstKey), secondKey);
      if (value !== undefined) return this.indirect(value, depth + 1);
      return fallback !== undefined ? this.indirect(fallback, depth + 1) : unknown(`mapping "${mapName}" has no entry ${firstKey}.${secondKey}`);
    }
    // The top-level key is symbolic (typically the region): the answer is known when every entry agrees.
    let agreed: Value | undefined;
    for (const pair of mapping.pairs) {
      const entry = valueOf(pair.value, secondKey);
      if (entry === undefined) continue;
      const value = this.indirect(entry, depth + 1);
      if (agreed === undefined) agreed = value;
      else if (sameValue(agreed, value) !== true) return unknown(`mapping "${mapName}" has different values for each ${describeKey(first)}`);
    }
    return agreed ?? unknown(`mapping "${mapName}" has no entry ${secondKey}`);
  }

  private if(arg: Node, depth: number): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 3) return unknown('Fn::If needs a condition and two values');
    const name = scalarText(arg.items[0]);
    if (name === undefined) return unknown('the Fn::If condition is not a name');
    const holds = this.scenario.condition(this.file, name);
    if (holds === true) return this.eval(arg.items[1], depth);
    if (holds === false) return this.eval(arg.items[2], depth);
    const whenTrue = this.eval(arg.items[1], depth);
    const whenFalse = this.eval(arg.items[2], depth);
    if (sameValue(whenTrue, whenFalse) === true) return whenTrue;
    return unknown(`the value depends on condition "${name}"`, undefined, this.origin(arg));
  }

  private importValue(arg: Node, node: MapNode, depth: number): Value {
    const name = this.eval(arg, depth);
    if (name.kind !== 'string') return isUnknown(name) ? unknown(`the name of the imported export is unknown: ${name.reason}`) : unknown('Fn::ImportValue needs a string');
    const resolved = this.env.resolveImport?.(name, this.env.template);
    if (resolved) return resolved;
    return unknown(`export "${name.value}" is not defined in the workspace`, `import:${name.value}`, this.origin(node));
  }
}

/** A value as a piece of a string in `Fn::Sub` or `Fn::Join`, or unknown when it cannot be one. */
function toPiece(value: Value): StringValue | Extract<Value, { kind: 'unknown' }> {
  switch (value.kind) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return str(String(value.value));
    case 'ref':
      return str(`\${${value.target.logicalId}}`, [value.target.logicalId]);
    case 'getAtt':
      return str(`\${${value.target.logicalId}.${value.attribute}}`, [`${value.target.logicalId}.${value.attribute}`]);
    case 'az':
      return str(`\${AZ${value.index}}`, [`AZ${value.index}`]);
    case 'unknown':
      return value;
    default:
      return unknown(`a ${value.kind} cannot be part of a string`);
  }
}

/** Whether a value can be a mapping key: anything that is a string at deploy time, known or not. */
function isKeyShaped(value: Value): boolean {
  return value.kind !== 'list' && value.kind !== 'map' && value.kind !== 'azList' && value.kind !== 'null' && value.kind !== 'noValue';
}

function describeKey(value: Value): string {
  if (value.kind === 'string' && value.symbols?.includes('AWS::Region')) return 'region';
  return identityOf(value) ?? 'key';
}
