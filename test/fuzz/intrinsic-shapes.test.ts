/**
 * Every intrinsic in its long and short form and in wrong shapes (`!GetAtt [A]`, `Fn::Select` with a
 * string index, a number where a list is expected, `!Ref` of a list, `Fn::If` with the wrong arity,
 * an unknown condition, a circular `Fn::GetAtt`, `Fn::Sub` with variables that are not a map, an
 * `Fn::ImportValue` of a number…): a wrong shape evaluates to an unknown value, and put into any
 * property the rules read, it gives no finding at all — no crash, no internal error, no guess.
 */
import { strict as assert } from 'node:assert';
import { analyzeText } from '../../server/src/ide/analysis';
import { parse, valueOf } from '../../server/src/syntax';
import { buildConditions, buildTemplate, describeValue, evaluate } from '../../server/src/template';

/** A template that gives no finding: an interface endpoint in two AZs that the whole VPC reaches on 443. */
const CLEAN = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Mappings:
  Cidrs:
    us-east-1:
      Vpc: 10.0.0.0/16
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: !Select [1, !GetAZs ""]
  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: HTTPS from the VPC
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: !GetAtt Vpc.CidrBlock
  LogsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.logs
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds:
        - !Ref SubnetA
        - !Ref SubnetB
      SecurityGroupIds:
        - !Ref EndpointGroup
`;

/** Lines of CLEAN whose value the rules read, by a name; each is replaced by a wrong shape in turn. */
const SLOTS: readonly [string, string][] = [
  ['the VPC CIDR block', '      CidrBlock: 10.0.0.0/16\n'],
  ['the VPC DNS support', '      EnableDnsSupport: true\n'],
  // The first `VpcId: !Ref Vpc` is SubnetA's: the VPC has none.
  ['a subnet VPC', '      VpcId: !Ref Vpc\n'],
  ['a subnet AZ', '      AvailabilityZone: !Select [0, !GetAZs ""]\n'],
  ['a subnet CIDR block', '      CidrBlock: 10.0.2.0/24\n'],
  ['a rule port', '          FromPort: 443\n'],
  ['a rule CIDR', '          CidrIp: !GetAtt Vpc.CidrBlock\n'],
  ['the endpoint service', '      ServiceName: !Sub com.amazonaws.${AWS::Region}.logs\n'],
  ['the endpoint type', '      VpcEndpointType: Interface\n'],
  ['the endpoint private DNS', '      PrivateDnsEnabled: true\n'],
  ['an endpoint subnet', '        - !Ref SubnetA\n'],
  ['an endpoint group', '        - !Ref EndpointGroup\n'],
];

/** Wrong shapes, in short and long form, YAML flow style so that they fit any slot. */
const WRONG_SHAPES: readonly string[] = [
  '!GetAtt [Vpc]',
  '{"Fn::GetAtt": [Vpc]}',
  '!GetAtt []',
  '!GetAtt [Vpc, CidrBlock, Extra]',
  '!GetAtt Vpc',
  '!GetAtt {Vpc: CidrBlock}',
  '!GetAtt [[Vpc], CidrBlock]',
  '!Select [a, [10.0.0.0/16, 10.0.1.0/24]]',
  '{"Fn::Select": ["one", [x, y]]}',
  '!Select [0, 5]',
  '!Select [1.5, [x, y]]',
  '!Select [0]',
  '!Select 0',
  '!Join [",", 5]',
  '!Join [[","], [a, b]]',
  '!Join [",", [a, [b]]]',
  '!Join ","',
  '!Split [",", [a, b]]',
  '!Split ["", "a,b"]',
  '!Ref [Vpc, SubnetA]',
  '{"Ref": [Vpc]}',
  '!Ref {Vpc: x}',
  '!Ref ""',
  '!Ref Nowhere',
  '!If [IsProd, 10.0.0.0/16]',
  '!If [IsProd, a, b, c]',
  '!If IsProd',
  '{"Fn::If": []}',
  '!If [[IsProd], a, b]',
  '!If [Nowhere, 10.0.0.0/16, 10.1.0.0/16]',
  '!Sub ["${AWS::Region}", [Vpc]]',
  '!Sub ["${Env}", notAMap]',
  '!Sub ["${Env}", {}, extra]',
  '!Sub {a: b}',
  '!Sub []',
  '!Sub "${Nowhere}"',
  '!ImportValue 42',
  '{"Fn::ImportValue": 42}',
  '!ImportValue [a, b]',
  '!ImportValue {a: b}',
  '!ImportValue nowhere-exported',
  '!FindInMap [Cidrs, [us-east-1], Vpc]',
  '!FindInMap [Cidrs, {a: b}, Vpc]',
  '!FindInMap [Cidrs, us-east-1]',
  '!FindInMap Cidrs',
  '!FindInMap [[Cidrs], us-east-1, Vpc]',
  '!FindInMap [Nowhere, us-east-1, Vpc]',
  '!GetAZs [a]',
  '!GetAZs {a: b}',
  '!Select [0, {"Fn::GetAZs": 5}]',
  '!Cidr [10.0.0.0/16, a, 8]',
  '!Cidr [10.0.0.0/16, 300, 8]',
  '!Cidr [10.0.0.0/16, 2, 30]',
  '!Cidr 10.0.0.0/16',
  '!Select [0, !Cidr [not-a-cidr, 2, 8]]',
  '!Base64 10.0.0.0/16',
  '!ToJsonString {a: b}',
  '!Transform {Name: X}',
  '{"Fn::Nope": x}',
  '{"Fn::GetAtt": "Vpc.CidrBlock", "Extra": 1}',
  '{"Ref": "Vpc", "Ref2": "x"}',
];

/** Evaluate `expression` as a value in CLEAN's template. */
function evaluateIn(expression: string): string {
  const template = buildTemplate('t.yaml', parse(CLEAN));
  const node = valueOf(parse(`X: ${expression}\n`).root, 'X');
  return describeValue(evaluate(node, { template }));
}

function findings(text: string): string[] {
  return analyzeText('t.yaml', text).findings.map((finding) => `${finding.rule}: ${finding.message}`);
}

describe('intrinsics in wrong shapes', () => {
  it('start from a template with no finding', () => {
    assert.deepEqual(findings(CLEAN), []);
  });

  for (const expression of WRONG_SHAPES) {
    it(`evaluates ${expression} to an unknown value`, () => {
      assert.match(evaluateIn(expression), /^unknown \(/);
    });

    it(`gives no finding with ${expression} in any property the rules read`, () => {
      const problems: string[] = [];
      for (const [slot, line] of SLOTS) {
        assert.ok(CLEAN.includes(line), `slot ${slot} is in the template`);
        const key = line.trimStart().startsWith('- ') ? `${line.slice(0, line.indexOf('-'))}- ` : line.slice(0, line.indexOf(':') + 2);
        const text = CLEAN.replace(line, `${key}${expression}\n`);
        for (const finding of findings(text)) problems.push(`${slot}: ${finding}`);
      }
      assert.deepEqual(problems, []);
    });
  }

  const cycles: readonly [string, string, string][] = [
    ['a VPC CIDR block that is its own attribute', '      CidrBlock: 10.0.0.0/16\n', '      CidrBlock: !GetAtt Vpc.CidrBlock\n'],
    ['a VPC CIDR block that picks from itself twice', '      CidrBlock: 10.0.0.0/16\n', '      CidrBlock: !If [IsProd, !GetAtt Vpc.CidrBlock, !Select [0, [!GetAtt [Vpc, CidrBlock], !GetAtt Vpc.CidrBlock]]]\n'],
    ['two subnets whose VPCs are each other’s', '      VpcId: !Ref Vpc\n      CidrBlock: 10.0.1.0/24\n', '      VpcId: !GetAtt SubnetB.VpcId\n      CidrBlock: 10.0.1.0/24\n'],
  ];
  for (const [name, line, replacement] of cycles) {
    it(`reads ${name} as unknown, without a finding`, () => {
      assert.ok(CLEAN.includes(line));
      let text = CLEAN.replace(line, replacement);
      if (name.startsWith('two subnets')) text = text.replace('      VpcId: !Ref Vpc\n      CidrBlock: 10.0.2.0/24\n', '      VpcId: !GetAtt SubnetA.VpcId\n      CidrBlock: 10.0.2.0/24\n');
      assert.deepEqual(findings(text), []);
      const template = buildTemplate('t.yaml', parse(text));
      const attribute = name.startsWith('two subnets') ? '!GetAtt SubnetA.VpcId' : '!GetAtt Vpc.CidrBlock';
      assert.match(describeValue(evaluate(valueOf(parse(`X: ${attribute}\n`).root, 'X'), { template })), /^unknown \(/);
    });
  }

  const conditionShapes: readonly [string, string][] = [
    ['!Not [!Equals [a, b], extra]', 'opaque'],
    ['!Not []', 'opaque'],
    ['!And [!Equals [a, a]]', 'opaque'],
    ['!Or [!Equals [a, a], !Equals [a, b], !Equals [a, b], !Equals [a, b], !Equals [a, b], !Equals [a, b], !Equals [a, b], !Equals [a, b], !Equals [a, b], !Equals [a, b], !Equals [a, b]]', 'opaque'],
    ['!Equals [a]', 'opaque'],
    ['!Equals [a, a, b]', 'opaque'],
    ['!Equals a', 'opaque'],
    ['!Condition [IsProd]', 'opaque'],
    ['!If [IsProd, true, false]', 'opaque'],
    ['!Not [!Equals [a, b]]', 'not'],
    ['!And [!Equals [a, a], !Condition IsProd]', 'and'],
    ['!Equals [!Ref Env, prod]', 'eq'],
  ];
  for (const [formula, kind] of conditionShapes) {
    it(`reads the condition ${formula.slice(0, 60)} as ${kind === 'opaque' ? 'undecided' : `a formula (${kind})`}`, () => {
      const text = CLEAN.replace('  IsProd: !Equals [!Ref Env, prod]\n', `  IsProd: !Equals [!Ref Env, prod]\n  Shape: ${formula}\n`);
      const conditions = buildConditions({ template: buildTemplate('t.yaml', parse(text)) });
      assert.equal(conditions.formulas.get('Shape')?.kind, kind);
    });
  }

  it('evaluates the right shapes of every intrinsic, long and short form alike', () => {
    const cases: readonly [string, string][] = [
      ['!Ref Env', 'dev'],
      ['{"Ref": "Env"}', 'dev'],
      ['!GetAtt Vpc.CidrBlock', '10.0.0.0/16'],
      ['{"Fn::GetAtt": [Vpc, CidrBlock]}', '10.0.0.0/16'],
      ['!Sub "${Env}-${AWS::Region}"', 'dev-${AWS::Region}'],
      ['{"Fn::Sub": ["${X}", {X: !Ref Env}]}', 'dev'],
      ['!Join ["-", [a, !Ref Env]]', 'a-dev'],
      ['!Select [1, [a, b]]', 'b'],
      ['!Select ["1", [a, b]]', 'b'],
      ['!Split [",", "a,b"]', '[a, b]'],
      ['!FindInMap [Cidrs, us-east-1, Vpc]', '10.0.0.0/16'],
      ['!FindInMap [Cidrs, !Ref AWS::Region, Vpc]', '10.0.0.0/16'],
      ['!If [IsProd, a, a]', 'a'],
      ['!Select [0, !Cidr [10.0.0.0/16, 2, 8]]', '10.0.0.0/24'],
      ['!Select [1, !GetAZs ""]', 'AZ #2'],
      ['!Length [a, b]', '2'],
    ];
    for (const [expression, expected] of cases) assert.equal(evaluateIn(expression), expected, expression);
  });
});
