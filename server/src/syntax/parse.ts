/**
 * `parse(text)`: YAML and JSON through the one `yaml` parser into the plain node tree of `node.ts`.
 * Parsing never throws and never hangs: syntax errors come back as a list with offsets, alias
 * expansion has a budget, and input that is too large or nested too deep is refused with an error
 * before the parser sees it (the `yaml` package can exhaust V8 on thousands of nesting levels).
 */
import * as YAML from 'yaml';
import { longFormOf } from './intrinsics';
import type { MapNode, Node, Pair, ScalarNode, ScalarStyle, SeqNode, TextRange } from './node';

export type SyntaxErrorKind =
  | 'syntax'
  | 'duplicate-key'
  | 'unknown-tag'
  | 'multiple-documents'
  | 'too-large'
  | 'too-deep'
  | 'alias-limit';

export interface SyntaxError {
  readonly kind: SyntaxErrorKind;
  /** A short description without position, for example `Implicit keys need to be on a single line`. */
  readonly message: string;
  readonly range: TextRange;
}

export interface ParseResult {
  /** The first document's root, or undefined when there is none (empty file, refused input). */
  readonly root: Node | undefined;
  readonly errors: readonly SyntaxError[];
  /** JSON when the first significant character opens a JSON object or array. */
  readonly format: 'yaml' | 'json';
  readonly text: string;
}

export interface ParseLimits {
  /** Longest text that is parsed at all, in characters. */
  readonly maxLength: number;
  /** Deepest nesting of collections that is parsed. */
  readonly maxDepth: number;
  /** Most nodes that alias expansion may add to the tree. */
  readonly maxAliasNodes: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxLength: 5 * 1024 * 1024,
  maxDepth: 200,
  maxAliasNodes: 100_000,
};

/** Parse YAML or JSON text. Never throws. */
export function parse(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParseResult {
  const format = detectFormat(text);
  if (text.length > limits.maxLength) {
    return { root: undefined, errors: [{ kind: 'too-large', message: `The file is larger than ${formatSize(limits.maxLength)}`, range: [0, 0] }], format, text };
  }
  const depth = estimateDepth(text, limits.maxDepth);
  if (depth.tooDeep) {
    return {
      root: undefined,
      errors: [{ kind: 'too-deep', message: `The file nests collections deeper than ${limits.maxDepth} levels`, range: [depth.offset, depth.offset] }],
      format,
      text,
    };
  }
  try {
    return parseChecked(text, format, limits);
  } catch (error) {
    // The yaml package is not expected to throw, but a parser bug must not take the editor down.
    const message = error instanceof Error ? error.message : String(error);
    return { root: undefined, errors: [{ kind: 'syntax', message: `The parser failed: ${message}`, range: [0, 0] }], format, text };
  }
}

function parseChecked(text: string, format: 'yaml' | 'json', limits: ParseLimits): ParseResult {
  const errors: SyntaxError[] = [];
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
  for (const error of doc.errors) {
    if (error.code === 'MULTIPLE_DOCS') {
      errors.push({ kind: 'multiple-documents', message: 'The file holds more than one YAML document', range: toRange(error.pos, text) });
    } else if (error.code === 'DUPLICATE_KEY') {
      const range = keyRangeAt(text, error.pos[0]);
      errors.push({ kind: 'duplicate-key', message: `Duplicate key ${text.slice(range[0], range[1])}`, range });
    } else if (error.code === 'RESOURCE_EXHAUSTION') {
      errors.push({ kind: 'too-deep', message: 'The file nests collections too deeply to be read', range: toRange(error.pos, text) });
    } else {
      errors.push({ kind: 'syntax', message: FRIENDLY_MESSAGES[error.code] ?? cleanMessage(error.message), range: atEndOfContent(toRange(error.pos, text), text) });
    }
  }
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    const tag = text.slice(warning.pos[0], warning.pos[1]);
    if (longFormOf(tag) === undefined) {
      errors.push({ kind: 'unknown-tag', message: `Unknown tag ${tag}`, range: toRange(warning.pos, text) });
    }
  }
  if (format === 'json' && errors.length === 0) {
    const jsonError = strictJsonError(text);
    if (jsonError) errors.push(jsonError);
  }
  const converter = new Converter(text, doc, errors, limits);
  const root = doc.contents ? converter.convert(doc.contents, 0) : undefined;
  return { root, errors: errors.sort((a, b) => a.range[0] - b.range[0]), format, text };
}

/** JSON through YAML accepts a little more than JSON (trailing commas, comments); CloudFormation does not. */
function strictJsonError(text: string): SyntaxError | undefined {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Math.min(Number(position[1]), text.length) : 0;
    const reason = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/s, '').replace(/ at position \d+.*$/s, '');
    return { kind: 'syntax', message: `Invalid JSON: ${reason}`, range: [offset, Math.min(offset + 1, text.length)] };
  }
}

function detectFormat(text: string): 'yaml' | 'json' {
  const match = /^\uFEFF?\s*([{[])/.exec(text);
  return match ? 'json' : 'yaml';
}

function toRange(pos: readonly [number, number], text: string): TextRange {
  const start = Math.max(0, Math.min(pos[0], text.length));
  const end = Math.max(start, Math.min(pos[1], text.length));
  return [start, end];
}

/** Plainer words for the parser's most common complaints. */
const FRIENDLY_MESSAGES: Readonly<Partial<Record<string, string>>> = {
  MULTILINE_IMPLICIT_KEY: 'A key runs over more than one line (is a colon missing?)',
  TAB_AS_INDENT: 'Tabs cannot indent YAML; use spaces',
  BLOCK_AS_IMPLICIT_KEY: 'A nested block cannot be a key (is a colon misplaced?)',
};

function cleanMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** The range of the key that starts at `offset`: a quoted string, or a plain key up to its colon. */
function keyRangeAt(text: string, offset: number): TextRange {
  const match = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s:,{}[\]][^:\n,{}[\]]*?)(?=\s*:)/.exec(text.slice(offset, offset + 256));
  return match?.[1] ? [offset, offset + match[1].length] : [offset, Math.min(offset + 1, text.length)];
}

/**
 * Errors the parser reports at the end of the file (an unterminated collection) are moved to the end
 * of the last line with content, where the reader can see what is unfinished.
 */
function atEndOfContent(range: TextRange, text: string): TextRange {
  const rest = text.slice(range[0]).split('\n');
  if (!rest.every((line) => /^\s*(#.*)?$/.test(line))) return range;
  const lines = text.slice(0, range[0]).split('\n');
  while (lines.length > 0 && /^\s*(#.*)?$/.test(lines[lines.length - 1] ?? '')) lines.pop();
  const end = lines.join('\n').replace(/\s+$/, '').length;
  return end > 0 ? [end - 1, end] : range;
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round(chars / (1024 * 1024))} MB` : `${Math.round(chars / 1024)} KB`;
}

/**
 * A cheap upper estimate of collection nesting, from flow brackets and block indentation,
 * computed without the parser so that hostile input never reaches it.
 */
export function estimateDepth(text: string, maxDepth: number): { tooDeep: boolean; offset: number } {
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  let indent = 0;
  const indents: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 0x5c /* \ */ && quote === '"') i++;
      else if (text[i] === quote) quote = undefined;
      else if (c === 0x0a) lineStart = true;
      continue;
    }
    if (c === 0x0a) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 0x20 || c === 0x2d /* - */ || c === 0x09) {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== 0x23 /* # */ && flow === 0) {
        while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > maxDepth) return { tooDeep: true, offset: i };
      }
    }
    if (c === 0x22 || c === 0x27) {
      // A quote opens a string only at the start of a token, not inside a plain scalar such as it's.
      const before = i > 0 ? text[i - 1] : ' ';
      if (c === 0x22 || before === ' ' || before === '[' || before === '{' || before === ',' || before === ':' || before === '\t') {
        quote = c === 0x22 ? '"' : "'";
      }
    } else if (c === 0x23 /* # */ && flow === 0 && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === 0x5b || c === 0x7b) {
      flow++;
      if (flow + indents.length > maxDepth) return { tooDeep: true, offset: i };
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) {
      flow--;
    }
  }
  return { tooDeep: false, offset: 0 };
}

const SCALAR_STYLES: Readonly<Record<string, ScalarStyle>> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/** Turns the yaml package's document into our node tree; aliases are shared, within a budget. */
class Converter {
  private aliasNodes = 0;
  private readonly converted = new Map<unknown, Node>();
  private readonly sizes = new WeakMap<Node, number>();
  private readonly inProgress = new Set<unknown>();

  constructor(
    private readonly text: string,
    private readonly doc: YAML.Document.Parsed,
    private readonly errors: SyntaxError[],
    private readonly limits: ParseLimits,
  ) {}

  convert(node: unknown, depth: number): Node {
    if (YAML.isAlias(node)) return this.convertAlias(node, depth);
    const cached = this.converted.get(node);
    if (cached) return cached;
    if (depth > this.limits.maxDepth) {
      const range = this.rangeOf(node);
      this.errors.push({ kind: 'too-deep', message: `The file nests collections deeper than ${this.limits.maxDepth} levels`, range });
      return emptyScalar(range[0]);
    }
    this.inProgress.add(node);
    const result = this.convertTagged(node, depth);
    this.inProgress.delete(node);
    if (YAML.isNode(node) && node.anchor) this.converted.set(node, result);
    return result;
  }

  private convertAlias(alias: YAML.Alias, depth: number): Node {
    const range = this.rangeOf(alias);
    let target: unknown;
    try {
      target = alias.resolve(this.doc);
    } catch {
      target = undefined;
    }
    if (target === undefined) {
      this.errors.push({ kind: 'syntax', message: `Unknown anchor *${alias.source}`, range });
      return emptyScalar(range[0]);
    }
    if (this.inProgress.has(target)) {
      this.errors.push({ kind: 'syntax', message: `Alias *${alias.source} refers to a collection that contains it`, range });
      return emptyScalar(range[0]);
    }
    const node = this.convert(target, depth);
    const size = this.sizes.get(node) ?? 1;
    this.aliasNodes += size;
    if (this.aliasNodes > this.limits.maxAliasNodes) {
      this.errors.push({ kind: 'alias-limit', message: `Aliases expand to more than ${this.limits.maxAliasNodes} nodes`, range });
      return emptyScalar(range[0]);
    }
    return node;
  }

  private convertTagged(node: unknown, depth: number): Node {
    const plain = this.convertPlain(node, depth);
    const tag = YAML.isNode(node) ? node.tag : undefined;
    const longKey = tag ? longFormOf(tag) : undefined;
    if (!tag || !longKey) return plain;
    const tagRange = this.tagRange(tag, plain.range[0]);
    const key: ScalarNode = { kind: 'scalar', range: tagRange, value: longKey, source: longKey, style: 'plain' };
    const range: TextRange = [tagRange[0], Math.max(tagRange[1], plain.range[1])];
    const pair: Pair = { key, value: plain, range };
    const map: MapNode = { kind: 'map', range, pairs: [pair], flow: true, shortTag: { tag, range: tagRange } };
    this.sizes.set(map, (this.sizes.get(plain) ?? 1) + 2);
    return map;
  }

  private convertPlain(node: unknown, depth: number): Node {
    if (YAML.isMap(node)) {
      const pairs: Pair[] = [];
      let size = 1;
      for (const item of node.items) {
        const key = this.convertKey(item.key);
        const value = item.value === null || item.value === undefined ? emptyScalar(key.range[1] + 1 > this.text.length ? key.range[1] : this.afterColon(key.range[1])) : this.convert(item.value, depth + 1);
        size += 1 + (this.sizes.get(value) ?? 1);
        pairs.push({ key, value, range: [key.range[0], Math.max(key.range[1], value.range[1])] });
      }
      const map: MapNode = { kind: 'map', range: this.rangeOf(node), pairs, flow: node.flow === true };
      this.sizes.set(map, size);
      return map;
    }
    if (YAML.isSeq(node)) {
      const items: Node[] = [];
      let size = 1;
      for (const item of node.items) {
        const converted = this.convert(item, depth + 1);
        size += this.sizes.get(converted) ?? 1;
        items.push(converted);
      }
      const seq: SeqNode = { kind: 'seq', range: this.rangeOf(node), items, flow: node.flow === true };
      this.sizes.set(seq, size);
      return seq;
    }
    if (YAML.isScalar(node)) return this.convertScalar(node);
    if (YAML.isPair(node)) {
      // A pair where a node is expected only appears in malformed input; keep its key.
      return this.convertKey(node.key);
    }
    return emptyScalar(0);
  }

  private convertScalar(node: YAML.Scalar): ScalarNode {
    const range = this.rangeOf(node);
    let value = node.value;
    if (typeof value === 'bigint') value = Number(value);
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') value = String(value);
    const empty = range[0] === range[1] && (value === null || value === '');
    const style: ScalarStyle = empty ? 'empty' : (SCALAR_STYLES[node.type ?? 'PLAIN'] ?? 'plain');
    const source = style === 'plain' ? (node.source ?? this.text.slice(range[0], range[1])) : typeof value === 'string' ? value : String(value);
    return { kind: 'scalar', range, value: value as string | number | boolean | null, source: String(source), style };
  }

  private convertKey(key: unknown): ScalarNode {
    if (YAML.isScalar(key)) {
      const scalar = this.convertScalar(key);
      return typeof scalar.value === 'string' ? scalar : { ...scalar, value: scalar.value === null ? '' : scalar.style === 'plain' ? scalar.source : String(scalar.value) };
    }
    const range = this.rangeOf(key);
    const source = this.text.slice(range[0], range[1]);
    return { kind: 'scalar', range, value: source, source, style: 'plain' };
  }

  private rangeOf(node: unknown): TextRange {
    if (YAML.isNode(node) && node.range) return toRange([node.range[0], node.range[1]], this.text);
    return [0, 0];
  }

  /** The offset just after the `:` that follows a key, where an empty value sits. */
  private afterColon(keyEnd: number): number {
    const colon = this.text.indexOf(':', keyEnd);
    return colon >= 0 && colon - keyEnd < 4 ? colon + 1 : keyEnd;
  }

  /** Where the tag written before a node starts and ends; only whitespace and an anchor may sit between. */
  private tagRange(tag: string, nodeStart: number): TextRange {
    const index = this.text.lastIndexOf(tag, nodeStart - 1 < 0 ? 0 : nodeStart - 1);
    if (index >= 0 && nodeStart - index - tag.length <= 200) {
      const between = this.text.slice(index + tag.length, nodeStart);
      if (/^(\s|&[^\s]+|#[^\n]*)*$/.test(between)) return [index, index + tag.length];
    }
    return [nodeStart, nodeStart];
  }
}

function emptyScalar(offset: number): ScalarNode {
  return { kind: 'scalar', range: [offset, offset], value: null, source: '', style: 'empty' };
}
