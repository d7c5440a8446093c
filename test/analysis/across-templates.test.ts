/**
 * Analyses that span templates: a network stack exports its VPC, subnets and groups, and an
 * application stack imports them. Captures, reach and the rules that compare endpoints must see
 * through `Fn::ImportValue` as if everything were in one template.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/ide/analysis';

const NETWORK = `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 }
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  EndpointSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.1.0/24 }]
  SsmEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref PrivateSubnet]
      SecurityGroupIds: [!Ref EndpointSecurityGroup]
Outputs:
  VpcId: { Value: !Ref Vpc, Export: { Name: network-vpc } }
  PublicSubnetId: { Value: !Ref PublicSubnet, Export: { Name: network-public-subnet } }
  PrivateSubnetId: { Value: !Ref PrivateSubnet, Export: { Name: network-private-subnet } }
  EndpointGroupId: { Value: !Ref EndpointSecurityGroup, Export: { Name: network-endpoint-group } }
`;

const APP = `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebServer:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-0abcdef1234567890, SubnetId: !ImportValue network-public-subnet }
  SecondSsmEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !ImportValue network-vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!ImportValue network-private-subnet]
      SecurityGroupIds: [!ImportValue network-endpoint-group]
`;

describe('analysis across templates', () => {
  const analysis = analyze([
    { file: 'network.yaml', text: NETWORK },
    { file: 'app.yaml', text: APP },
  ]);
  const messages = (rule: string, file: string) => analysis.findings.filter((finding) => finding.rule === rule && finding.file === file).map((finding) => finding.message);

  it('names a workload of another template among the clients an endpoint blocks', () => {
    const [message] = messages('endpoint-sg-blocks-vpc-clients', 'network.yaml');
    assert.ok(message?.includes('"WebServer" (subnet "PublicSubnet", 10.0.0.0/24)'), message);
  });

  it('finds a second private-DNS endpoint of the same service in an imported VPC', () => {
    assert.deepEqual(messages('endpoint-private-dns-conflict', 'app.yaml'), [
      'Endpoint "SecondSsmEndpoint" turns on private DNS for ssm.<region>.amazonaws.com in VPC "Vpc", where endpoint "SsmEndpoint" already claims that name, so the stack will fail with a conflicting DNS domain.',
    ]);
    assert.deepEqual(messages('endpoint-private-dns-conflict', 'network.yaml'), []);
  });

  it('stays silent when the imports cannot be resolved', () => {
    const alone = analyze([{ file: 'app.yaml', text: APP }]);
    const rules = new Set(alone.findings.map((finding) => finding.rule));
    assert.equal(rules.has('endpoint-private-dns-conflict'), false);
    assert.equal(rules.has('endpoint-sg-blocks-vpc-clients'), false);
  });
});
