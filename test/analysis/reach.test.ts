/**
 * `captures` and `reach`: which clients a private-DNS endpoint captures (workloads, and subnets that
 * host none), and the hop that blocks each: the endpoint's ingress, the client's egress, and the
 * network ACLs of both subnets in both directions.
 */
import { strict as assert } from 'node:assert';
import { captures, endpointView, reach, type Hop } from '../../server/src/analysis';
import type { NetworkModel } from '../../server/src/model';
import { ANY_SCENARIO } from '../../server/src/template';
import { entity, modelOf } from './model-of';

const STORY = `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 172.30.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 172.30.0.0/24 }
  EmptySubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 172.30.1.0/24 }
  ClosedSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 172.30.4.0/24 }
  OtherVpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.9.0.0/16 }
  ElsewhereSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref OtherVpc, CidrBlock: 10.9.0.0/24 }
  InstanceGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: instances
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }]
  PublicInstance:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-12345678, SubnetId: !Ref PublicSubnet, SecurityGroupIds: [!Ref InstanceGroup] }
  ClosedInstance:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-12345678, SubnetId: !Ref ClosedSubnet }
  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 172.30.4.0/24 }]
  ClosedAcl:
    Type: AWS::EC2::NetworkAcl
    Properties: { VpcId: !Ref Vpc }
  ClosedAclAssociation:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: { SubnetId: !Ref ClosedSubnet, NetworkAclId: !Ref ClosedAcl }
  ClosedAclIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref ClosedAcl, RuleNumber: 100, Protocol: -1, RuleAction: allow, CidrBlock: 172.30.0.0/16 }
  ClosedAclOut:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref ClosedAcl, RuleNumber: 100, Protocol: 6, RuleAction: allow, Egress: true, CidrBlock: 172.30.4.0/24, PortRange: { From: 0, To: 65535 } }
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref ClosedSubnet]
      SecurityGroupIds: [!Ref EndpointGroup]
`;

function verdicts(model: NetworkModel): Map<string, string> {
  const view = endpointView(model, entity(model, 'vpcEndpoint', 'Endpoint'), ANY_SCENARIO);
  const capture = captures(model, view, ANY_SCENARIO);
  assert.ok(capture.known);
  const result = new Map<string, string>();
  for (const client of capture.value.clients) {
    const outcome = reach(model, client, view, ANY_SCENARIO);
    const blocked = outcome.blocked.map((hop) => `${hop.hop}${hop.direction ? ` ${hop.direction} ${hop.ports.from}` : ''}`);
    result.set(client.entity.logicalId, outcome.kind === 'blocked' ? `blocked: ${[...new Set(blocked)].join(', ')}` : outcome.kind);
  }
  return result;
}

describe('captures', () => {
  it('captures every subnet of the VPC through its workloads, and the subnets that host none', () => {
    const model = modelOf(STORY);
    const view = endpointView(model, entity(model, 'vpcEndpoint', 'Endpoint'), ANY_SCENARIO);
    const capture = captures(model, view, ANY_SCENARIO);
    assert.ok(capture.known);
    assert.deepEqual(capture.value.subnets.map((subnet) => subnet.logicalId), ['PublicSubnet', 'EmptySubnet', 'ClosedSubnet']);
    assert.deepEqual(
      capture.value.clients.map((client) => `${client.kind} ${client.entity.logicalId}`),
      ['workload PublicInstance', 'workload ClosedInstance', 'subnet EmptySubnet'],
    );
  });

  it('captures nothing with private DNS off', () => {
    const model = modelOf(STORY.replace('PrivateDnsEnabled: true', 'PrivateDnsEnabled: false'));
    const capture = captures(model, endpointView(model, entity(model, 'vpcEndpoint', 'Endpoint'), ANY_SCENARIO), ANY_SCENARIO);
    assert.deepEqual(capture.known && capture.value.clients, []);
  });

  it('is unknown when private DNS comes from a parameter without default', () => {
    const model = modelOf(`Parameters:\n  Dns: { Type: String }\n${STORY.replace('PrivateDnsEnabled: true', 'PrivateDnsEnabled: !Ref Dns')}`);
    const capture = captures(model, endpointView(model, entity(model, 'vpcEndpoint', 'Endpoint'), ANY_SCENARIO), ANY_SCENARIO);
    assert.equal(capture.known, false);
  });
});

describe('reach', () => {
  it('names the hops that block each client', () => {
    assert.deepEqual(
      Object.fromEntries(verdicts(modelOf(STORY))),
      {
        // Its own egress allows only port 80, the endpoint admits only the closed subnet, and the closed
        // subnet's ACL sends replies only within itself.
        PublicInstance: 'blocked: client-egress, endpoint-subnet-acl outbound 1024, endpoint-ingress',
        // Same subnet as the endpoint: no ACL between them; the default group allows all egress.
        ClosedInstance: 'allowed',
        EmptySubnet: 'blocked: endpoint-subnet-acl outbound 1024, endpoint-ingress',
      },
    );
  });

  it('answers unknown, never blocked, for a client subnet whose CIDR is unknown', () => {
    const model = modelOf(`Parameters:\n  Cidr: { Type: String }\n${STORY.replace('CidrBlock: 172.30.1.0/24', 'CidrBlock: !Ref Cidr')}`);
    assert.equal(verdicts(model).get('EmptySubnet'), 'unknown');
  });

  it('evaluates only the hops asked for', () => {
    const model = modelOf(STORY);
    const view = endpointView(model, entity(model, 'vpcEndpoint', 'Endpoint'), ANY_SCENARIO);
    const capture = captures(model, view, ANY_SCENARIO);
    assert.ok(capture.known);
    const client = capture.value.clients.find((candidate) => candidate.entity.logicalId === 'PublicInstance');
    assert.ok(client);
    const hops: Hop[] = ['endpoint-ingress'];
    const outcome = reach(model, client, view, ANY_SCENARIO, { hops });
    assert.deepEqual([...new Set(outcome.hops.map((hop) => hop.hop))], hops);
    const blocker = outcome.blocked[0]?.verdict;
    assert.ok(blocker?.kind === 'blocked' && blocker.by.kind === 'no-rule');
    assert.deepEqual(
      blocker.by.groups.map((group) => (group.kind === 'declared' ? group.group.logicalId : group.kind)),
      ['EndpointGroup'],
    );
  });
});
