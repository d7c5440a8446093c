/**
 * Mutations of real templates for the fuzzer: delete, duplicate and swap lines and keys, rename keys,
 * change scalars and tags, truncate, insert random bytes and Unicode, shift indentation, and change
 * line endings. A mutation is plain data whose positions are taken modulo what the text offers, so
 * that fast-check can shrink a failing list of mutations and their numbers towards the smallest one.
 */
import fc from 'fast-check';

export type Mutation =
  | { readonly kind: 'deleteLines'; readonly at: number; readonly count: number }
  | { readonly kind: 'duplicateLines'; readonly at: number; readonly count: number }
  | { readonly kind: 'swapLines'; readonly a: number; readonly b: number }
  | { readonly kind: 'deleteKey'; readonly at: number }
  | { readonly kind: 'duplicateKey'; readonly at: number }
  | { readonly kind: 'swapKeys'; readonly a: number; readonly b: number }
  | { readonly kind: 'renameKey'; readonly at: number; readonly from: number }
  | { readonly kind: 'changeScalar'; readonly at: number; readonly value: string | { readonly keyName: number } }
  | { readonly kind: 'changeTag'; readonly at: number; readonly tag: string }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'indent'; readonly at: number; readonly count: number; readonly delta: number; readonly tab: boolean }
  | { readonly kind: 'lineEndings'; readonly to: 'crlf' | 'lf' | 'cr' }
  | { readonly kind: 'byteOrderMark' }
  | { readonly kind: 'alias'; readonly anchorAt: number; readonly aliasAt: number };

/** Every short-form tag CloudFormation knows, some it does not, YAML's own tags, and no tag at all. */
export const TAGS: readonly string[] = [
  '!Ref',
  '!GetAtt',
  '!Sub',
  '!Join',
  '!Select',
  '!Split',
  '!If',
  '!Equals',
  '!And',
  '!Or',
  '!Not',
  '!Condition',
  '!FindInMap',
  '!GetAZs',
  '!ImportValue',
  '!Base64',
  '!Cidr',
  '!Transform',
  '!Length',
  '!ToJsonString',
  '!ForEach',
  '!Contains',
  '!EachMemberEquals',
  '!RefAll',
  '!ValueOf',
  '!GetStackOutput',
  '!Reff',
  '!getatt',
  '!Fn::GetAtt',
  '!',
  '!!str',
  '!!int',
  '!!float',
  '!!bool',
  '!!null',
  '!!binary',
  '!!map',
  '!!seq',
  '!!set',
  '!!omap',
  '!!timestamp',
  '!<tag:yaml.org,2002:str>',
  '!<!Ref>',
  '!custom',
  '',
];

/** Scalars that have tripped parsers and evaluators before: types YAML guesses, odd numbers, CIDRs, placeholders. */
export const INTERESTING_SCALARS: readonly string[] = [
  '',
  '~',
  'null',
  'Null',
  'true',
  'False',
  'yes',
  'on',
  '0',
  '-0',
  '-1',
  '443',
  '65535',
  '65536',
  '4294967296',
  '9007199254740993',
  '1e309',
  '-1e309',
  '.inf',
  '-.Inf',
  '.nan',
  '0x1F',
  '0o17',
  '017',
  '1_000',
  '12:30:00',
  '2010-09-09',
  '"-1"',
  "'443'",
  '"10.0.0.0/16"',
  '10.0.0.0/8',
  '10.0.0.0/33',
  '10.0.0.256/24',
  '0.0.0.0/0',
  '::/0',
  'fd00::/8',
  '2001:db8::/129',
  'pl-12345678',
  'sg-12345678',
  'subnet-1,subnet-2',
  '"${AWS::Region}"',
  '"${AWS::StackName}-${AWS::StackName}"',
  '"${Missing}"',
  '"${Vpc.CidrBlock}"',
  '"${!Literal}"',
  '"${"',
  '"}${"',
  '"$${AWS::Region}"',
  'AWS::NoValue',
  'AWS::Region',
  'com.amazonaws.us-east-1.s3',
  '"com.amazonaws.${AWS::Region}.execute-api"',
  'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
  'Interface',
  'Gateway',
  'GatewayLoadBalancer',
  'tcp',
  'udp',
  'icmp',
  '"6"',
  'allow',
  'deny',
  '[]',
  '{}',
  '[[]]',
  '[1, [2, [3, [4]]]]',
  '{a: {b: {c: {}}}}',
  '!Ref AWS::Region',
  '!Ref AWS::NoValue',
  '!GetAtt [OnlyOne]',
  '!GetAtt []',
  '!GetAtt .',
  '!Select ["1", [a, b]]',
  '!Select [a, [a, b]]',
  '!Select [99999999999, [a]]',
  '!Select [-1, [a]]',
  '!Join [",", "not a list"]',
  '!Join [[], []]',
  '!Split ["", abc]',
  '!If [Missing, a, b]',
  '!If [a]',
  '!Sub [abc, notAMap]',
  '!Sub [abc, {x: !Ref X}, extra]',
  '!ImportValue 42',
  '!ImportValue [a, b]',
  '!Cidr [10.0.0.0/16, 256, 8]',
  '!Cidr [10.0.0.0/16, 1000000, 0]',
  '!Cidr [::/0, 256, 120]',
  '!FindInMap [M]',
  '!FindInMap [M, a, b, {DefaultValue: x}]',
  '!GetAZs ""',
  '!GetAZs [x]',
  '!Length 3',
  '&anchor value',
  '*anchor',
  "'it''s'",
  '"tab\\there"',
  '"\\u0000"',
  '"\\uD800"',
  '|',
  '>-',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'ｆｕｌｌｗｉｄｔｈ',
  '\u202Eright-to-left',
  'a'.repeat(5000),
];

/** Fragments that are meaningful to YAML or JSON, inserted at random places. */
const FRAGMENTS: readonly string[] = [
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\r',
  '\t',
  '\u2028',
  '\u0085',
  '\u00A0',
  ': ',
  ':',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '*a ',
  '!Ref ',
  '!GetAtt ',
  '%YAML 1.2\n---\n',
  '%TAG ! tag:example.com,2000:\n',
  '---\n',
  '...\n',
  '? ',
  '|\n',
  '>-\n',
  '"',
  "'",
  '#',
  '<<: *a\n',
  '\\',
  '${',
  'Fn::',
  '{"Ref": "Vpc"}',
  '{"Fn::GetAtt": ["Vpc"]}',
  '\n  - ',
  '\n\t',
];

/** Random text of every kind: binary, control characters, Unicode with astral planes, YAML punctuation. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.uint8Array({ maxLength: 32 }).map((bytes) => String.fromCharCode(...bytes)),
  fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
);

/** One mutation, positions as naturals that `applyMutation` reduces modulo the text. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('duplicateLines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('deleteKey' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateKey' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapKeys' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('renameKey' as const), at: fc.nat(), from: fc.nat() }),
  fc.record({
    kind: fc.constant('changeScalar' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...INTERESTING_SCALARS), fc.record({ keyName: fc.nat() }), fc.string({ maxLength: 12 })),
  }),
  fc.record({ kind: fc.constant('changeTag' as const), at: fc.nat(), tag: fc.constantFrom(...TAGS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: randomText }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 30 }), delta: fc.integer({ min: -6, max: 6 }), tab: fc.boolean() }),
  fc.record({ kind: fc.constant('lineEndings' as const), to: fc.constantFrom('crlf' as const, 'lf' as const, 'cr' as const) }),
  fc.constant({ kind: 'byteOrderMark' as const }),
  fc.record({ kind: fc.constant('alias' as const), anchorAt: fc.nat(), aliasAt: fc.nat() }),
);

/** A line that starts a key (`Key:`, `- Key:`, `"Key":`), with where its name is. */
interface KeyLine {
  readonly line: number;
  readonly indent: number;
  readonly nameStart: number;
  readonly nameEnd: number;
}

const KEY_LINE = /^(\s*(?:-\s+)?)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{}[\],:&*!|>%@`?-][^:#\n]*?|-[^\s:#][^:#\n]*?)\s*:(?=\s|$)/;

function keyLines(lines: readonly string[]): KeyLine[] {
  const result: KeyLine[] = [];
  lines.forEach((text, line) => {
    const match = KEY_LINE.exec(text);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      result.push({ line, indent: match[1].length, nameStart: match[1].length, nameEnd: match[1].length + match[2].length });
    }
  });
  return result;
}

/** The lines of the block a key line opens: itself and every following line indented deeper (or blank). */
function blockEnd(lines: readonly string[], key: KeyLine): number {
  let end = key.line + 1;
  while (end < lines.length) {
    const text = lines[end] ?? '';
    const indent = text.length - text.trimStart().length;
    if (text.trim() !== '' && indent <= key.indent) break;
    end++;
  }
  return end;
}

/** Where scalar values sit: after `key: ` or `- ` up to the end of the line (or a comma in JSON). */
function scalarSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const pattern = /(?::[ \t]+|^[ \t]*-[ \t]+)([^\s{[|>#&*][^\n\r#,}\]]*)/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const value = match[1] ?? '';
    const start = match.index + match[0].length - value.length;
    spans.push([start, start + value.trimEnd().length]);
    if (spans.length > 5000) break;
  }
  return spans;
}

/** Where tags are written, or where a value starts (to add a tag). */
function tagSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const pattern = /!!?[A-Za-z<][^\s[\]{},]*|(?<=:[ \t])(?=\S)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    spans.push([match.index, match.index + match[0].length]);
    if (match[0].length === 0) pattern.lastIndex++;
    if (spans.length > 5000) break;
  }
  return spans;
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/** Apply one mutation; positions wrap around what the text has, so every mutation applies to every text. */
export function applyMutation(text: string, mutation: Mutation): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const join = (parts: readonly string[]): string => parts.join(eol);
  switch (mutation.kind) {
    case 'deleteLines': {
      const at = mutation.at % lines.length;
      return join([...lines.slice(0, at), ...lines.slice(at + mutation.count)]);
    }
    case 'duplicateLines': {
      const at = mutation.at % lines.length;
      const copied = lines.slice(at, at + mutation.count);
      return join([...lines.slice(0, at + copied.length), ...copied, ...lines.slice(at + copied.length)]);
    }
    case 'swapLines': {
      const a = mutation.a % lines.length;
      const b = mutation.b % lines.length;
      const swapped = [...lines];
      swapped[a] = lines[b] ?? '';
      swapped[b] = lines[a] ?? '';
      return join(swapped);
    }
    case 'deleteKey': {
      const key = pick(keyLines(lines), mutation.at);
      if (!key) return text;
      return join([...lines.slice(0, key.line), ...lines.slice(blockEnd(lines, key))]);
    }
    case 'duplicateKey': {
      const key = pick(keyLines(lines), mutation.at);
      if (!key) return text;
      const end = blockEnd(lines, key);
      // The copy loses a leading `- ` so that it repeats the key in the same map rather than adding a list item.
      const block = lines.slice(key.line, end).map((line, index) => (index === 0 ? line.replace(/^(\s*)-(\s+)/, '$1 $2') : line));
      return join([...lines.slice(0, end), ...block, ...lines.slice(end)]);
    }
    case 'swapKeys': {
      const keys = keyLines(lines);
      const a = pick(keys, mutation.a);
      const b = pick(keys, mutation.b);
      if (!a || !b || a.line === b.line) return text;
      const nameOf = (key: KeyLine): string => (lines[key.line] ?? '').slice(key.nameStart, key.nameEnd);
      const rename = (key: KeyLine, name: string): string => {
        const line = lines[key.line] ?? '';
        return line.slice(0, key.nameStart) + name + line.slice(key.nameEnd);
      };
      const swapped = [...lines];
      swapped[a.line] = rename(a, nameOf(b));
      swapped[b.line] = rename(b, nameOf(a));
      return join(swapped);
    }
    case 'renameKey': {
      const keys = keyLines(lines);
      const key = pick(keys, mutation.at);
      const from = pick(keys, mutation.from);
      if (!key || !from) return text;
      const renamed = [...lines];
      const line = lines[key.line] ?? '';
      renamed[key.line] = line.slice(0, key.nameStart) + (lines[from.line] ?? '').slice(from.nameStart, from.nameEnd) + line.slice(key.nameEnd);
      return join(renamed);
    }
    case 'changeScalar': {
      const span = pick(scalarSpans(text), mutation.at);
      if (!span) return text;
      let value: string;
      if (typeof mutation.value === 'string') value = mutation.value;
      else {
        // A name the file declares makes a reference that resolves (or a cycle), not just a dangling one.
        const key = pick(keyLines(lines), mutation.value.keyName);
        value = key ? (lines[key.line] ?? '').slice(key.nameStart, key.nameEnd) : 'Missing';
      }
      return text.slice(0, span[0]) + value + text.slice(span[1]);
    }
    case 'changeTag': {
      const span = pick(tagSpans(text), mutation.at);
      if (!span) return text;
      const replacement = span[0] === span[1] ? (mutation.tag === '' ? '' : `${mutation.tag} `) : mutation.tag;
      return text.slice(0, span[0]) + replacement + text.slice(span[1]);
    }
    case 'truncate':
      return text.slice(0, mutation.at % (text.length + 1));
    case 'insert': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'indent': {
      const at = mutation.at % lines.length;
      const shifted = lines.map((line, index) => {
        if (index < at || index >= at + mutation.count) return line;
        if (mutation.delta >= 0) return (mutation.tab ? '\t' : ' ').repeat(mutation.delta) + line;
        const remove = Math.min(-mutation.delta, line.length - line.trimStart().length);
        return line.slice(remove);
      });
      return join(shifted);
    }
    case 'lineEndings': {
      const normal = text.replace(/\r\n?/g, '\n');
      return mutation.to === 'lf' ? normal : normal.replace(/\n/g, mutation.to === 'crlf' ? '\r\n' : '\r');
    }
    case 'byteOrderMark':
      return text.startsWith('\uFEFF') ? text.slice(1) : `\uFEFF${text}`;
    case 'alias': {
      const spans = scalarSpans(text);
      const anchor = pick(spans, mutation.anchorAt);
      const alias = pick(spans, mutation.aliasAt);
      if (!anchor || !alias) return text;
      // The alias replaces a later scalar and the anchor marks an earlier value, which may contain the alias.
      const [first, second] = anchor[0] <= alias[0] ? [anchor, alias] : [alias, anchor];
      return `${text.slice(0, first[0])}&fz ${text.slice(first[0], second[0])}*fz${text.slice(second[1])}`;
    }
  }
}

/** Apply mutations in order. */
export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}
