/**
 * Linking templates through exports: `Fn::ImportValue` against `Outputs.*.Export.Name`, names built
 * with `${AWS::StackName}` (one template fits, several are ambiguous, pinned stack names decide),
 * regions, comma-joined lists of references split back into references, and circles between stacks.
 */
import { strict as assert } from 'node:assert';
import { str } from '../../server/src/template';
import { link, show, valueAt } from './helpers';

const NETWORK = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  SubnetA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
  SubnetB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
Outputs:
  VpcId:
    Value: !Ref Vpc
    Export: { Name: !Sub "\${AWS::StackName}-VpcId" }
  Subnets:
    Value: !Join [",", [!Ref SubnetA, !Ref SubnetB]]
    Export: { Name: !Sub "\${AWS::StackName}-Subnets" }
  Cidr:
    Value: !GetAtt Vpc.CidrBlock
    Export: { Name: shared-cidr }
`;

const CONSUMER = `
Parameters:
  NetworkStack: { Type: String, Default: net }
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      VpcId: !ImportValue { "Fn::Sub": "\${NetworkStack}-VpcId" }
      Subnets: !Split [",", !ImportValue { "Fn::Sub": "\${NetworkStack}-Subnets" }]
      Second: !Select [1, !Split [",", !ImportValue { "Fn::Sub": "\${NetworkStack}-Subnets" }]]
      Cidr: !ImportValue shared-cidr
      Missing: !ImportValue nobody-exports-this
`;

const at = (property: string): string => `Resources.Group.Properties.${property}`;

describe('workspace linking', () => {
  it('resolves an export named with ${AWS::StackName} when exactly one template fits', () => {
    const linked = link({ 'network.yaml': NETWORK, 'app.yaml': CONSUMER });
    assert.equal(show(valueAt(linked, 'app.yaml', at('VpcId'))), 'network.yaml#Vpc');
    assert.equal(show(valueAt(linked, 'app.yaml', at('Cidr'))), '10.0.0.0/16');
  });

  it('splits a comma-joined export of references back into the references', () => {
    const linked = link({ 'network.yaml': NETWORK, 'app.yaml': CONSUMER });
    assert.equal(show(valueAt(linked, 'app.yaml', at('Subnets'))), '[network.yaml#SubnetA, network.yaml#SubnetB]');
    assert.equal(show(valueAt(linked, 'app.yaml', at('Second'))), 'network.yaml#SubnetB');
  });

  it('splits a joined string as text when an item holds the delimiter or the delimiters differ', () => {
    const exporter = `
Resources:
  A: { Type: AWS::EC2::Subnet, Properties: { CidrBlock: 10.0.0.0/24 } }
Outputs:
  Mixed: { Value: !Join [",", [!Ref A, "x,y"]], Export: { Name: mixed } }
  Other: { Value: !Join [";", [!Ref A, !Ref A]], Export: { Name: other } }
`;
    const importer = `
Resources:
  G:
    Type: AWS::EC2::SecurityGroup
    Properties:
      Mixed: !Split [",", !ImportValue mixed]
      Other: !Split [",", !ImportValue other]
`;
    const linked = link({ 'e.yaml': exporter, 'i.yaml': importer });
    assert.equal(show(valueAt(linked, 'i.yaml', 'Resources.G.Properties.Mixed')), '[${A}, x, y]');
    assert.equal(show(valueAt(linked, 'i.yaml', 'Resources.G.Properties.Other')), '[${A};${A}]');
  });

  it('is unknown, naming the export, when no template exports the name', () => {
    const value = valueAt(link({ 'network.yaml': NETWORK, 'app.yaml': CONSUMER }), 'app.yaml', at('Missing'));
    assert.equal(value.kind, 'unknown');
    assert.equal(value.kind === 'unknown' && value.identity, 'import:nobody-exports-this');
    assert.match(show(value), /export "nobody-exports-this" is not defined in the workspace/);
  });

  it('is unknown when several templates fit a ${AWS::StackName} export, and pinned stack names decide', () => {
    const files = { 'network.yaml': NETWORK, 'network-copy.yaml': NETWORK, 'app.yaml': CONSUMER };
    const ambiguous = valueAt(link(files), 'app.yaml', at('VpcId'));
    assert.equal(show(ambiguous), 'unknown: export "net-VpcId" matches exports of 2 templates');
    assert.equal(ambiguous.kind === 'unknown' && ambiguous.identity, 'import:net-VpcId');
    const pinned = link(files, { stackNames: new Map([['network-copy.yaml', 'net'], ['network.yaml', 'other']]) });
    assert.equal(show(valueAt(pinned, 'app.yaml', at('VpcId'))), 'network-copy.yaml#Vpc');
  });

  it('prefers an export whose name is exactly the import over one that fits only through ${AWS::StackName}', () => {
    const literal = NETWORK.replace('!Sub "${AWS::StackName}-VpcId"', 'net-VpcId');
    const linked = link({ 'literal.yaml': literal, 'network.yaml': NETWORK, 'app.yaml': CONSUMER });
    assert.equal(show(valueAt(linked, 'app.yaml', at('VpcId'))), 'literal.yaml#Vpc');
  });

  it('is unknown when two templates export the same literal name', () => {
    const linked = link({ 'a.yaml': NETWORK, 'b.yaml': NETWORK, 'app.yaml': CONSUMER });
    assert.match(show(valueAt(linked, 'app.yaml', at('Cidr'))), /matches exports of 2 templates/);
  });

  it('needs the same stack name in every place of a name with ${AWS::StackName} twice', () => {
    const twice = NETWORK.replace('"${AWS::StackName}-VpcId"', '"${AWS::StackName}-${AWS::StackName}-VpcId"');
    const importer = (name: string): string => `
Resources:
  G: { Type: AWS::EC2::SecurityGroup, Properties: { VpcId: !ImportValue ${name} } }
`;
    assert.equal(show(valueAt(link({ 'n.yaml': twice, 'i.yaml': importer('a-a-VpcId') }), 'i.yaml', 'Resources.G.Properties.VpcId')), 'n.yaml#Vpc');
    assert.equal(valueAt(link({ 'n.yaml': twice, 'i.yaml': importer('a-b-VpcId') }), 'i.yaml', 'Resources.G.Properties.VpcId').kind, 'unknown');
  });

  it('does not link a template to its own exports, nor across regions', () => {
    const self = `${NETWORK}
  SelfImport:
    Value: !ImportValue shared-cidr
    Export: { Name: self }
`;
    const own = link({ 'network.yaml': self });
    assert.equal(valueAt(own, 'network.yaml', 'Outputs.SelfImport.Value').kind, 'unknown');
    const regions = new Map([['network.yaml', 'eu-west-1'], ['app.yaml', 'us-east-1']]);
    assert.equal(valueAt(link({ 'network.yaml': NETWORK, 'app.yaml': CONSUMER }, { regions }), 'app.yaml', at('Cidr')).kind, 'unknown');
    const same = new Map([['network.yaml', 'eu-west-1'], ['app.yaml', 'eu-west-1']]);
    assert.equal(show(valueAt(link({ 'network.yaml': NETWORK, 'app.yaml': CONSUMER }, { regions: same }), 'app.yaml', at('Cidr'))), '10.0.0.0/16');
  });

  it('matches ${AWS::Region} in both names when the region is not known', () => {
    const exporter = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
Outputs:
  VpcId: { Value: !Ref Vpc, Export: { Name: !Sub "\${AWS::Region}-\${AWS::StackName}-vpc" } }
`;
    const importer = `
Resources:
  G: { Type: AWS::EC2::SecurityGroup, Properties: { VpcId: !ImportValue { "Fn::Sub": "\${AWS::Region}-net-vpc" } } }
`;
    assert.equal(show(valueAt(link({ 'e.yaml': exporter, 'i.yaml': importer }), 'i.yaml', 'Resources.G.Properties.VpcId')), 'e.yaml#Vpc');
  });

  it('answers an import circle between stacks with unknown instead of looping', () => {
    const a = `
Resources:
  R: { Type: AWS::SNS::Topic }
Outputs:
  A: { Value: !ImportValue b-value, Export: { Name: a-value } }
`;
    const b = `
Resources:
  R: { Type: AWS::SNS::Topic }
Outputs:
  B: { Value: !ImportValue a-value, Export: { Name: b-value } }
`;
    const linked = link({ 'a.yaml': a, 'b.yaml': b });
    const value = valueAt(linked, 'a.yaml', 'Outputs.A.Value');
    assert.equal(value.kind, 'unknown');
    assert.match(show(value), /circle/);
  });

  it('pins parameters with the types they declare', () => {
    const template = `
Parameters:
  Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }
  Port: { Type: Number }
  Name: { Type: "AWS::SSM::Parameter::Value<String>" }
Resources:
  G:
    Type: AWS::EC2::SecurityGroup
    Properties:
      Subnets: !Ref Subnets
      Port: !Ref Port
      Name: !Ref Name
`;
    const parameters = new Map([['t.yaml', new Map([['Subnets', str('subnet-1, subnet-2')], ['Port', str('443')], ['Name', str('/my/param')]])]]);
    const linked = link({ 't.yaml': template }, { parameters });
    assert.equal(show(valueAt(linked, 't.yaml', 'Resources.G.Properties.Subnets')), '[subnet-1, subnet-2]');
    assert.deepEqual(valueAt(linked, 't.yaml', 'Resources.G.Properties.Port'), { kind: 'number', value: 443 });
    assert.match(show(valueAt(linked, 't.yaml', 'Resources.G.Properties.Name')), /read from SSM Parameter Store/);
  });
});
