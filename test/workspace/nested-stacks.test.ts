/**
 * Nested stacks: a local `TemplateURL` (`AWS::CloudFormation::Stack`) or `Location`
 * (`AWS::Serverless::Application`) makes the child template evaluate with the parent's `Parameters`
 * pinned, and `!GetAtt Child.Outputs.X` resolve to the child's output. Remote locations stay unknown;
 * a child nested by two parents is pinned only where they agree; a child nested by none keeps its
 * defaults; circles end.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/ide/analysis';
import { link, show, valueAt } from './helpers';

const PARENT = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./nested/subnets.yaml
      Parameters:
        VpcId: !Ref Vpc
        Cidr: 10.0.4.0/24
        Env: prod
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      VpcId: !Ref Vpc
      SubnetFromChild: !GetAtt Network.Outputs.SubnetId
      MissingOutput: !GetAtt Network.Outputs.Nope
`;

const CHILD = `
Parameters:
  VpcId: { Type: "AWS::EC2::VPC::Id" }
  Cidr: { Type: String, Default: 10.9.9.0/24 }
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VpcId
      CidrBlock: !Ref Cidr
      Tier: !If [IsProd, production, development]
Outputs:
  SubnetId: { Value: !Ref Subnet }
`;

const SUBNET = 'Resources.Subnet.Properties';

describe('nested stacks', () => {
  it('evaluates the child with the parameters its parent passes', () => {
    const linked = link({ 'parent.yaml': PARENT, 'nested/subnets.yaml': CHILD });
    assert.equal(show(valueAt(linked, 'nested/subnets.yaml', `${SUBNET}.VpcId`)), 'parent.yaml#Vpc');
    assert.equal(show(valueAt(linked, 'nested/subnets.yaml', `${SUBNET}.CidrBlock`)), '10.0.4.0/24');
    assert.deepEqual(linked.nestedStacks.map((nested) => [nested.parent.file, nested.resource.logicalId, nested.child]), [['parent.yaml', 'Network', 'nested/subnets.yaml']]);
  });

  it('resolves !GetAtt Child.Outputs.X to the child output, and a missing output to unknown', () => {
    const linked = link({ 'parent.yaml': PARENT, 'nested/subnets.yaml': CHILD });
    assert.equal(show(valueAt(linked, 'parent.yaml', 'Resources.Group.Properties.SubnetFromChild')), 'nested/subnets.yaml#Subnet');
    assert.match(show(valueAt(linked, 'parent.yaml', 'Resources.Group.Properties.MissingOutput')), /has no output "Nope"/);
  });

  it('pins the conditions of the child through the values its parent passes', () => {
    const analysis = analyze([
      { file: 'parent.yaml', text: PARENT },
      { file: 'nested/subnets.yaml', text: CHILD },
    ]);
    const conditions = analysis.model.conditions.get('nested/subnets.yaml');
    assert.deepEqual(conditions?.formulas.get('IsProd'), { kind: 'const', value: true });
  });

  it('leaves a remote template unknown and says why', () => {
    const remote = PARENT.replace('./nested/subnets.yaml', 'https://s3.amazonaws.com/bucket/subnets.yaml');
    const linked = link({ 'parent.yaml': remote, 'nested/subnets.yaml': CHILD });
    assert.equal(linked.nestedStacks[0]?.child, undefined);
    assert.match(linked.nestedStacks[0]?.reason ?? '', /is not in the workspace/);
    assert.match(show(valueAt(linked, 'parent.yaml', 'Resources.Group.Properties.SubnetFromChild')), /^unknown: output "SubnetId" of nested stack "Network" is not known/);
    // Without a parent in the workspace, the child keeps its defaults and its VPC is unknown.
    assert.equal(show(valueAt(linked, 'nested/subnets.yaml', `${SUBNET}.CidrBlock`)), '10.9.9.0/24');
    assert.match(show(valueAt(linked, 'nested/subnets.yaml', `${SUBNET}.VpcId`)), /has no default/);
  });

  it('follows a local Location of AWS::Serverless::Application', () => {
    const sam = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  App:
    Type: AWS::Serverless::Application
    Properties:
      Location: nested/subnets.yaml
      Parameters: { VpcId: !Ref Vpc, Env: dev }
  Remote:
    Type: AWS::Serverless::Application
    Properties:
      Location: { ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/x, SemanticVersion: 1.0.0 }
`;
    const linked = link({ 'template.yaml': sam, 'nested/subnets.yaml': CHILD });
    assert.equal(show(valueAt(linked, 'nested/subnets.yaml', `${SUBNET}.VpcId`)), 'template.yaml#Vpc');
    const analysis = analyze([
      { file: 'template.yaml', text: sam },
      { file: 'nested/subnets.yaml', text: CHILD },
    ]);
    assert.deepEqual(analysis.model.conditions.get('nested/subnets.yaml')?.formulas.get('IsProd'), { kind: 'const', value: false });
    assert.match(linked.nestedStacks.find((nested) => nested.resource.logicalId === 'Remote')?.reason ?? '', /Serverless Application Repository/);
  });

  it('pins a child nested by two parents only to the values both pass', () => {
    const other = PARENT.replace('Cidr: 10.0.4.0/24', 'Cidr: 10.0.4.0/24\n        Unused: x').replace('Env: prod', 'Env: dev');
    const linked = link({ 'a.yaml': PARENT, 'b.yaml': other, 'nested/subnets.yaml': CHILD });
    assert.equal(show(valueAt(linked, 'nested/subnets.yaml', `${SUBNET}.CidrBlock`)), '10.0.4.0/24');
    assert.match(show(valueAt(linked, 'nested/subnets.yaml', `${SUBNET}.Tier`)), /depends on condition "IsProd"/);
    // Each parent passes its own VPC: the child's VPC is one or the other, so it is unknown.
    assert.match(show(valueAt(linked, 'nested/subnets.yaml', `${SUBNET}.VpcId`)), /gets different values from the stacks that nest this template/);
  });

  it('ends a circle of templates that nest each other', () => {
    const a = `
Parameters:
  P: { Type: String, Default: a }
Resources:
  B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: b.yaml, Parameters: { P: !Ref P } } }
`;
    const b = `
Parameters:
  P: { Type: String, Default: b }
Resources:
  A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: a.yaml, Parameters: { P: !Ref P } } }
`;
    const linked = link({ 'a.yaml': a, 'b.yaml': b });
    assert.equal(linked.templates.length, 2);
    const analysis = analyze([
      { file: 'a.yaml', text: a },
      { file: 'b.yaml', text: b },
    ]);
    assert.equal(analysis.components.length, 1);
  });
});
