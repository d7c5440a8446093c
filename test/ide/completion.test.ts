/**
 * Network-aware completion: the slots it answers in (block lists, flow lists, `key: ` values, JSON),
 * what it offers there (the right kind of resource, without what the list holds already), in which
 * order (the resource's own VPC first; for an endpoint's subnets, uncovered AZs and closed subnets
 * first), how it writes the reference (short tags, long form, JSON, `!ImportValue` for another file),
 * and silence elsewhere.
 */
import { strict as assert } from 'node:assert';
import { completionsAt, type CompletionItem } from '../../server/src/ide/completion';
import { analyzeFiles, example, withoutCursor } from './ide-harness';

const STORY = example('session-manager.yaml');

/** The story template with `from` replaced by `to` (which holds the `$0` cursor). */
function storyWith(from: string, to: string): { text: string; offset: number } {
  assert.ok(STORY.text.includes(from), `the example contains ${JSON.stringify(from)}`);
  return withoutCursor(STORY.text.replace(from, to));
}

function complete(file: string, marked: { text: string; offset: number }, others: { file: string; text: string }[] = []): CompletionItem[] {
  return completionsAt(analyzeFiles([{ file, text: marked.text }, ...others]), file, marked.offset);
}

const labels = (items: readonly CompletionItem[]) => items.map((item) => item.label);

/** The story's SsmEndpoint subnets with the second one being typed. */
const ENDPOINT_SUBNETS = '        - !Ref ClosedSubnet2\n      SecurityGroupIds:\n        - !Ref EndpointSecurityGroup\n\n  SsmMessagesEndpoint';

describe('completion', () => {
  describe('an endpoint\'s SubnetIds', () => {
    it('offers the subnets of its VPC, uncovered AZs first and closed subnets before public ones, without the listed one', () => {
      const items = complete(STORY.file, storyWith(ENDPOINT_SUBNETS, ENDPOINT_SUBNETS.replace('!Ref ClosedSubnet2', '$0')));
      assert.deepEqual(labels(items), ['ClosedSubnet2', 'PublicSubnet2', 'PublicSubnet']);
      const [first] = items;
      assert.equal(first?.insertText, '!Ref ClosedSubnet2');
      assert.equal(first?.detail, '2nd AZ · 172.30.5.0/24 · Vpc');
      assert.equal(first?.kind, 'subnet');
      assert.match(first?.documentation ?? '', /no route to the internet/);
    });

    it('replaces a half-typed `!Ref Clo` and filters on what was typed', () => {
      const marked = storyWith(ENDPOINT_SUBNETS, ENDPOINT_SUBNETS.replace('!Ref ClosedSubnet2', '!Ref Clo$0'));
      const items = complete(STORY.file, marked);
      const item = items.find((candidate) => candidate.label === 'ClosedSubnet2');
      assert.ok(item);
      assert.equal(marked.text.slice(item.range[0], item.range[1]), '!Ref Clo');
      assert.equal(item.filterText, '!Ref ClosedSubnet2');
    });

    it('replaces the whole name when the cursor is inside it', () => {
      const marked = storyWith(ENDPOINT_SUBNETS, ENDPOINT_SUBNETS.replace('!Ref ClosedSubnet2', '!Ref Clo$0sedSubnet2'));
      const item = complete(STORY.file, marked).find((candidate) => candidate.label === 'PublicSubnet2');
      assert.equal(item && marked.text.slice(item.range[0], item.range[1]), '!Ref ClosedSubnet2');
    });
  });

  it('offers security groups in a flow list, the listed group excluded', () => {
    const from = '      SecurityGroupIds:\n        - !Ref InstanceSecurityGroup\n      IamInstanceProfile: !Ref InstanceProfile\n\n  ClosedInstance';
    const items = complete(STORY.file, storyWith(from, '      SecurityGroupIds: [!Ref InstanceSecurityGroup, $0]\n      IamInstanceProfile: !Ref InstanceProfile\n\n  ClosedInstance'));
    assert.deepEqual(labels(items), ['EndpointSecurityGroup']);
    assert.equal(items[0]?.detail, 'Vpc · Session Manager endpoints');
  });

  it('offers subnets after `SubnetId: ` of an instance, and VPCs after `VpcId: `', () => {
    const subnets = complete(STORY.file, storyWith('      SubnetId: !Ref PublicSubnet\n', '      SubnetId: $0\n'));
    assert.deepEqual(labels(subnets), ['PublicSubnet', 'PublicSubnet2', 'ClosedSubnet', 'ClosedSubnet2']);
    assert.equal(subnets[0]?.insertText, '!Ref PublicSubnet');
    const vpcs = complete(STORY.file, storyWith('      GroupDescription: Instances\n      VpcId: !Ref Vpc', '      GroupDescription: Instances\n      VpcId: $0'));
    assert.deepEqual(vpcs.map((item) => `${item.label} ${item.detail}`), ['Vpc 172.30.0.0/16']);
  });

  it('wraps a reference in a list where a list property has no list yet', () => {
    const items = complete(STORY.file, storyWith('      SecurityGroupIds:\n        - !Ref EndpointSecurityGroup\n\n  SsmMessagesEndpoint', '      SecurityGroupIds: $0\n\n  SsmMessagesEndpoint'));
    assert.equal(items.find((item) => item.label === 'EndpointSecurityGroup')?.insertText, '[!Ref EndpointSecurityGroup]');
  });

  it('offers route tables in a gateway endpoint\'s RouteTableIds', () => {
    const file = '/work/templates/gateway.yaml';
    const marked = withoutCursor(`Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Private:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.eu-west-1.s3
      RouteTableIds:
        - $0
`);
    assert.deepEqual(complete(file, marked).map((item) => `${item.label} ${item.detail}`), ['Private Vpc · 0 subnets']);
  });

  it('writes the long form in a YAML file that uses no short tags', () => {
    const file = '/work/templates/long.yaml';
    const marked = withoutCursor(`Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId:
        Ref: Vpc
      CidrBlock: 10.0.0.0/24
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: $0
`);
    assert.deepEqual(complete(file, marked).map((item) => item.insertText), ['{Ref: Subnet}']);
  });

  describe('JSON', () => {
    const file = '/work/templates/app.json';
    const json = (value: string) =>
      withoutCursor(`{
  "Resources": {
    "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } },
    "SubnetA": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "Vpc" }, "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a" } },
    "Function": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "VpcConfig": { "SubnetIds": ${value} } }
    }
  }
}
`);

    it('inserts {"Ref": "X"} in a list', () => {
      const marked = json('[ $0 ]');
      const items = complete(file, marked);
      assert.deepEqual(items.map((item) => item.insertText), ['{"Ref": "SubnetA"}']);
      assert.equal(items[0]?.detail, 'eu-west-1a · 10.0.0.0/24 · Vpc');
    });

    it('replaces a half-typed {"Ref": "Sub"} up to its closing brace', () => {
      const marked = json('[ {"Ref": "Sub$0"} ]');
      const [item] = complete(file, marked);
      assert.ok(item);
      assert.equal(marked.text.slice(item.range[0], item.range[1]), '{"Ref": "Sub"}');
      assert.equal(item.filterText, '{"Ref": "SubnetA"}');
    });
  });

  it('offers a resource of another file through its export, as !ImportValue', () => {
    const network = {
      file: '/work/templates/network.yaml',
      text: `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SharedSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.9.0/24
      AvailabilityZone: eu-west-1c
  UnexportedSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.8.0/24
Outputs:
  Subnet:
    Value: !Ref SharedSubnet
    Export:
      Name: network-shared-subnet
`,
    };
    const file = '/work/templates/app.yaml';
    const marked = withoutCursor('Resources:\n  Instance:\n    Type: AWS::EC2::Instance\n    Properties:\n      SubnetId: $0\n');
    const items = complete(file, marked, [network]);
    assert.deepEqual(items.map((item) => `${item.insertText} | ${item.detail}`), ['!ImportValue network-shared-subnet | eu-west-1c · 10.0.9.0/24 · Vpc · in network.yaml']);
    // An export name that YAML would read as a number or a boolean is quoted.
    for (const [name, written] of [['1e3', '"1e3"'], ['0x1F', '"0x1F"'], ['on', '"on"'], ['shared-subnet-2', 'shared-subnet-2']]) {
      const renamed = { ...network, text: network.text.replace('Name: network-shared-subnet', `Name: "${name}"`) };
      assert.deepEqual(complete(file, marked, [renamed]).map((item) => item.insertText), [`!ImportValue ${written}`], name);
    }
  });

  describe('silence', () => {
    it('answers nothing outside network slots and outside Resources', () => {
      assert.deepEqual(complete(STORY.file, storyWith('      InstanceType: t3.micro\n      SubnetId: !Ref PublicSubnet', '      InstanceType: $0\n      SubnetId: !Ref PublicSubnet')), []);
      const file = '/work/templates/parameters.yaml';
      assert.deepEqual(complete(file, withoutCursor('Parameters:\n  VpcId: $0\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n')), []);
    });

    it('does not offer group ids where an instance takes group names', () => {
      assert.deepEqual(complete(STORY.file, storyWith('      SecurityGroupIds:\n        - !Ref InstanceSecurityGroup\n      IamInstanceProfile: !Ref InstanceProfile\n\n  ClosedInstance', '      SecurityGroups:\n        - $0\n      IamInstanceProfile: !Ref InstanceProfile\n\n  ClosedInstance')), []);
    });
  });
});
