/**
 * Which resource a reference names: `Ref` and the `Fn::GetAtt` attributes that return the same id
 * name the resource; other attributes (`Vpc.DefaultNetworkAcl`) name something else, and one that
 * is a property of the resource (`Subnet.VpcId`) names what the property names.
 */
import { strict as assert } from 'node:assert';
import { entityOf, evaluateRef, vpcOf } from '../../server/src/model';
import { ANY_SCENARIO } from '../../server/src/template';
import { entity, modelOf } from './model-of';

const TEMPLATE = `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  ByRef:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 }
  ByIdAttribute:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !GetAtt Vpc.VpcId, CidrBlock: 10.0.1.0/24 }
  ByOtherAttribute:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !GetAtt Vpc.DefaultNetworkAcl, CidrBlock: 10.0.2.0/24 }
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: g, VpcId: !GetAtt ByRef.VpcId }
`;

describe('entity references', () => {
  const model = modelOf(TEMPLATE);
  const vpc = entity(model, 'vpc', 'Vpc');

  it('takes Ref and the id attribute of Fn::GetAtt as the resource', () => {
    assert.equal(vpcOf(model, entity(model, 'subnet', 'ByRef')).vpc, vpc);
    assert.equal(vpcOf(model, entity(model, 'subnet', 'ByIdAttribute')).vpc, vpc);
    assert.equal(vpcOf(model, entity(model, 'subnet', 'ByIdAttribute')).key, vpcOf(model, entity(model, 'subnet', 'ByRef')).key);
  });

  it('does not take another attribute as the resource', () => {
    assert.equal(vpcOf(model, entity(model, 'subnet', 'ByOtherAttribute')).vpc, undefined);
  });

  it('follows an attribute that is a property of the resource to what the property names', () => {
    // A subnet's VpcId attribute is its VpcId property: the VPC, not the subnet.
    const groupVpc = evaluateRef(entity(model, 'securityGroup', 'Group').vpcId, ANY_SCENARIO);
    assert.equal(entityOf(model, groupVpc), vpc);
  });
});
