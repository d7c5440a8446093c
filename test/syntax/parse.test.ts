/**
 * The parser: one tree shape for YAML and JSON, short-form tags as long-form maps with the tag's
 * range, errors with positions instead of exceptions, and the limits that keep hostile input from
 * hanging or crashing the process.
 */
import { strict as assert } from 'node:assert';
import { parse, pathOfRange, plainValueOf, type Node } from '../../server/src/syntax';
import { LineIndex } from '../../server/src/syntax/line-index';

/** The tree as plain data: long-form maps, sequences and values, without ranges. */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.pairs.map((pair) => [pair.key.value, plain(pair.value)]));
}

describe('parse', () => {
  it('gives YAML and JSON the same tree', () => {
    const yaml = parse('A:\n  Ref: X\nB: [1, "two", true, null]\n');
    const json = parse('{\n\t"A": {"Ref": "X"},\n\t"B": [1, "two", true, null]\n}');
    assert.equal(yaml.format, 'yaml');
    assert.equal(json.format, 'json');
    assert.deepEqual(yaml.errors, []);
    assert.deepEqual(json.errors, []);
    assert.deepEqual(plain(yaml.root), plain(json.root));
  });

  const tags: readonly [string, unknown][] = [
    ['!Ref Vpc', { Ref: 'Vpc' }],
    ['!GetAtt Vpc.CidrBlock', { 'Fn::GetAtt': 'Vpc.CidrBlock' }],
    ['!GetAtt [Vpc, CidrBlock]', { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }],
    ['!Sub "${AWS::Region}"', { 'Fn::Sub': '${AWS::Region}' }],
    ['!Join ["-", [a, b]]', { 'Fn::Join': ['-', ['a', 'b']] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!If [C, 1, 2]', { 'Fn::If': ['C', 1, 2] }],
    ['!Equals [a, b]', { 'Fn::Equals': ['a', 'b'] }],
    ['!And [!Condition A, !Not [!Condition B]]', { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }] }],
    ['!Or [!Condition A]', { 'Fn::Or': [{ Condition: 'A' }] }],
    ['!FindInMap [M, K, V]', { 'Fn::FindInMap': ['M', 'K', 'V'] }],
    ['!ImportValue shared', { 'Fn::ImportValue': 'shared' }],
    ['!Base64 text', { 'Fn::Base64': 'text' }],
    ['!Cidr [10.0.0.0/16, 2, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }],
    ['!Transform {Name: X}', { 'Fn::Transform': { Name: 'X' } }],
    ['!Length [a]', { 'Fn::Length': ['a'] }],
    ['!ToJsonString {a: 1}', { 'Fn::ToJsonString': { a: 1 } }],
  ];
  for (const [source, expected] of tags) {
    it(`turns ${source} into its long form`, () => {
      const result = parse(`Value: ${source}\n`);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(plain(result.root), { Value: expected });
    });
  }

  it('keeps the range of a short-form tag on the long-form key', () => {
    const text = 'Value: !GetAtt Vpc.CidrBlock\n';
    const root = parse(text).root;
    assert.equal(root?.kind, 'map');
    const value = root?.kind === 'map' ? root.pairs[0]?.value : undefined;
    assert.equal(value?.kind, 'map');
    if (value?.kind !== 'map') return;
    assert.equal(value.shortTag?.tag, '!GetAtt');
    assert.equal(text.slice(...(value.pairs[0]?.key.range ?? [0, 0])), '!GetAtt');
    assert.equal(text.slice(...value.range), '!GetAtt Vpc.CidrBlock');
  });

  it('gives a finding in YAML and JSON the same path', () => {
    const yaml = 'A:\n  - !Ref X\n';
    const json = '{"A": [{"Ref": "X"}]}';
    const yamlRoot = parse(yaml).root as Node;
    const jsonRoot = parse(json).root as Node;
    assert.deepEqual(pathOfRange(yamlRoot, [yaml.indexOf('!Ref'), yaml.indexOf('X') + 1]), ['A', 0]);
    assert.deepEqual(pathOfRange(jsonRoot, [json.indexOf('{"Ref"'), json.indexOf('}]') + 1]), ['A', 0]);
    assert.deepEqual(pathOfRange(yamlRoot, [yaml.indexOf('X'), yaml.indexOf('X') + 1]), ['A', 0, 'Ref']);
  });

  it('keeps how plain scalars were written', () => {
    const root = parse('Account: 012345678901\nPort: 443\n').root;
    const account = root?.kind === 'map' ? root.pairs[0]?.value : undefined;
    assert.equal(account?.kind === 'scalar' ? account.source : undefined, '012345678901');
  });

  const broken: readonly [string, string, string][] = [
    ['a missing colon', 'A:\n  B\n  C: 1\n', 'syntax'],
    ['an unterminated flow list', 'A: [1, 2\n', 'syntax'],
    ['a duplicate key', 'A: 1\nA: 2\n', 'duplicate-key'],
    ['an unknown tag', 'A: !Reff B\n', 'unknown-tag'],
    ['two documents', 'A: 1\n---\nB: 2\n', 'multiple-documents'],
    ['JSON with a trailing comma', '{"A": 1,}', 'syntax'],
    ['an alias to an unknown anchor', 'A: *nope\n', 'syntax'],
    ['a recursive alias', 'A: &a [*a]\n', 'syntax'],
  ];
  for (const [name, text, kind] of broken) {
    it(`reports ${name} as an error with a position, without throwing`, () => {
      const result = parse(text);
      assert.ok(result.errors.some((error) => error.kind === kind), `errors: ${JSON.stringify(result.errors)}`);
      for (const error of result.errors) assert.ok(error.range[0] <= error.range[1] && error.range[1] <= text.length);
    });
  }

  it('bounds alias expansion (billion laughs)', () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghij') {
      text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = name;
    }
    const result = parse(text);
    assert.ok(result.errors.some((error) => error.kind === 'alias-limit'));
  });

  it('refuses 5,000-deep JSON and 2,000-deep YAML before the parser sees it', () => {
    const json = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    assert.ok(parse(json).errors.some((error) => error.kind === 'too-deep'));
    assert.ok(parse('['.repeat(5000) + ']'.repeat(5000)).errors.some((error) => error.kind === 'too-deep'));
    let block = '';
    for (let i = 0; i < 2000; i++) block += `${' '.repeat(i)}a:\n`;
    assert.ok(parse(block).errors.some((error) => error.kind === 'too-deep'));
  });

  it('refuses text over the size limit', () => {
    const result = parse('A: 1\n'.repeat(100), { maxLength: 100, maxDepth: 200, maxAliasNodes: 1000 });
    assert.equal(result.root, undefined);
    assert.equal(result.errors[0]?.kind, 'too-large');
  });

  it('reads a byte order mark, CRLF line endings and tab-indented JSON', () => {
    assert.deepEqual(parse('\uFEFFA: 1\r\nB: 2\r\n').errors, []);
    assert.deepEqual(plain(parse('\uFEFFA: 1\r\nB: 2\r\n').root), { A: 1, B: 2 });
    assert.deepEqual(parse('{\n\t"A": {\n\t\t"B": [1]\n\t}\n}\n').errors, []);
  });
});

describe('LineIndex', () => {
  const cases: readonly [string, number, number, number][] = [
    ['a\nb\n', 0, 0, 0],
    ['a\nb\n', 2, 1, 0],
    ['a\r\nb', 3, 1, 0],
    ['a\rb', 2, 1, 0],
    ['αβ\nγ', 3, 1, 0],
    ['x', 99, 0, 1],
  ];
  for (const [text, offset, line, character] of cases) {
    it(`maps offset ${offset} of ${JSON.stringify(text)} to ${line}:${character} and back`, () => {
      const index = new LineIndex(text);
      assert.deepEqual(index.positionAt(offset), { line, character });
      assert.equal(index.offsetAt({ line, character }), Math.min(offset, text.length));
    });
  }
});

describe('plainValueOf', () => {
  it('gives plain data with long-form intrinsics, and keeps a __proto__ key a key', () => {
    const { root } = parse('A: !Ref B\nList: [1, x, ~]\n__proto__:\n  polluted: true\n');
    assert.ok(root);
    const value = plainValueOf(root) as Record<string, unknown>;
    assert.deepEqual(value.A, { Ref: 'B' });
    assert.deepEqual(value.List, [1, 'x', null]);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(value, '__proto__'));
    assert.equal((value as { polluted?: unknown }).polluted, undefined);
  });
});
