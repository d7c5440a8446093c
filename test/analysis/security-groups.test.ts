/**
 * Security group admission on TCP 443: inline and standalone ingress, protocols and ports, CIDR peers
 * (IPv4 and IPv6, from the VPC's CIDR, a parameter default or `Fn::Cidr`), security group peers,
 * prefix lists, at least one of several groups, default egress, and the VPC default group.
 */
import { strict as assert } from 'node:assert';
import { admits, groupHandle, defaultGroupOf, HTTPS_PORT, type GroupSet, type IpFamily } from '../../server/src/analysis';
import { vpcOf, type NetworkModel } from '../../server/src/model';
import { ANY_SCENARIO, type Value } from '../../server/src/template';
import { entity, modelOf } from './model-of';

const ref = (logicalId: string): Value => ({ kind: 'ref', target: { file: 't.yaml', logicalId } });

function base(rest: string): string {
  return `
Parameters:
  ClientCidr: { Type: String, Default: 10.0.1.0/24 }
  NoDefault: { Type: String }
  PeerGroup: { Type: AWS::EC2::SecurityGroup::Id }
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  ClientSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [1, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]], Ipv6CidrBlock: "2001:db8:0:1::/64" }
  OtherSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
  ClientGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: client, VpcId: !Ref Vpc }
  OtherGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: other, VpcId: !Ref Vpc }
${rest}`;
}

function group(ingress: string): string {
  return base(`  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref Vpc
      SecurityGroupIngress:
${ingress}`);
}

function admission(model: NetworkModel, groups: readonly string[], clientGroups: GroupSet, family: IpFamily = 'ipv4', subnet = 'ClientSubnet'): string {
  const handles = groups.map((id) => groupHandle(model, ref(id)));
  return admits(model, handles, 'ingress', { subnet: entity(model, 'subnet', subnet), groups: clientGroups }, HTTPS_PORT, family, ANY_SCENARIO).kind;
}

const carrying = (...ids: string[]): GroupSet => ({ values: ids.map(ref) });
const anyInterface: GroupSet = { values: [], anyInterface: true };

describe('security group admission', () => {
  const rule = (fields: string) => `        - { ${fields} }\n`;
  const cases: readonly [string, string, GroupSet, string][] = [
    ['tcp 443 from the client subnet CIDR', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.1.0/24'), anyInterface, 'admitted'],
    ['protocol "6" from the VPC CIDR', rule('IpProtocol: "6", FromPort: 0, ToPort: 65535, CidrIp: 10.0.0.0/16'), anyInterface, 'admitted'],
    ['protocol -1 ignores ports', rule('IpProtocol: -1, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8'), anyInterface, 'admitted'],
    ['!GetAtt Vpc.CidrBlock', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !GetAtt Vpc.CidrBlock'), anyInterface, 'admitted'],
    ['a parameter default', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref ClientCidr'), anyInterface, 'admitted'],
    ['another subnet only', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.2.0/24'), anyInterface, 'not-admitted'],
    ['port 80 only', rule('IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0'), anyInterface, 'not-admitted'],
    ['udp 443', rule('IpProtocol: udp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0'), anyInterface, 'not-admitted'],
    ['IPv6 rule for IPv4 traffic', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "::/0"'), anyInterface, 'not-admitted'],
    ['a CIDR from a parameter without default', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref NoDefault'), anyInterface, 'unknown'],
    ['a prefix list', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, SourcePrefixListId: pl-12345678'), anyInterface, 'unknown'],
    ['a prefix list on another port is irrelevant', rule('IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: pl-12345678'), anyInterface, 'not-admitted'],
    ['a part of the client subnet', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.1.0/25'), anyInterface, 'unknown'],
    ['protocol "all", which EC2 rejects', rule('IpProtocol: all, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0'), anyInterface, 'unknown'],
    ['the group the client carries', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref ClientGroup'), carrying('ClientGroup'), 'admitted'],
    ['!GetAtt Group.GroupId counts as the group', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !GetAtt ClientGroup.GroupId'), carrying('ClientGroup'), 'admitted'],
    ['a group the client does not carry', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref OtherGroup'), carrying('ClientGroup'), 'not-admitted'],
    ['a group from a parameter', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref PeerGroup'), carrying('ClientGroup'), 'unknown'],
    ['a group rule does not admit a whole subnet', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref ClientGroup'), anyInterface, 'not-admitted'],
    ['a client whose groups are partly unknown', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref OtherGroup'), { values: [ref('ClientGroup')], unknownReason: 'a parameter' }, 'unknown'],
    ['an EKS cluster group the template does not name', rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !GetAtt Cluster.ClusterSecurityGroupId'), { values: [], implicit: true }, 'unknown'],
    ['a conditional rule under an undecidable condition', '        - !If [Undeclared, { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }, !Ref AWS::NoValue]\n', anyInterface, 'unknown'],
  ];
  for (const [label, ingress, clientGroups, expected] of cases) {
    it(label, () => assert.equal(admission(modelOf(group(ingress)), ['EndpointGroup'], clientGroups), expected));
  }

  it('admits IPv6 clients by CidrIpv6', () => {
    const model = modelOf(group(rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "2001:db8::/56"')));
    assert.equal(admission(model, ['EndpointGroup'], anyInterface, 'ipv6'), 'admitted');
    assert.equal(admission(model, ['EndpointGroup'], anyInterface, 'ipv4'), 'not-admitted');
  });

  it('reads standalone ingress whose GroupId is the group', () => {
    const model = modelOf(
      base(`  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: endpoint, VpcId: !Ref Vpc }
  Https:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !GetAtt EndpointGroup.GroupId, IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref ClientGroup }
  OtherHttps:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !Ref OtherGroup, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
`),
    );
    assert.equal(admission(model, ['EndpointGroup'], carrying('ClientGroup')), 'admitted');
    assert.equal(admission(model, ['EndpointGroup'], anyInterface), 'not-admitted');
  });

  it('admits a client when at least one of two groups does', () => {
    const model = modelOf(
      base(`  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: endpoint, VpcId: !Ref Vpc, SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.2.0/24 }] }
  SecondGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: second, VpcId: !Ref Vpc, SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.1.0/24 }] }
`),
    );
    assert.equal(admission(model, ['EndpointGroup', 'SecondGroup'], anyInterface), 'admitted');
    assert.equal(admission(model, ['EndpointGroup', 'SecondGroup'], anyInterface, 'ipv4', 'OtherSubnet'), 'admitted');
    assert.equal(admission(model, ['SecondGroup'], anyInterface, 'ipv4', 'OtherSubnet'), 'not-admitted');
  });

  it('gives the VPC default group its members only', () => {
    const model = modelOf(base(''));
    const fallback = defaultGroupOf(vpcOf(model, entity(model, 'subnet', 'ClientSubnet'), ANY_SCENARIO));
    const check = (groups: GroupSet) =>
      admits(model, [fallback], 'ingress', { subnet: entity(model, 'subnet', 'ClientSubnet'), groups }, HTTPS_PORT, 'ipv4', ANY_SCENARIO).kind;
    assert.equal(check({ values: fallback.value ? [fallback.value] : [] }), 'admitted');
    assert.equal(check(carrying('ClientGroup')), 'not-admitted');
    assert.equal(check(anyInterface), 'not-admitted');
  });

  it('allows all egress without SecurityGroupEgress, and only what is written with it', () => {
    const model = modelOf(
      base(`  Open:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: open, VpcId: !Ref Vpc }
  Closed:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: closed, VpcId: !Ref Vpc, SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }] }
  ToVpc:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: to the VPC, VpcId: !Ref Vpc, SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !GetAtt Vpc.CidrBlock }] }
`),
    );
    const egress = (id: string) => admits(model, [groupHandle(model, ref(id))], 'egress', { subnet: entity(model, 'subnet', 'OtherSubnet'), groups: carrying('OtherGroup') }, HTTPS_PORT, 'ipv4', ANY_SCENARIO).kind;
    assert.equal(egress('Open'), 'admitted');
    assert.equal(egress('Closed'), 'not-admitted');
    assert.equal(egress('ToVpc'), 'admitted');
  });
});
