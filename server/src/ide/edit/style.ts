/**
 * A file's writing conventions, detected once from its text and tree so that new text looks like
 * the author wrote it: line ending, indentation unit, where block list dashes go, quote style,
 * short or long intrinsic forms, flow spacing, and (for JSON) the key separator and whether small
 * intrinsics sit on one line. Every choice is the majority among the file's own examples, with a
 * common default when the file has none.
 */
import { isIntrinsicKey, type MapNode, type Node, type ParseResult } from '../../syntax';
import { columnOf, dashOf, onSameLine } from './layout';

export interface FileStyle {
  readonly format: 'yaml' | 'json';
  readonly eol: '\n' | '\r\n';
  /** One level of indentation: spaces in YAML, spaces or a tab in JSON. */
  readonly indentUnit: string;
  /** YAML: columns from a key to the `-` of the block list under it (0 when dashes sit at the key's column). */
  readonly listIndent: number;
  /** YAML: columns from a `-` to the first key of the map it holds (2 for `- Key: value`). */
  readonly itemIndent: number;
  /** YAML: the quote used for strings that need quoting. */
  readonly quote: 'single' | 'double';
  /** YAML: whether intrinsics are written as short-form tags (`!Ref X`) rather than `Ref: X`. */
  readonly shortTags: boolean;
  /** Whether a one-line list is written `[ a, b ]` rather than `[a, b]`. */
  readonly flowListPadding: boolean;
  /** Whether a one-line map is written `{ a: 1 }` rather than `{a: 1}`. */
  readonly flowMapPadding: boolean;
  /** Whether lists of plain values (ids, references) are written on one line. */
  readonly inlineValueLists: boolean;
  /** JSON: what separates a key from its value, such as `": "` or `" : "`, without the quotes. */
  readonly jsonColon: string;
  /** JSON: whether intrinsics such as `{ "Ref": "Vpc" }` are written on one line. */
  readonly jsonInlineIntrinsics: boolean;
}

/**
 * The conventions of a parsed file. A parse never changes, so its style is worked out once: a code
 * action request builds several fixes for the same file, and editors ask on every cursor move.
 */
export function detectStyle(parsed: Pick<ParseResult, 'text' | 'root' | 'format'>): FileStyle {
  let style = STYLES.get(parsed);
  if (!style) STYLES.set(parsed, (style = computeStyle(parsed)));
  return style;
}

const STYLES = new WeakMap<object, FileStyle>();

function computeStyle(parsed: Pick<ParseResult, 'text' | 'root' | 'format'>): FileStyle {
  const text = parsed.text;
  const votes: Votes = new Map();
  if (parsed.root) collect(text, parsed.format, parsed.root, false, votes);
  const eol = detectEol(text);
  if (parsed.format === 'json') {
    return {
      format: 'json',
      eol,
      indentUnit: detectJsonIndent(text),
      listIndent: 0,
      itemIndent: 0,
      quote: 'double',
      shortTags: false,
      flowListPadding: majority(votes, 'listPadding', false),
      flowMapPadding: majority(votes, 'mapPadding', true),
      inlineValueLists: majority(votes, 'inlineValueLists', false),
      jsonColon: topAnswer(votes, 'colon') ?? ': ',
      jsonInlineIntrinsics: majority(votes, 'inlineIntrinsic', true),
    };
  }
  const unit = Number(topAnswer(votes, 'indent') ?? 2);
  return {
    format: 'yaml',
    eol,
    indentUnit: ' '.repeat(unit),
    listIndent: Number(topAnswer(votes, 'listIndent') ?? unit),
    itemIndent: Number(topAnswer(votes, 'itemIndent') ?? 2),
    quote: majority(votes, 'singleQuote', true) ? 'single' : 'double',
    shortTags: majority(votes, 'shortTag', true),
    flowListPadding: majority(votes, 'listPadding', false),
    flowMapPadding: majority(votes, 'mapPadding', true),
    inlineValueLists: majority(votes, 'inlineValueLists', false),
    jsonColon: ': ',
    jsonInlineIntrinsics: true,
  };
}

/** Tallies of what the file does: for each question, a count per answer. */
type Votes = Map<string, Map<string, number>>;

function vote(votes: Votes, question: string, answer: string | boolean | number): void {
  const answers = votes.get(question) ?? new Map<string, number>();
  answers.set(String(answer), (answers.get(String(answer)) ?? 0) + 1);
  votes.set(question, answers);
}

/** The most frequent answer; ties go to the answer seen first. */
function topAnswer(votes: Votes, question: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [answer, count] of votes.get(question) ?? []) {
    if (count > bestCount) {
      best = answer;
      bestCount = count;
    }
  }
  return best;
}

/** A yes/no answer: the majority, or `fallback` on a tie (including no votes at all). */
function majority(votes: Votes, question: string, fallback: boolean): boolean {
  const yes = votes.get(question)?.get('true') ?? 0;
  const no = votes.get(question)?.get('false') ?? 0;
  return yes === no ? fallback : yes > no;
}

function detectEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    if (index > 0 && text.charCodeAt(index - 1) === 0x0d) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** The indentation unit of a JSON file: a tab when lines are tab-indented, else the most common step. */
function detectJsonIndent(text: string): string {
  const steps: Votes = new Map();
  let previous = 0;
  let tabs = 0;
  let spaces = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const indentation = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (indentation.startsWith('\t')) tabs++;
    else if (indentation.length > 0) spaces++;
    if (!indentation.includes('\t') && indentation.length > previous) vote(steps, 'step', indentation.length - previous);
    previous = indentation.includes('\t') ? previous : indentation.length;
  }
  if (tabs > spaces) return '\t';
  return ' '.repeat(Number(topAnswer(steps, 'step') ?? 2));
}

/** Walk the tree and vote on every convention a node shows. */
function collect(text: string, format: 'yaml' | 'json', node: Node, intrinsicArgument: boolean, votes: Votes): void {
  if (node.kind === 'scalar') {
    if (format === 'yaml' && (node.style === 'single' || node.style === 'double')) vote(votes, 'singleQuote', node.style === 'single');
    return;
  }
  if (node.kind === 'seq') {
    const oneLine = node.flow && onSameLine(text, node.range[0], node.range[1]);
    if (oneLine && node.items.length > 0) vote(votes, 'listPadding', text.charAt(node.range[0] + 1) === ' ');
    if (!intrinsicArgument && node.items.length > 0 && node.items.every(isPlainValue)) vote(votes, 'inlineValueLists', oneLine);
    for (const item of node.items) {
      if (format === 'yaml' && !node.flow && item.kind === 'map' && !item.flow && item.pairs[0]) {
        vote(votes, 'itemIndent', columnOf(text, item.pairs[0].key.range[0]) - columnOf(text, dashOf(text, item)));
      }
      collect(text, format, item, false, votes);
    }
    return;
  }
  const intrinsic = isIntrinsicMap(node);
  if (intrinsic) {
    if (format === 'yaml') vote(votes, 'shortTag', node.shortTag !== undefined);
    else vote(votes, 'inlineIntrinsic', onSameLine(text, node.range[0], node.range[1]));
  }
  if (node.flow && !node.shortTag && node.pairs.length > 0 && onSameLine(text, node.range[0], node.range[1])) {
    vote(votes, 'mapPadding', text.charAt(node.range[0] + 1) === ' ');
  }
  for (const pair of node.pairs) {
    const value = pair.value;
    if (format === 'json') {
      const colon = text.slice(pair.key.range[1], value.range[0]);
      if (/^[ \t]*:[ \t]*$/.test(colon)) vote(votes, 'colon', colon);
    } else if (!node.flow && !node.shortTag) {
      const keyColumn = columnOf(text, pair.key.range[0]);
      if (value.kind === 'map' && !value.flow && !value.shortTag && value.pairs[0]) {
        const step = columnOf(text, value.pairs[0].key.range[0]) - keyColumn;
        if (step >= 1 && step <= 8) vote(votes, 'indent', step);
      } else if (value.kind === 'seq' && !value.flow && value.items[0]) {
        const step = columnOf(text, dashOf(text, value.items[0])) - keyColumn;
        if (step >= 0 && step <= 8) vote(votes, 'listIndent', step);
      }
    }
    collect(text, format, value, intrinsic, votes);
  }
}

/** A one-key map whose key is `Ref`, `Condition` or `Fn::…`, in either form. */
export function isIntrinsicMap(node: Node): node is MapNode {
  if (node.kind !== 'map' || node.pairs.length !== 1) return false;
  const key = node.pairs[0]?.key.value;
  return typeof key === 'string' && isIntrinsicKey(key);
}

/** A scalar, or an intrinsic whose argument is a scalar (`!Ref Subnet`), as listed in id lists. */
function isPlainValue(node: Node): boolean {
  if (node.kind === 'scalar') return true;
  return isIntrinsicMap(node) && node.pairs[0]?.value.kind === 'scalar';
}
