/**
 * Availability Zone equality (`availability-zones.ts`) and whether a subnet has a route to the
 * internet (`routes.ts`), with the main route table standing in for subnets without an association.
 */
import { strict as assert } from 'node:assert';
import { internetAccessOf, sameZone, zoneOfValue } from '../../server/src/analysis';
import { ANY_SCENARIO, type Value } from '../../server/src/template';
import { entity, modelOf } from './model-of';

describe('Availability Zone equality', () => {
  const literal = (value: string): Value => ({ kind: 'string', value });
  const index = (i: number, region = ''): Value => ({ kind: 'az', index: i, region });
  const parameter = (name: string): Value => ({ kind: 'unknown', reason: 'no default', identity: `param:t.yaml#${name}` });
  const cases: readonly [string, Value, Value, boolean | undefined][] = [
    ['the same literal', literal('us-east-1a'), literal('us-east-1a'), true],
    ['two literals', literal('us-east-1a'), literal('us-east-1b'), false],
    ['the same index', index(0), index(0), true],
    ['two indexes', index(0), index(1), false],
    ['indexes of two regions', index(0, 'us-east-1'), index(1, 'eu-west-1'), undefined],
    ['a literal and an index', literal('us-east-1a'), index(0), undefined],
    ['the same parameter', parameter('Az'), parameter('Az'), true],
    ['two parameters', parameter('AzA'), parameter('AzB'), undefined],
  ];
  for (const [label, a, b, expected] of cases) {
    it(label, () => assert.equal(sameZone(zoneOfValue(a), zoneOfValue(b)), expected));
  }
});

describe('internet routes', () => {
  const model = modelOf(`
Parameters:
  Target: { Type: String }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Vgw: { Type: AWS::EC2::VPNGateway, Properties: { Type: ipsec.1 } }
  Public: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
  Private: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
  Closed: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 } }
  Vpn: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24 } }
  Main: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.4.0/24 } }
  Appliance: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.5.0/24 } }
  Nat: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref Public } }
  PublicTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PrivateTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  ClosedTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  VpnTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  ApplianceTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PublicDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PublicTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  PrivateDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PrivateTable, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat } }
  ClosedPeer: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref ClosedTable, DestinationCidrBlock: 192.168.0.0/16, GatewayId: !Ref Igw } }
  VpnDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref VpnTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Vgw } }
  MainDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !GetAtt Vpc.MainRouteTableId, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  ApplianceDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref ApplianceTable, DestinationCidrBlock: 0.0.0.0/0, InstanceId: !Ref Target } }
  A1: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Public, RouteTableId: !Ref PublicTable } }
  A2: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Private, RouteTableId: !Ref PrivateTable } }
  A3: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Closed, RouteTableId: !Ref ClosedTable } }
  A4: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Vpn, RouteTableId: !Ref VpnTable } }
  A5: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Appliance, RouteTableId: !Ref ApplianceTable } }
`);
  const cases: readonly [string, string][] = [
    ['Public', 'internet via internetGateway'],
    ['Private', 'internet via natGateway'],
    ['Closed', 'closed'],
    ['Vpn', 'closed'],
    ['Main', 'internet via internetGateway'],
    ['Appliance', 'unknown'],
  ];
  for (const [subnet, expected] of cases) {
    it(`${subnet}: ${expected}`, () => {
      const access = internetAccessOf(model, entity(model, 'subnet', subnet), ANY_SCENARIO);
      assert.equal(access.known ? (access.value.internet ? `internet via ${access.value.via}` : 'closed') : 'unknown', expected);
    });
  }
});
