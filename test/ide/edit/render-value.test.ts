/**
 * Writing values: YAML strings are quoted exactly when YAML 1.2 or 1.1 would read them as something
 * else, numbers and booleans stay plain, intrinsics take the file's short or long form, and JSON
 * follows the file's separators and one-line intrinsics.
 */
import { strict as assert } from 'node:assert';
import { parse } from '../../../server/src/syntax';
import { detectStyle, type FileStyle } from '../../../server/src/ide/edit';
import { jsonValue, yamlInline, yamlItemLines, yamlPairLines, yamlScalar } from '../../../server/src/ide/edit/render-value';

const SHORT: FileStyle = detectStyle(parse("A: !Ref B\nC: 'x'\n"));
const LONG: FileStyle = { ...SHORT, shortTags: false };
const DOUBLE: FileStyle = { ...SHORT, quote: 'double' };
const JSON_STYLE: FileStyle = detectStyle(parse('{\n  "A": { "Ref": "B" }\n}\n'));

describe('yamlScalar', () => {
  const cases: [string | number | boolean | null, string][] = [
    ['tcp', 'tcp'],
    ['10.0.0.0/16', '10.0.0.0/16'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['AWS::EC2::VPC', 'AWS::EC2::VPC'],
    ['com.amazonaws.${AWS::Region}.ssm', 'com.amazonaws.${AWS::Region}.ssm'],
    [443, '443'],
    [-1, '-1'],
    [true, 'true'],
    [null, 'null'],
    ['443', "'443'"],
    ['-1', "'-1'"],
    ['true', "'true'"],
    ['yes', "'yes'"],
    ['Off', "'Off'"],
    ['0755', "'0755'"],
    ['1:20', "'1:20'"],
    ['2010-09-09', "'2010-09-09'"],
    ['null', "'null'"],
    ['~', "'~'"],
    ['*', "'*'"],
    ['', "''"],
    [' padded', "' padded'"],
    ['a: b', "'a: b'"],
    ['a #b', "'a #b'"],
    ["it's", "it's"],
    ["'quoted'", "'''quoted'''"],
    ['line\nbreak', '"line\\nbreak"'],
  ];
  for (const [value, expected] of cases) {
    it(`writes ${JSON.stringify(value)} as ${expected}`, () => {
      assert.equal(yamlScalar(value, 'block', SHORT), expected);
    });
  }

  it("quotes with the file's preferred quote", () => {
    assert.equal(yamlScalar('443', 'block', DOUBLE), '"443"');
  });

  it('keeps the quoting of the value it replaces', () => {
    assert.equal(yamlScalar('10.1.0.0/17', 'block', SHORT, 'double'), '"10.1.0.0/17"');
    assert.equal(yamlScalar('tcp', 'block', DOUBLE, 'single'), "'tcp'");
  });

  it('quotes flow indicators only inside flow collections', () => {
    assert.equal(yamlScalar('a,b', 'block', SHORT), 'a,b');
    assert.equal(yamlScalar('a,b', 'flow', SHORT), "'a,b'");
  });
});

describe('yamlInline', () => {
  it('writes short tags in a file that uses them', () => {
    assert.equal(yamlInline({ Ref: 'Vpc' }, 'block', SHORT), '!Ref Vpc');
    assert.equal(yamlInline({ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 'block', SHORT), '!GetAtt Vpc.CidrBlock');
    assert.equal(yamlInline({ 'Fn::GetAtt': ['Vpc', { Ref: 'Attribute' }] }, 'block', SHORT), '!GetAtt [Vpc, !Ref Attribute]');
    assert.equal(yamlInline({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/*' }, 'block', SHORT), '!Sub arn:${AWS::Partition}:s3:::b/*');
    assert.equal(yamlInline({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'block', SHORT), "!Select [0, !GetAZs '']");
  });

  it('keeps the outer intrinsic long when its argument is tagged too', () => {
    assert.equal(yamlInline({ 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region}' } }, 'block', SHORT), "{ Fn::Base64: !Sub 'echo ${AWS::Region}' }");
  });

  it('writes flow maps in long form when the file uses long form', () => {
    assert.equal(yamlInline([{ Ref: 'A' }, { Ref: 'B' }], 'block', LONG), '[{ Ref: A }, { Ref: B }]');
  });
});

describe('yamlPairLines and yamlItemLines', () => {
  it('writes a rule map as a list item with the keys aligned after the dash', () => {
    assert.deepEqual(yamlItemLines({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } }, 8, SHORT), [
      '        - IpProtocol: tcp',
      '          FromPort: 443',
      '          ToPort: 443',
      '          CidrIp: !GetAtt Vpc.CidrBlock',
    ]);
  });

  it('writes long-form intrinsics as maps with their arguments on one line', () => {
    assert.deepEqual(yamlPairLines('CidrIp', { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 2, LONG), ['  CidrIp:', '    Fn::GetAtt: [Vpc, CidrBlock]']);
  });

  it('writes nested maps and lists one unit deeper', () => {
    assert.deepEqual(yamlPairLines('Metadata', { 'cfn-network-lens': { ignore: ['a-rule'] } }, 4, SHORT), ['    Metadata:', '      cfn-network-lens:', '        ignore:', '          - a-rule']);
  });
});

describe('jsonValue', () => {
  it('writes intrinsics on one line and other objects over lines', () => {
    assert.equal(
      jsonValue({ GroupId: { Ref: 'Sg' }, FromPort: 443, Tags: [] }, '  ', JSON_STYLE),
      '{\n    "GroupId": { "Ref": "Sg" },\n    "FromPort": 443,\n    "Tags": []\n  }',
    );
  });

  it('keeps strings that look like numbers as strings', () => {
    assert.equal(jsonValue({ IpProtocol: '-1', FromPort: -1 }, '', { ...JSON_STYLE, indentUnit: '\t' }), '{\n\t"IpProtocol": "-1",\n\t"FromPort": -1\n}');
  });
});
