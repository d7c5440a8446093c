/**
 * The evaluator, table-driven: what each intrinsic gives for known, symbolic and unknown inputs.
 */
import { strict as assert } from 'node:assert';
import { parse, valueOf } from '../../server/src/syntax';
import { buildTemplate, describeValue, evaluate, identityOf, isTemplate, sameValue, type EvalEnv, type Scenario } from '../../server/src/template';

const TEMPLATE = `
Parameters:
  WithDefault: { Type: String, Default: 10.1.0.0/16 }
  NoDefault: { Type: String }
  Subnets: { Type: CommaDelimitedList, Default: "subnet-1, subnet-2" }
  FromSsm: { Type: "AWS::SSM::Parameter::Value<String>", Default: /my/param }
  Port: { Type: Number, Default: "443" }
Mappings:
  Regions:
    us-east-1: { Cidr: 10.0.0.0/16, Zone: a }
    eu-west-1: { Cidr: 10.0.0.0/16, Zone: b }
Conditions:
  IsProd: !Equals [!Ref NoDefault, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      VpcId: !Ref Vpc
`;

function env(): EvalEnv {
  const parsed = parse(TEMPLATE);
  return { template: buildTemplate('t.yaml', parsed) };
}

/** Evaluate a YAML expression in the test template. */
function run(expression: string, scenario?: Scenario, extra: Partial<EvalEnv> = {}): string {
  const node = valueOf(parse(`X: ${expression}\n`).root, 'X');
  return describeValue(evaluate(node, { ...env(), ...extra }, scenario));
}

describe('evaluate', () => {
  const cases: readonly [string, string][] = [
    ['plain', 'plain'],
    ['443', '443'],
    ['!Ref WithDefault', '10.1.0.0/16'],
    ['!Ref NoDefault', 'unknown (parameter "NoDefault" has no default)'],
    ['!Ref FromSsm', 'unknown (parameter "FromSsm" is read from SSM Parameter Store at deploy time)'],
    ['!Ref Subnets', '[subnet-1, subnet-2]'],
    ['!Ref Port', '443'],
    ['!Ref Vpc', 'Vpc'],
    ['!Ref Nothing', 'unknown ("Nothing" is neither a parameter nor a resource of the template)'],
    ['!Ref AWS::Region', '${AWS::Region}'],
    ['!Ref AWS::NoValue', 'AWS::NoValue'],
    ['!GetAtt Vpc.CidrBlock', '10.0.0.0/16'],
    ['!GetAtt [Vpc, CidrBlock]', '10.0.0.0/16'],
    ['!GetAtt Group.GroupId', 'Group'],
    ['!GetAtt Vpc.DefaultSecurityGroup', 'Vpc.DefaultSecurityGroup'],
    ['!Sub "com.amazonaws.${AWS::Region}.ssm"', 'com.amazonaws.${AWS::Region}.ssm'],
    ['!Sub ["${A}-${B}", {A: x, B: !Ref WithDefault}]', 'x-10.1.0.0/16'],
    ['!Sub "${NoDefault}-x"', 'unknown (parameter "NoDefault" has no default)'],
    ['!Sub "${!Literal}"', '${Literal}'],
    ['!Join ["-", [a, !Ref WithDefault]]', 'a-10.1.0.0/16'],
    ['!Join [",", !Ref Subnets]', 'subnet-1,subnet-2'],
    ['!Select [1, [a, b, c]]', 'b'],
    ['!Select ["1", [a, b]]', 'b'],
    ['!Select [5, [a, b]]', 'unknown (Fn::Select index 5 is beyond the end of the list)'],
    ['!Select [0, !GetAZs ""]', 'AZ #1'],
    ['!Select [1, !GetAZs {Ref: "AWS::Region"}]', 'AZ #2'],
    ['!Select [0, !GetAZs eu-west-1]', 'AZ #1 of eu-west-1'],
    ['!Split [",", "a,b"]', '[a, b]'],
    ['!Select [1, !Split [",", "a,b"]]', 'b'],
    ['!Cidr [10.0.0.0/16, 3, 8]', '[10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24]'],
    ['!Select [2, !Cidr [!GetAtt Vpc.CidrBlock, 4, 6]]', '10.0.0.128/26'],
    ['!Cidr ["fd00::/56", 2, 64]', '[fd00::/64, fd00:0:0:1::/64]'],
    ['!Cidr [!Ref NoDefault, 2, 8]', 'unknown (parameter "NoDefault" has no default)'],
    ['!FindInMap [Regions, us-east-1, Zone]', 'a'],
    ['!FindInMap [Regions, !Ref AWS::Region, Cidr]', '10.0.0.0/16'],
    ['!FindInMap [Regions, !Ref AWS::Region, Zone]', 'unknown (mapping "Regions" has different values for each region)'],
    ['!If [IsProd, a, b]', 'unknown (the value depends on condition "IsProd")'],
    ['!If [IsProd, a, a]', 'a'],
    ['!ImportValue network-VpcId', 'unknown (export "network-VpcId" is not defined in the workspace)'],
    ['!Base64 x', 'unknown (Fn::Base64 is not evaluated)'],
    ['!Length [a, b, !Ref AWS::NoValue]', '2'],
    ['!GetAtt [Vpc]', 'unknown (Fn::GetAtt needs a resource and an attribute)'],
    ['!Select [a, [b]]', 'unknown (the Fn::Select index is not a known number)'],
    ['!Join ["-", 5]', 'unknown (Fn::Join of a value that is not a list)'],
  ];
  for (const [expression, expected] of cases) {
    it(`${expression} → ${expected}`, () => assert.equal(run(expression), expected));
  }

  it('picks the branch of Fn::If that the scenario decides', () => {
    const decide = (value: boolean): Scenario => ({ condition: () => value });
    assert.equal(run('!If [IsProd, a, b]', decide(true)), 'a');
    assert.equal(run('!If [IsProd, a, b]', decide(false)), 'b');
  });

  it('uses the region and pinned parameters of the environment', () => {
    assert.equal(run('!Sub "ssm.${AWS::Region}.amazonaws.com"', undefined, { region: 'eu-west-1' }), 'ssm.eu-west-1.amazonaws.com');
    assert.equal(run('!Ref NoDefault', undefined, { parameters: new Map([['NoDefault', { kind: 'string', value: 'prod' }]]) }), 'prod');
  });

  it('gives unknown parameters an identity, so that two references to one parameter are equal', () => {
    const node = valueOf(parse('X: !Ref NoDefault\n').root, 'X');
    const a = evaluate(node, env());
    const b = evaluate(node, env());
    assert.equal(a.kind, 'unknown');
    assert.equal(a.kind === 'unknown' ? a.identity : undefined, b.kind === 'unknown' ? b.identity : 'other');
  });
});

describe('identity of values', () => {
  it('gives an empty string, the "not given" of optional parameters, no identity', () => {
    const empty = { kind: 'string' as const, value: '' };
    assert.equal(identityOf(empty), undefined);
    assert.equal(sameValue(empty, { kind: 'string', value: '' }), undefined);
    assert.equal(sameValue({ kind: 'string', value: 'vpc-1' }, { kind: 'string', value: 'vpc-1' }), true);
  });
});

describe('isTemplate', () => {
  const cases: readonly [string, string, boolean][] = [
    ['a format version', 'AWSTemplateFormatVersion: "2010-09-09"\n', true],
    ['AWS resources', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n', true],
    ['custom resources', 'Resources:\n  A:\n    Type: Custom::Thing\n', true],
    ['a Resources key without types', 'Resources:\n  cpu: 100m\n', false],
    ['resources of another tool', 'Resources:\n  A:\n    Type: kubernetes.io/Pod\n', false],
    ['a Kubernetes manifest', 'apiVersion: v1\nkind: Pod\n', false],
    ['a scalar', 'just text\n', false],
    ['an empty file', '', false],
  ];
  for (const [name, text, expected] of cases) {
    it(`${expected ? 'accepts' : 'rejects'} ${name}`, () => assert.equal(isTemplate(parse(text)), expected));
  }
});
