/**
 * Go to definition: from each kind of reference to its declaration's key, within a file and, for
 * `Fn::ImportValue`, to the matching `Export` of another file (literal names and names built with
 * `${AWS::StackName}`); nothing for pseudo parameters, unknown names and ambiguous positions.
 */
import { strict as assert } from 'node:assert';
import { definitionAt } from '../../server/src/ide/definition';
import { analyze } from '../../server/src/ide/analysis';
import { analyzeFiles, withoutCursor } from './ide-harness';

const FILE = '/work/templates/app.yaml';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: dev
Mappings:
  Cidrs:
    dev: { Vpc: 10.0.0.0/16 }
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !FindInMap [CIDRS_CURSOR, !Ref Environment, Vpc]
  Subnet:
    Type: AWS::EC2::Subnet
    DependsOn: [VPC_CURSOR]
    Condition: ISPROD_CURSOR
    Properties:
      VpcId: !Ref VPCREF_CURSOR
      CidrBlock: !GetAtt GETATT_CURSOR.CidrBlock
      Tags:
        - Key: Name
          Value: !Sub "\${ENV_CURSOR}-\${AWS::Region}"
      AvailabilityZone: !If [IF_CURSOR, us-east-1a, !Ref AWS::NoValue]
`;

/** The template with one placeholder turned into the `$0` cursor and the others into their names. */
function at(placeholder: string): { text: string; offset: number } {
  const names: Record<string, string> = {
    CIDRS_CURSOR: 'Cidrs',
    VPC_CURSOR: 'Vpc',
    ISPROD_CURSOR: 'IsProd',
    VPCREF_CURSOR: 'Vpc',
    GETATT_CURSOR: 'Vpc',
    ENV_CURSOR: 'Environment',
    IF_CURSOR: 'IsProd',
  };
  let marked = TEMPLATE;
  for (const [key, name] of Object.entries(names)) marked = marked.replace(key, key === placeholder ? `${name.slice(0, 1)}$0${name.slice(1)}` : name);
  return withoutCursor(marked);
}

function targetOf(placeholder: string): string[] {
  const { text, offset } = at(placeholder);
  const analysis = analyzeFiles([{ file: FILE, text }]);
  return definitionAt(analysis, FILE, offset).map((definition) => {
    const line = text.slice(0, definition.selectionRange[0]).split('\n').length;
    return `${definition.file}:${line}:${text.slice(definition.selectionRange[0], definition.selectionRange[1])}`;
  });
}

describe('go to definition', () => {
  const cases: readonly [string, string][] = [
    ['CIDRS_CURSOR', `${FILE}:7:Cidrs`],
    ['VPC_CURSOR', `${FILE}:12:Vpc`],
    ['ISPROD_CURSOR', `${FILE}:10:IsProd`],
    ['VPCREF_CURSOR', `${FILE}:12:Vpc`],
    ['GETATT_CURSOR', `${FILE}:12:Vpc`],
    ['ENV_CURSOR', `${FILE}:3:Environment`],
    ['IF_CURSOR', `${FILE}:10:IsProd`],
  ];
  for (const [placeholder, expected] of cases) {
    it(`resolves ${placeholder.replace('_CURSOR', '').toLowerCase()}`, () => assert.deepEqual(targetOf(placeholder), [expected]));
  }

  it('underlines the name the request came from and spans the whole declaration', () => {
    const { text, offset } = at('VPCREF_CURSOR');
    const [definition] = definitionAt(analyzeFiles([{ file: FILE, text }]), FILE, offset);
    assert.ok(definition);
    assert.equal(text.slice(definition.originRange[0], definition.originRange[1]), 'Vpc');
    assert.ok(text.slice(definition.range[0], definition.range[1]).startsWith('Vpc:\n    Type: AWS::EC2::VPC'));
  });

  it('answers nothing for pseudo parameters, unknown names and plain values', () => {
    const text = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "${AWS::StackName}-x"\n      DisplayName: !Ref Missing\n';
    const analysis = analyzeFiles([{ file: FILE, text }]);
    assert.deepEqual(definitionAt(analysis, FILE, text.indexOf('AWS::StackName') + 3), []);
    assert.deepEqual(definitionAt(analysis, FILE, text.indexOf('Missing') + 2), []);
    assert.deepEqual(definitionAt(analysis, FILE, text.indexOf('AWS::SNS::Topic') + 2), []);
  });

  describe('Fn::ImportValue', () => {
    const NETWORK = '/work/templates/network.yaml';
    const network = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
Outputs:
  VpcId:
    Value: !Ref Vpc
    Export:
      Name: shared-network-vpc-id
  StackVpc:
    Value: !Ref Vpc
    Export:
      Name: !Sub "\${AWS::StackName}-VpcId"
`;

    function importTargets(importLine: string): string[] {
      const { text, offset } = withoutCursor(`AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  NetworkStack:\n    Type: String\n    Default: network-prod\nResources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: app\n      VpcId: ${importLine}\n`);
      const analysis = analyzeFiles([
        { file: FILE, text },
        { file: NETWORK, text: network },
      ]);
      return definitionAt(analysis, FILE, offset).map((definition) => `${definition.file}:${network.slice(definition.selectionRange[0], definition.selectionRange[1])}`);
    }

    it('finds the export with a literal name in another file', () => assert.deepEqual(importTargets('!ImportValue sha$0red-network-vpc-id'), [`${NETWORK}:shared-network-vpc-id`]));
    it('finds the export whose name is built with ${AWS::StackName}', () => assert.deepEqual(importTargets('!ImportValue network-prod-V$0pcId'), [`${NETWORK}:!Sub "\${AWS::StackName}-VpcId"`]));
    it('evaluates the import name', () => assert.deepEqual(importTargets('!ImportValue\n        Fn::Sub: "${NetworkStack}-Vpc$0Id"'), [`${NETWORK}:!Sub "\${AWS::StackName}-VpcId"`]));
    it('goes to the parameter from a variable inside the import name', () => {
      const { text, offset } = withoutCursor(`Parameters:\n  NetworkStack:\n    Type: String\nResources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      VpcId: !ImportValue\n        Fn::Sub: "\${Network$0Stack}-VpcId"\n`);
      const [definition] = definitionAt(analyzeFiles([{ file: FILE, text }]), FILE, offset);
      assert.equal(definition && text.slice(definition.selectionRange[0], definition.selectionRange[1]), 'NetworkStack');
    });
    it('finds nothing for a name no template exports', () => assert.deepEqual(importTargets('!ImportValue other-$0thing'), []));

    it('goes where linking goes: an exact export name wins over a ${AWS::StackName} pattern, and another region exports nothing here', () => {
      const OTHER = '/work/templates/other.yaml';
      const exact = network.replace('Name: shared-network-vpc-id', 'Name: network-prod-VpcId');
      const { text, offset } = withoutCursor(`Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: app\n      VpcId: !ImportValue network-prod-V$0pcId\n`);
      const files = [
        { file: FILE, text },
        { file: NETWORK, text: network },
        { file: OTHER, text: exact },
      ];
      const targets = (analysis: ReturnType<typeof analyze>): string[] => definitionAt(analysis, FILE, offset).map((definition) => `${definition.file}:${exact.slice(definition.selectionRange[0], definition.selectionRange[1])}`);
      assert.deepEqual(targets(analyze(files)), [`${OTHER}:network-prod-VpcId`]);
      const regions = new Map([
        [FILE, 'eu-west-1'],
        [NETWORK, 'eu-west-1'],
        [OTHER, 'us-east-1'],
      ]);
      assert.deepEqual(
        definitionAt(analyze(files, { regions }), FILE, offset).map((definition) => definition.file),
        [NETWORK],
      );
    });
  });
});
