/**
 * Writing a `TemplateValue` as YAML or JSON text in a file's own style. Values arrive in long form
 * (`{ "Fn::GetAtt": ["Vpc", "CidrBlock"] }`); YAML files that use short tags get `!GetAtt Vpc.CidrBlock`,
 * JSON and long-form YAML files get the long form. A YAML string is left plain only when both YAML 1.2
 * (our parser) and YAML 1.1 (what CloudFormation and cfn-lint read) would read it back as the same
 * string; otherwise it is quoted in the file's preferred quote style. Numbers and booleans stay plain.
 */
import * as YAML from 'yaml';
import { isIntrinsicKey, shortFormOf, type ScalarStyle } from '../../syntax';
import type { TemplateValue } from '../../rules/rule';
import type { FileStyle } from './style';

type Scalar = string | number | boolean | null;
type TemplateObject = { readonly [key: string]: TemplateValue };

/** Whether the value sits in a block (indentation-based) or a flow (`[…]`, `{…}`) context. */
export type YamlContext = 'block' | 'flow';

/** Longest flow rendering that an intrinsic's arguments keep on one line. */
const MAX_INLINE_LENGTH = 80;

export function isScalar(value: TemplateValue): value is Scalar {
  return value === null || typeof value !== 'object';
}

function isObject(value: TemplateValue): value is TemplateObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The intrinsic key of a one-key object such as `{ "Ref": "Vpc" }`, if it is one. */
export function intrinsicKeyOf(value: TemplateValue): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] !== undefined && isIntrinsicKey(keys[0]) ? keys[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// YAML scalars and keys

/**
 * A YAML scalar. `keep` is the style of the scalar being replaced: a quoted string stays quoted the
 * same way, so that an edit does not restyle the author's value.
 */
export function yamlScalar(value: Scalar, context: YamlContext, style: FileStyle, keep?: ScalarStyle): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (keep === 'single' || keep === 'double') return quoteYaml(value, keep);
  return isPlainSafe(value, context, 'value') ? value : quoteYaml(value, style.quote);
}

/** A map key, plain when it reads back as itself, else quoted. */
export function yamlKey(key: string, context: YamlContext, style: FileStyle): string {
  return isPlainSafe(key, context, 'key') ? key : quoteYaml(key, style.quote);
}

function quoteYaml(value: string, quote: 'single' | 'double'): string {
  // Single quotes cannot escape line breaks or control characters; double quotes (JSON escapes) can.
  if (quote === 'single' && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/**
 * Whether `value` can be written as a plain scalar: it must not start with an indicator, and both
 * YAML 1.2 and YAML 1.1 must read it back as the very same string (so `true`, `yes`, `443`, `0755`,
 * `1:20`, `2010-09-09`, `null` and `~` are quoted, while `tcp` and `10.0.0.0/16` are not).
 */
export function isPlainSafe(value: string, context: YamlContext, role: 'key' | 'value'): boolean {
  if (value === '' || value.trim() !== value) return false;
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |:$| #/.test(value)) return false;
  if (context === 'flow' && /[,[\]{}]/.test(value)) return false;
  for (const version of ['1.2', '1.1'] as const) {
    if (!readsBackAsString(value, context, role, version)) return false;
  }
  return true;
}

function readsBackAsString(value: string, context: YamlContext, role: 'key' | 'value', version: '1.1' | '1.2'): boolean {
  const source = role === 'key' ? (context === 'flow' ? `{${value}: x}` : `${value}: x`) : context === 'flow' ? `[${value}]` : `k: ${value}`;
  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(source, { version, strict: true, uniqueKeys: false, prettyErrors: false });
  } catch {
    return false;
  }
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  let node: unknown;
  if (role === 'key') node = YAML.isMap(doc.contents) && doc.contents.items.length === 1 ? doc.contents.items[0]?.key : undefined;
  else if (context === 'flow') node = YAML.isSeq(doc.contents) && doc.contents.items.length === 1 ? doc.contents.items[0] : undefined;
  else node = YAML.isMap(doc.contents) && doc.contents.items.length === 1 ? doc.contents.items[0]?.value : undefined;
  return YAML.isScalar(node) && node.type === 'PLAIN' && !node.tag && node.value === value;
}

// ---------------------------------------------------------------------------------------------
// YAML values

/** The short-form tag and its argument, when the file uses short tags and the value can be one. */
function shortTagOf(value: TemplateValue, style: FileStyle): { readonly tag: string; readonly argument: TemplateValue } | undefined {
  if (!style.shortTags || !isObject(value)) return undefined;
  const key = intrinsicKeyOf(value);
  const tag = key === undefined ? undefined : shortFormOf(key);
  if (key === undefined || tag === undefined) return undefined;
  const argument = value[key] as TemplateValue;
  // YAML cannot put a tag on a node that has a tag already (`!Base64 !Sub …`): the outer one stays long.
  if (shortTagOf(argument, style) !== undefined) return undefined;
  return { tag, argument };
}

/** Whether a value is written on the line of its key or dash (a scalar, `[]`, `!Ref X`…) in block context. */
export function yamlIsInline(value: TemplateValue, style: FileStyle, intrinsicArgument = false): boolean {
  if (isScalar(value)) return true;
  if (Array.isArray(value)) {
    if (value.length === 0) return true;
    // An intrinsic's arguments, and id lists in a file that writes them `[a, b]`, stay on one line.
    const valueList = style.inlineValueLists && value.every((item: TemplateValue) => isScalar(item) || isSimpleIntrinsic(item));
    return (intrinsicArgument || valueList) && yamlFlow(value, style).length <= MAX_INLINE_LENGTH;
  }
  if (Object.keys(value).length === 0) return true;
  return shortTagOf(value, style) !== undefined;
}

/** A value on one line: a scalar, a short-tagged intrinsic, or a flow collection. */
export function yamlInline(value: TemplateValue, context: YamlContext, style: FileStyle, keep?: ScalarStyle): string {
  if (isScalar(value)) return yamlScalar(value, context, style, keep);
  const short = shortTagOf(value, style);
  if (short) return `${short.tag} ${shortArgument(short.tag, short.argument, context, style)}`;
  return yamlFlow(value, style);
}

function shortArgument(tag: string, argument: TemplateValue, context: YamlContext, style: FileStyle): string {
  // `!GetAtt Vpc.CidrBlock` is the short form everyone writes; the list form stays for computed names.
  if (tag === '!GetAtt' && Array.isArray(argument) && argument.length === 2) {
    const [resource, attribute] = argument;
    if (typeof resource === 'string' && typeof attribute === 'string' && !resource.includes('.')) {
      return yamlScalar(`${resource}.${attribute}`, context, style);
    }
  }
  if (isScalar(argument)) return yamlScalar(argument, context, style);
  return yamlFlow(argument, style);
}

/** A collection in flow style, `[a, b]` or `{ Key: value }`, with the file's padding. */
export function yamlFlow(value: TemplateValue, style: FileStyle): string {
  if (isScalar(value)) return yamlScalar(value, 'flow', style);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item: TemplateValue) => yamlInline(item, 'flow', style)).join(', ');
    return style.flowListPadding ? `[ ${items} ]` : `[${items}]`;
  }
  const short = shortTagOf(value, style);
  if (short) return yamlInline(value, 'flow', style);
  const entries = Object.entries(value as TemplateObject);
  if (entries.length === 0) return '{}';
  const pairs = entries.map(([key, item]) => `${yamlKey(key, 'flow', style)}: ${yamlInline(item, 'flow', style)}`).join(', ');
  return style.flowMapPadding ? `{ ${pairs} }` : `{${pairs}}`;
}

/** The lines of `key: value` with the key at `column`; a block value follows on deeper lines. */
export function yamlPairLines(key: string, value: TemplateValue, column: number, style: FileStyle): string[] {
  const head = `${' '.repeat(column)}${yamlKey(key, 'block', style)}:`;
  if (yamlIsInline(value, style, isIntrinsicKey(key))) return [`${head} ${yamlInline(value, 'block', style)}`];
  return [head, ...yamlBlockLines(value, column, style)];
}

/** The lines of a block collection that is the value of a key at `keyColumn`. */
export function yamlBlockLines(value: TemplateValue, keyColumn: number, style: FileStyle): string[] {
  if (Array.isArray(value)) return value.flatMap((item: TemplateValue) => yamlItemLines(item, keyColumn + style.listIndent, style));
  if (isObject(value)) return Object.entries(value).flatMap(([key, item]) => yamlPairLines(key, item, keyColumn + style.indentUnit.length, style));
  return [`${' '.repeat(keyColumn + style.indentUnit.length)}${yamlInline(value, 'block', style)}`];
}

/** The lines of a list item with its `-` at `dashColumn`; a map item starts on the dash's line. */
export function yamlItemLines(value: TemplateValue, dashColumn: number, style: FileStyle): string[] {
  const dash = `${' '.repeat(dashColumn)}-`;
  if (yamlIsInline(value, style)) return [`${dash} ${yamlInline(value, 'block', style)}`];
  if (Array.isArray(value)) return [`${dash} ${yamlFlow(value, style)}`];
  const offset = Math.max(2, style.itemIndent);
  const lines = Object.entries(value as TemplateObject).flatMap(([key, item]) => yamlPairLines(key, item, dashColumn + offset, style));
  const first = lines[0] ?? '';
  return [`${dash}${' '.repeat(offset - 1)}${first.slice(dashColumn + offset)}`, ...lines.slice(1)];
}

// ---------------------------------------------------------------------------------------------
// JSON values

/**
 * A JSON value whose first character goes where the caller puts it, on a line indented with
 * `indentation`; objects and lists spread over lines indented one unit deeper, except intrinsics and
 * value lists that the file writes on one line.
 */
export function jsonValue(value: TemplateValue, indentation: string, style: FileStyle, intrinsicArgument = false): string {
  if (isScalar(value)) return jsonScalar(value);
  if (jsonIsInline(value, style, intrinsicArgument)) return jsonInline(value, style);
  const inner = indentation + style.indentUnit;
  if (Array.isArray(value)) {
    const items = value.map((item: TemplateValue) => `${inner}${jsonValue(item, inner, style, intrinsicArgument)}`);
    return `[${style.eol}${items.join(`,${style.eol}`)}${style.eol}${indentation}]`;
  }
  const intrinsic = intrinsicKeyOf(value) !== undefined;
  const entries = Object.entries(value as TemplateObject).map(([key, item]) => `${inner}${jsonPair(key, item, inner, style, intrinsic)}`);
  return `{${style.eol}${entries.join(`,${style.eol}`)}${style.eol}${indentation}}`;
}

/** `"key": value` with the file's separator. */
export function jsonPair(key: string, value: TemplateValue, indentation: string, style: FileStyle, intrinsicArgument = false): string {
  return `${JSON.stringify(key)}${style.jsonColon}${jsonValue(value, indentation, style, intrinsicArgument || isIntrinsicKey(key))}`;
}

function jsonScalar(value: Scalar): string {
  return typeof value === 'number' && !Number.isFinite(value) ? 'null' : JSON.stringify(value);
}

/** Whether a JSON value is written on one line where it goes. */
export function jsonIsInline(value: TemplateValue, style: FileStyle, intrinsicArgument = false): boolean {
  if (isScalar(value)) return true;
  if (Array.isArray(value)) {
    if (value.length === 0) return true;
    if (intrinsicArgument) return jsonInline(value, style).length <= MAX_INLINE_LENGTH;
    return style.inlineValueLists && value.every((item: TemplateValue) => isScalar(item) || isSimpleIntrinsic(item));
  }
  if (Object.keys(value).length === 0) return true;
  return style.jsonInlineIntrinsics && intrinsicKeyOf(value) !== undefined && jsonInline(value, style).length <= MAX_INLINE_LENGTH;
}

/** A JSON value on one line, with the file's padding inside brackets and braces. */
export function jsonInline(value: TemplateValue, style: FileStyle): string {
  if (isScalar(value)) return jsonScalar(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item: TemplateValue) => jsonInline(item, style)).join(', ');
    return style.flowListPadding ? `[ ${items} ]` : `[${items}]`;
  }
  const entries = Object.entries(value as TemplateObject);
  if (entries.length === 0) return '{}';
  const pairs = entries.map(([key, item]) => `${JSON.stringify(key)}${style.jsonColon}${jsonInline(item, style)}`).join(', ');
  return style.flowMapPadding ? `{ ${pairs} }` : `{${pairs}}`;
}

/** An intrinsic whose argument is a scalar or a list of scalars, such as `Ref` or `Fn::GetAtt`. */
export function isSimpleIntrinsic(value: TemplateValue): boolean {
  const key = intrinsicKeyOf(value);
  if (key === undefined || !isObject(value)) return false;
  const argument = value[key] as TemplateValue;
  return isScalar(argument) || (Array.isArray(argument) && argument.every((item: TemplateValue) => isScalar(item)));
}
