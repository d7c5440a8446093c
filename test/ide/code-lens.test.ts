/**
 * The private DNS code lens: its title on the story (all subnets of the VPC, workloads, who is
 * blocked) and the locations its action reveals; the wording with private DNS off (by default or
 * explicitly), unknown, or with nothing blocked; and no lens on gateway endpoints.
 */
import { strict as assert } from 'node:assert';
import { codeLenses as allLenses, type CodeLens } from '../../server/src/ide/code-lens';
import type { Analysis } from '../../server/src/ide/analysis';

/** The private DNS lenses of a file, without the diagram lens that goes with each. */
function codeLenses(analysis: Analysis, file: string): CodeLens[] {
  return allLenses(analysis, file).filter((lens) => lens.action.kind === 'revealBlockedClients');
}
import { analyzeFiles, example } from './ide-harness';

const FILE = '/work/templates/endpoints.yaml';

/** A VPC with two subnets, an instance in the first, and an endpoint with the given properties. */
function template(endpointProperties: string, ingressCidr = '10.0.0.0/16', extra = ''): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PrivateDns:
    Type: String
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
      CidrBlock: 10.0.0.0/24
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: ${ingressCidr} }
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abcdef1234567890
      SubnetId: !Ref SubnetA
      SecurityGroupIds: [!Ref Group]
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.eu-west-1.sqs
      VpcEndpointType: Interface
      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!Ref Group]
${endpointProperties}${extra}`;
}

function titles(text: string): string[] {
  return codeLenses(analyzeFiles([{ file: FILE, text }]), FILE).map((lens) => lens.title);
}

describe('code lens', () => {
  it('sums up the story endpoint and reveals its blocked clients', () => {
    const source = example('session-manager.yaml');
    const lenses = codeLenses(analyzeFiles([source]), source.file);
    assert.deepEqual(
      lenses.map((lens) => `${source.text.slice(lens.range[0], lens.range[1])}: ${lens.title}`),
      [
        'SsmEndpoint: Private DNS: all 4 subnets of Vpc · 2 workloads · 1 workload and 1 subnet blocked',
        'SsmMessagesEndpoint: Private DNS: all 4 subnets of Vpc · 2 workloads · 1 workload and 1 subnet blocked',
        'Ec2MessagesEndpoint: Private DNS: all 4 subnets of Vpc · 2 workloads · 1 workload and 1 subnet blocked',
      ],
    );
    const action = lenses[0]?.action;
    assert.equal(action?.kind, 'revealBlockedClients');
    assert.deepEqual(action.locations.map((location) => source.text.slice(location.range[0], location.range[1])), ['PublicInstance', 'PublicSubnet2']);
    assert.equal(source.text.slice(action.endpoint.range[0], action.endpoint.range[1]), 'SsmEndpoint');
  });

  it('says all admitted when the group admits the whole VPC', () => {
    assert.deepEqual(titles(template('      PrivateDnsEnabled: true\n')), ['Private DNS: all 2 subnets of Vpc · 1 workload · all admitted']);
  });

  it('counts a blocked subnet without workloads', () => {
    assert.deepEqual(titles(template('      PrivateDnsEnabled: true\n', '10.0.0.0/24')), ['Private DNS: all 2 subnets of Vpc · 1 workload · 1 subnet blocked']);
  });

  it('says what private DNS off means, and that false is the default when omitted', () => {
    assert.deepEqual(titles(template('      PrivateDnsEnabled: false\n')), ['Private DNS off: only its endpoint-specific names reach it']);
    assert.deepEqual(titles(template('')), ["Private DNS off (CloudFormation's default): only its endpoint-specific names reach it"]);
  });

  it('says why private DNS is unknown', () => {
    assert.deepEqual(titles(template('      PrivateDnsEnabled: !Ref PrivateDns\n')), ['Private DNS: unknown (parameter "PrivateDns" has no default)']);
  });

  it('says when the title depends on conditions', () => {
    const conditional = template('      PrivateDnsEnabled: true\n', '10.0.0.0/16', '  Extra:\n    Type: AWS::EC2::Subnet\n    Condition: IsProd\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.2.0/24\nConditions:\n  IsProd: !Equals [!Ref PrivateDns, "true"]\n');
    assert.deepEqual(titles(conditional), ['Private DNS: all 3 subnets of Vpc · 1 workload · all admitted · depends on conditions']);
  });

  it('puts no lens on gateway endpoints', () => {
    const source = example('endpoint-mistakes.yaml');
    const lenses = codeLenses(analyzeFiles([source]), source.file).map((lens) => source.text.slice(lens.range[0], lens.range[1]));
    assert.ok(!lenses.includes('SecretsEndpoint'));
    assert.ok(lenses.includes('LogsEndpoint'));
  });

  it('pairs each private DNS lens with one that opens the diagram at the endpoint', () => {
    const source = example('session-manager.yaml');
    const diagram = allLenses(analyzeFiles([source]), source.file).filter((lens) => lens.action.kind === 'showDiagram');
    assert.deepEqual(
      diagram.map((lens) => (lens.action.kind === 'showDiagram' ? `${lens.title} → ${lens.action.logicalId}` : '')),
      ['Show in network diagram → SsmEndpoint', 'Show in network diagram → SsmMessagesEndpoint', 'Show in network diagram → Ec2MessagesEndpoint'],
    );
  });
});
