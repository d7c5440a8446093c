/**
 * `parse(text)`: YAML and JSON through the one `yaml` parser into the plain node tree of `node.ts`.
 * Parsing never throws and never hangs: syntax errors come back as a list with offsets, alias
 * expansion has a budget, input that is too large is refused before the parser sees it, and input
 * nested too deep is refused before the `yaml` package composes it (its composer recurses, and
 * thousands of nesting levels can exhaust V8 beyond what an exception can catch).
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
  /** Set when the text is binary data (a NUL in its first 8 KB), which is not parsed at all. */
  readonly binary?: true;
  /** The YAML aliases (`*name`) of the text, which the tree holds expanded: the first one and how many. */
  readonly aliases?: { readonly first: TextRange; readonly name: string; readonly count: number };
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

/**
 * The most errors one parse reports. Past it, one more error says how many follow: a broken file can
 * have an error on every line, and describing (and showing) each would cost more than it tells.
 */
export const MAX_ERRORS = 100;

/** How much of a text is searched for a NUL character to tell binary data from text, as Git does. */
export const BINARY_PROBE_LENGTH = 8192;

/** Bytes read from a file as UTF-8 text; binary data (a NUL in the first 8 KB) and invalid UTF-8 are refused with a reason. */
export function decodeText(bytes: Uint8Array): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string } {
  if (bytes.subarray(0, BINARY_PROBE_LENGTH).includes(0)) return { ok: false, reason: 'it is a binary file' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'it is not valid UTF-8' };
  }
}

/** Whether a text is binary data rather than YAML or JSON: a NUL character in its first 8 KB. */
export function isBinaryText(text: string): boolean {
  const nul = text.indexOf('\u0000');
  return nul >= 0 && nul < BINARY_PROBE_LENGTH;
}

/** Parse YAML or JSON text. Never throws. */
export function parse(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParseResult {
  const format = detectFormat(text);
  // An editor may open an image or an archive; it is neither YAML nor JSON, so it has no tree and no errors.
  if (isBinaryText(text)) return { root: undefined, errors: [], format, text, binary: true };
  if (text.length > limits.maxLength) {
    return { root: undefined, errors: [{ kind: 'too-large', message: `The file is larger than ${formatSize(limits.maxLength)}`, range: [0, 0] }], format, text };
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
  // The lexer and the parser of the `yaml` package keep their own stacks; only its composer recurses.
  // So the concrete syntax tree is measured first, and input nested too deep never reaches the composer.
  const tokens = [...new YAML.Parser().parse(text)];
  const tooDeep = tooDeepOffset(tokens, limits.maxDepth);
  if (tooDeep !== undefined) {
    const offset = Math.min(tooDeep, text.length);
    return { root: undefined, errors: [{ kind: 'too-deep', message: `The file nests collections deeper than ${limits.maxDepth} levels`, range: [offset, offset] }], format, text };
  }
  const doc = readLeniently(composeFirstDocument(tokens, text), text, limits);
  const errors: SyntaxError[] = [];
  const endOfContent = new EndOfContent(text);
  // Broken input can have an error per line; only the first ones are worth reading (and describing).
  const parserErrors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  for (const error of parserErrors.slice(0, MAX_ERRORS + 1)) {
    if (error.code === 'MULTIPLE_DOCS') {
      errors.push({ kind: 'multiple-documents', message: 'The file holds more than one YAML document', range: toRange(error.pos, text) });
    } else if (error.code === 'RESOURCE_EXHAUSTION') {
      errors.push({ kind: 'too-deep', message: 'The file nests collections too deeply to be read', range: toRange(error.pos, text) });
    } else {
      errors.push({ kind: 'syntax', message: FRIENDLY_MESSAGES[error.code] ?? cleanMessage(error.message), range: endOfContent.move(toRange(error.pos, text)) });
    }
  }
  let unlisted = Math.max(0, parserErrors.length - (MAX_ERRORS + 1));
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    const tag = text.slice(warning.pos[0], warning.pos[1]);
    if (longFormOf(tag) === undefined) {
      errors.push({ kind: 'unknown-tag', message: `Unknown tag ${tag}`, range: toRange(warning.pos, text) });
    }
  }
  const converter = new Converter(text, doc, errors, limits);
  const root = doc.contents ? converter.convert(doc.contents, 0) : undefined;
  // The `yaml` package reads a NUL as any other character, but neither YAML nor JSON allows one.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) errors.push({ kind: 'syntax', message: 'The file contains a NUL character, which YAML and JSON do not allow', range: [nul, nul + 1] });
  if (format === 'json' && errors.length === 0) {
    const jsonError = strictJsonError(text);
    if (jsonError) errors.push(jsonError);
  }
  errors.sort((a, b) => a.range[0] - b.range[0]);
  if (errors.length + unlisted > MAX_ERRORS) {
    unlisted += errors.length - MAX_ERRORS;
    const next = errors[MAX_ERRORS]?.range ?? [text.length, text.length];
    errors.length = MAX_ERRORS;
    errors.push({ kind: 'syntax', message: `${unlisted} more errors follow from here and are not listed`, range: next });
  }
  return { root, errors, format, text, ...(converter.aliases ? { aliases: converter.aliases } : {}) };
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
 * of the last line with content, where the reader can see what is unfinished. The last line with
 * content is found once per file, so that many errors cost no more than one.
 */
class EndOfContent {
  private lastLine: { readonly start: number; readonly end: number } | undefined;
  /** Where an error at an offset moves to, or null where it stays; errors at the end often share one offset. */
  private readonly moved = new Map<number, TextRange | null>();

  constructor(private readonly text: string) {}

  move(range: TextRange): TextRange {
    let target = this.moved.get(range[0]);
    if (target === undefined) this.moved.set(range[0], (target = this.target(range[0])));
    return target ?? range;
  }

  private target(offset: number): TextRange | null {
    const last = (this.lastLine ??= lastContentLine(this.text));
    const rest = offset >= last.end ? '' : offset >= last.start ? this.text.slice(offset, last.end) : undefined;
    if (rest === undefined || !BLANK_OR_COMMENT.test(rest)) return null;
    const lines = this.text.slice(0, offset).split('\n');
    while (lines.length > 0 && BLANK_OR_COMMENT.test(lines[lines.length - 1] ?? '')) lines.pop();
    // `trimEnd`, not `/\s+$/`, which takes quadratic time on a long run of spaces before the end.
    const end = lines.join('\n').trimEnd().length;
    return end > 0 ? [end - 1, end] : null;
  }
}

const BLANK_OR_COMMENT = /^\s*(#.*)?$/;

/** The last line that is neither blank nor only a comment, as offsets (start, end before its line break). */
function lastContentLine(text: string): { start: number; end: number } {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (!BLANK_OR_COMMENT.test(text.slice(start, end))) return { start, end };
    end = start - 1;
  }
  return { start: 0, end: 0 };
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round(chars / (1024 * 1024))} MB` : `${Math.round(chars / 1024)} KB`;
}

/**
 * The document as CloudFormation reads it when YAML 1.2 is stricter. YAML wants the lines of a quoted
 * scalar or a flow collection indented deeper than the key they belong to; CloudFormation (like PyYAML)
 * does not, and real templates rely on it (a `!Sub '{…}'` policy whose closing `}'` sits under its key).
 * A document with such errors is read again with a lexer that ignores that indentation, and the second
 * reading wins when it has no error at all; otherwise the strict one stays, whose recovery keeps the
 * rest of a file readable while a quote or bracket is still being typed.
 */
function readLeniently(strict: YAML.Document.Parsed, text: string, limits: ParseLimits): YAML.Document.Parsed {
  // Only when the first thing that goes wrong is such an indentation: a file that is broken before it
  // would not read without errors anyway, and reading a file with an error on every line twice is slow.
  const first = strict.errors.reduce((offset, error) => Math.min(offset, error.pos[0]), Number.POSITIVE_INFINITY);
  const firstErrors = strict.errors.filter((error) => error.pos[0] === first);
  if (firstErrors.length === 0 || !firstErrors.every((error) => error.code === 'BAD_INDENT' || error.code === 'MISSING_CHAR')) return strict;
  const parser = new YAML.Parser();
  const tokens: YAML.CST.Token[] = [];
  for (const lexeme of lenientLexer().lex(text)) tokens.push(...parser.next(lexeme));
  tokens.push(...parser.end());
  if (tooDeepOffset(tokens, limits.maxDepth) !== undefined) return strict;
  const lenient = composeFirstDocument(tokens, text);
  return lenient.errors.length === 0 ? lenient : strict;
}

/** The parts of the `yaml` package's lexer that `lenientLexer` changes; the package is pinned, and tests cover them. */
interface LexerInternals {
  buffer: string;
  indentNext: number;
  continueScalar(offset: number): number;
  parseQuotedScalar(): Generator<string, string>;
  parseFlowCollection(): Generator<string, string>;
}

/** A lexer that ignores indentation inside quoted scalars and flow collections, as CloudFormation does. */
function lenientLexer(): YAML.Lexer {
  const lexer = new YAML.Lexer();
  const internals = lexer as unknown as LexerInternals;
  const base = { continueScalar: internals.continueScalar, parseQuotedScalar: internals.parseQuotedScalar, parseFlowCollection: internals.parseFlowCollection };
  let inQuotedScalar = false;
  internals.parseQuotedScalar = function* (this: LexerInternals) {
    inQuotedScalar = true;
    try {
      return yield* base.parseQuotedScalar.call(this);
    } finally {
      inQuotedScalar = false;
    }
  };
  internals.continueScalar = function (this: LexerInternals, offset: number) {
    if (!inQuotedScalar) return base.continueScalar.call(this, offset);
    // Inside quotes the next line continues the scalar whatever its indentation, up to the closing quote.
    let next = offset;
    while (this.buffer[next] === ' ') next++;
    return next;
  };
  internals.parseFlowCollection = function* (this: LexerInternals) {
    // The lexer ends a flow collection at a line indented no deeper than its key; with no indentation
    // to respect, it reads on to the closing bracket. Block indentation resumes after it.
    const indentNext = this.indentNext;
    this.indentNext = 0;
    try {
      return yield* base.parseFlowCollection.call(this);
    } finally {
      if (this.indentNext === 0) this.indentNext = indentNext;
    }
  };
  return lexer;
}

/** The first document of the tokens, as `YAML.parseDocument` composes it: later documents are an error. */
function composeFirstDocument(tokens: readonly YAML.CST.Token[], text: string): YAML.Document.Parsed {
  // Duplicate keys are found by the converter: the `yaml` package compares each key with every earlier
  // one, which takes seconds on a map of twenty thousand keys.
  const composer = new YAML.Composer({ uniqueKeys: false, strict: true, version: '1.2' });
  let first: YAML.Document.Parsed | undefined;
  // Each error the composer makes is an `Error` that captures a stack trace nobody reads; on a file
  // with an error per line, capturing them is most of the work.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const doc of composer.compose(tokens, true, text.length)) {
      if (!first) first = doc;
      else {
        first.errors.push(new YAML.YAMLParseError([doc.range[0], doc.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  // `compose(…, true, …)` always ends with a document, an empty one for empty input.
  return first as YAML.Document.Parsed;
}

/**
 * The offset of a collection nested deeper than `maxDepth` in the concrete syntax tree, or
 * undefined. Walks with an explicit stack, as the tree can be as deep as the input is long.
 */
function tooDeepOffset(tokens: readonly YAML.CST.Token[], maxDepth: number): number | undefined {
  const stack: [YAML.CST.Token, number][] = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [YAML.CST.Token, number];
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > maxDepth) return token.offset;
        for (const item of token.items) {
          if (item.key) stack.push([item.key, depth + 1]);
          if (item.value) stack.push([item.value, depth + 1]);
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
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
  private aliasLimitReported = false;
  /** The first alias met and how many were met. */
  aliases: { first: TextRange; name: string; count: number } | undefined;
  private readonly converted = new Map<unknown, Node>();
  private readonly sizes = new WeakMap<Node, number>();
  private readonly inProgress = new Set<unknown>();
  /** What each alias refers to: the last node before it with its anchor, as `Alias.resolve` decides. */
  private aliasTargets: Map<YAML.Alias, unknown> | undefined;

  constructor(
    private readonly text: string,
    private readonly doc: YAML.Document.Parsed,
    private readonly errors: SyntaxError[],
    private readonly limits: ParseLimits,
  ) {}

  /**
   * `Alias.resolve` walks the whole document for every alias; one walk in document order serves them
   * all, made at the first alias, so that a document without one is not walked at all.
   */
  private targetOf(alias: YAML.Alias): unknown {
    if (!this.aliasTargets) {
      const targets = new Map<YAML.Alias, unknown>();
      const anchors = new Map<string, unknown>();
      YAML.visit(this.doc, {
        Node: (_key, node) => {
          if (YAML.isAlias(node)) targets.set(node, anchors.get(node.source));
          else if (node.anchor) anchors.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }

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
    if (this.aliases) this.aliases.count++;
    else this.aliases = { first: range, name: alias.source, count: 1 };
    const target = this.targetOf(alias);
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
      // One error at the first alias past the budget says it all; the aliases after it stay empty.
      if (!this.aliasLimitReported) this.errors.push({ kind: 'alias-limit', message: `Aliases expand to more than ${this.limits.maxAliasNodes} nodes`, range });
      this.aliasLimitReported = true;
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
      // Keys are equal as the `yaml` package compares them: scalars with the same value (1 and "1" differ).
      const keys = new Set<unknown>();
      for (const item of node.items) {
        const key = this.convertKey(item.key);
        if (YAML.isScalar(item.key)) {
          const value = item.key.value;
          if (keys.has(value) && !(typeof value === 'number' && Number.isNaN(value))) {
            const range = keyRangeAt(this.text, key.range[0]);
            this.errors.push({ kind: 'duplicate-key', message: `Duplicate key ${this.text.slice(range[0], range[1])}`, range });
          }
          keys.add(value);
        }
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
