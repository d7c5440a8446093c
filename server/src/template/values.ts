/**
 * The values the evaluator produces: known literals, references to resources, symbolic values
 * (pseudo parameters, Availability Zones by index) and *unknown* with the reason why.
 * Unknown is a first-class answer: a rule never reports on it, a hover shows the reason.
 */
import type { TextRange } from '../syntax';

/** A resource by the file that declares it and its logical id. */
export interface ResourceRef {
  readonly file: string;
  readonly logicalId: string;
}

export type Value =
  | StringValue
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'list'; readonly items: readonly Value[] }
  /** A map written in the template; its entries are evaluated on demand through `node`. */
  | { readonly kind: 'map'; readonly file: string; readonly entries: ReadonlyMap<string, Value> }
  /** `AWS::NoValue`: the property or list item is removed. */
  | { readonly kind: 'noValue' }
  /** `Ref` to a resource: its physical id (a VPC id, a subnet id, a security group id…). */
  | { readonly kind: 'ref'; readonly target: ResourceRef }
  /** `Fn::GetAtt` that the evaluator cannot reduce to a property of the resource. */
  | { readonly kind: 'getAtt'; readonly target: ResourceRef; readonly attribute: string }
  /** The Availability Zone `!Select [index, !GetAZs region]`. */
  | { readonly kind: 'az'; readonly index: number; readonly region: string }
  /** The list `!GetAZs region`, which only `Fn::Select` can turn into an AZ. */
  | { readonly kind: 'azList'; readonly region: string }
  | UnknownValue;

export interface StringValue {
  readonly kind: 'string';
  readonly value: string;
  /**
   * Placeholders left in the string, such as `${AWS::Region}` or `${AWS::StackName}`: the string is
   * known up to them. Empty or absent for a plain literal.
   */
  readonly symbols?: readonly string[];
  /**
   * Set on a string that `Fn::Join` built from values such as references: the values and the
   * delimiter, so that `Fn::Split` on the same delimiter gives the values back. A comma-joined list
   * of subnets exported by one stack and split by another stays a list of subnet references.
   */
  readonly joined?: { readonly delimiter: string; readonly items: readonly Value[] };
}

export interface UnknownValue {
  readonly kind: 'unknown';
  /** Why the value cannot be known, in the user's terms: `parameter "VpcId" has no default`. */
  readonly reason: string;
  /**
   * A key that is the same for two unknown values that are certainly equal, such as two `Ref`s to
   * one parameter (`param:file#VpcId`) or two imports of one export name. Absent when nothing is known.
   */
  readonly identity?: string;
  /** Where the unknown value comes from, when that helps to explain it. */
  readonly origin?: { readonly file: string; readonly range: TextRange };
}

export function unknown(reason: string, identity?: string, origin?: UnknownValue['origin']): UnknownValue {
  return { kind: 'unknown', reason, ...(identity !== undefined ? { identity } : {}), ...(origin ? { origin } : {}) };
}

export function str(value: string, symbols?: readonly string[]): StringValue {
  return symbols && symbols.length > 0 ? { kind: 'string', value, symbols } : { kind: 'string', value };
}

/** The string `Fn::Join` makes of `items`, remembering them for `Fn::Split`. */
export function joinedStr(delimiter: string, items: readonly Value[], pieces: readonly StringValue[]): StringValue {
  const symbols = pieces.flatMap((piece) => piece.symbols ?? []);
  const joined = str(pieces.map((piece) => piece.value).join(delimiter), symbols);
  // Only a join that holds something besides literal text needs remembering; literals split as text.
  if (delimiter === '' || !items.some((item) => item.kind !== 'string' || item.joined !== undefined)) return joined;
  return { ...joined, joined: { delimiter, items } };
}

/**
 * `Fn::Split` of a string: the items of the `Fn::Join` that made it when the delimiters are the same
 * and no item holds the delimiter itself (nested joins are flattened), otherwise the text split.
 */
export function splitString(source: StringValue, delimiter: string): { readonly kind: 'list'; readonly items: readonly Value[] } {
  if (source.joined && source.joined.delimiter === delimiter) {
    const items: Value[] = [];
    let exact = true;
    for (const item of source.joined.items) {
      if (item.kind === 'noValue') continue;
      if (item.kind === 'string' && item.joined?.delimiter === delimiter) items.push(...splitString(item, delimiter).items);
      else if (item.kind === 'string' && item.value.includes(delimiter)) exact = false;
      else items.push(item);
    }
    if (exact) return { kind: 'list', items };
  }
  return { kind: 'list', items: source.value.split(delimiter).map((part) => str(part, source.symbols?.filter((symbol) => part.includes(`\${${symbol}}`)))) };
}

export function isUnknown(value: Value): value is UnknownValue {
  return value.kind === 'unknown';
}

/** A string fully known (no placeholders), or a number or boolean written as one. */
export function literalString(value: Value): string | undefined {
  if (value.kind === 'string') return value.symbols && value.symbols.length > 0 ? undefined : value.value;
  if (value.kind === 'number' || value.kind === 'boolean') return String(value.value);
  return undefined;
}

/** A string known up to placeholders such as `${AWS::Region}`. */
export function symbolicString(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number' || value.kind === 'boolean') return String(value.value);
  return undefined;
}

/** A boolean, also from the strings `"true"` and `"false"` that CloudFormation accepts. */
export function literalBoolean(value: Value): boolean | undefined {
  if (value.kind === 'boolean') return value.value;
  if (value.kind === 'string' && !value.symbols) {
    const lower = value.value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** An integer, also from a numeric string. */
export function literalInteger(value: Value): number | undefined {
  if (value.kind === 'number' && Number.isInteger(value.value)) return value.value;
  if (value.kind === 'string' && !value.symbols && /^-?\d+$/.test(value.value.trim())) return Number(value.value.trim());
  return undefined;
}

/** The items of a list value; a single non-list value is not a list. */
export function listItems(value: Value): readonly Value[] | undefined {
  if (value.kind !== 'list') return undefined;
  return value.items.filter((item) => item.kind !== 'noValue');
}

/**
 * A key that two values share exactly when they certainly denote the same thing: the same literal,
 * the same resource, the same parameter. Undefined when the value has no identity to compare.
 */
export function identityOf(value: Value): string | undefined {
  switch (value.kind) {
    case 'string': {
      // A join of references is the same as another join of the same references, not of same-named ones elsewhere.
      if (value.joined) {
        const parts = value.joined.items.map(identityOf);
        if (parts.every((part) => part !== undefined)) return `join:${value.joined.delimiter}:${parts.join('\u0000')}`;
      }
      // An empty string is how an optional parameter says "not given": it names nothing, so two of
      // them are not the same VPC, subnet or group.
      if (value.value.trim() === '') return undefined;
      return `s:${value.value}`;
    }
    case 'number':
    case 'boolean':
      return `s:${String(value.value)}`;
    case 'ref':
      return `ref:${value.target.file}#${value.target.logicalId}`;
    case 'getAtt':
      return `att:${value.target.file}#${value.target.logicalId}.${value.attribute}`;
    case 'az':
      return `az:${value.region}#${value.index}`;
    case 'unknown':
      return value.identity;
    default:
      return undefined;
  }
}

/** Whether two values are certainly equal (true), certainly different (false), or cannot be told apart (undefined). */
export function sameValue(a: Value, b: Value): boolean | undefined {
  const ka = identityOf(a);
  const kb = identityOf(b);
  if (ka === undefined || kb === undefined) return undefined;
  if (ka === kb) return true;
  const concrete = (v: Value): boolean => (v.kind === 'string' && !v.symbols) || v.kind === 'number' || v.kind === 'boolean' || v.kind === 'ref';
  // Two different literals differ; two different resources of the same kind differ. Anything else may coincide.
  if (concrete(a) && concrete(b) && a.kind === b.kind) return false;
  if (a.kind === 'string' && b.kind === 'string' && !a.symbols && !b.symbols) return false;
  return undefined;
}

/** A short rendering of a value for hovers and messages. */
export function describeValue(value: Value): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    case 'list':
      return `[${value.items.map(describeValue).join(', ')}]`;
    case 'map':
      return '{…}';
    case 'noValue':
      return 'AWS::NoValue';
    case 'ref':
      return value.target.logicalId;
    case 'getAtt':
      return `${value.target.logicalId}.${value.attribute}`;
    case 'az':
      return `AZ #${value.index + 1}${value.region ? ` of ${value.region}` : ''}`;
    case 'azList':
      return `the AZs of ${value.region || 'the region'}`;
    case 'unknown':
      return `unknown (${value.reason})`;
  }
}
