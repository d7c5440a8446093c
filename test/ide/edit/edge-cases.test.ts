/**
 * Behaviour of `editsForIntents` beyond the golden fixtures, on small inline templates: what is left
 * alone (other files, values already set, ids already ignored, missing targets), how intents on the
 * same node compose, and the documented choices for empty lists, empty maps and quoting.
 */
import { strict as assert } from 'node:assert';
import { nodeAtPath, parse } from '../../../server/src/syntax';
import type { EditIntent } from '../../../server/src/rules/rule';
import { applyEdits, editsForIntents, type EditableFile } from '../../../server/src/ide/edit';

function fileOf(text: string, file = 'template.yaml'): EditableFile {
  return { file, text, parse: parse(text) };
}

/** The edited text; also checks that it parses without errors. */
function edit(text: string, intents: (file: EditableFile) => EditIntent[]): string {
  const file = fileOf(text);
  const output = applyEdits(text, editsForIntents(file, intents(file)));
  assert.deepEqual(parse(output).errors, [], `the edited text does not parse:\n${output}`);
  return output;
}

function at(file: EditableFile, ...path: (string | number)[]) {
  const node = nodeAtPath(file.parse.root, path);
  if (node === undefined) throw new Error(`no node at ${path.join('.')}`);
  return node;
}

const ENDPOINT = `Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      SubnetIds:
        - !Ref A
        - !Ref B
        - !Ref C
`;

describe('editsForIntents, beyond the fixtures', () => {
  it('leaves values written as YAML aliases alone, since an edit there would change every use of the anchor', () => {
    const text = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: &cidr 10.0.0.0/16
      EnableDnsSupport: *cidr
      Tags: &tags
        - { Key: team, Value: net }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      Tags: *tags
      SubnetIds: [*cidr, b]
`;
    const file = fileOf(text);
    const shared = at(file, 'Resources', 'Vpc', 'Properties', 'CidrBlock');
    const tags = at(file, 'Resources', 'Vpc', 'Properties', 'Tags');
    const cases: [string, EditIntent][] = [
      ['set a value that is an alias', { kind: 'setResourceValue', file: file.file, logicalId: 'Vpc', path: ['Properties', 'EnableDnsSupport'], value: true }],
      ['set a key below an alias', { kind: 'setResourceValue', file: file.file, logicalId: 'Subnet', path: ['Properties', 'Tags', 'x'], value: 1 }],
      ['replace an anchored node that an alias repeats', { kind: 'replaceNode', file: file.file, node: shared, value: '10.1.0.0/16' }],
      ['append to an anchored list that an alias repeats', { kind: 'appendToList', file: file.file, list: tags, value: { Key: 'a', Value: 'b' } }],
      ['replace a value that holds an anchor', { kind: 'setResourceValue', file: file.file, logicalId: 'Vpc', path: ['Properties', 'CidrBlock'], value: '10.1.0.0/16' }],
      ['remove a key that holds an anchor', { kind: 'removeResourceKey', file: file.file, logicalId: 'Vpc', path: ['Properties', 'Tags'] }],
      ['remove a key whose value is an alias', { kind: 'removeResourceKey', file: file.file, logicalId: 'Subnet', path: ['Properties', 'Tags'] }],
      ['remove a list item that is an alias', { kind: 'removeListItem', file: file.file, list: at(file, 'Resources', 'Subnet', 'Properties', 'SubnetIds'), index: 0 }],
    ];
    for (const [name, intent] of cases) assert.deepEqual(editsForIntents(file, [intent]), [], name);
    // The rest of the file is edited as usual.
    const output = edit(text, (f) => [{ kind: 'setResourceValue', file: f.file, logicalId: 'Vpc', path: ['Properties', 'EnableDnsHostnames'], value: true }]);
    assert.ok(output.includes('      EnableDnsSupport: *cidr\n'), output);
    assert.ok(output.includes('EnableDnsHostnames: true'), output);
  });

  it('ignores intents for other files', () => {
    const file = fileOf(ENDPOINT);
    assert.deepEqual(editsForIntents(file, [{ kind: 'addIgnore', file: 'other.yaml', ruleId: 'a-rule' }]), []);
  });

  it('adds nothing when the value is already set', () => {
    const file = fileOf(ENDPOINT);
    assert.deepEqual(editsForIntents(file, [{ kind: 'setResourceValue', file: file.file, logicalId: 'Endpoint', path: ['Type'], value: 'AWS::EC2::VPCEndpoint' }]), []);
  });

  it('adds nothing for a resource that does not exist', () => {
    const file = fileOf(ENDPOINT);
    assert.deepEqual(editsForIntents(file, [{ kind: 'setResourceValue', file: file.file, logicalId: 'Missing', path: ['Properties', 'X'], value: 1 }]), []);
  });

  it('does not add a rule id twice', () => {
    const once = edit(ENDPOINT, (f) => [{ kind: 'addIgnore', file: f.file, logicalId: 'Endpoint', ruleId: 'a-rule' }]);
    const file = fileOf(once);
    assert.deepEqual(editsForIntents(file, [{ kind: 'addIgnore', file: file.file, logicalId: 'Endpoint', ruleId: 'a-rule' }]), []);
    const twice = edit(ENDPOINT, (f) => [
      { kind: 'addIgnore', file: f.file, logicalId: 'Endpoint', ruleId: 'a-rule' },
      { kind: 'addIgnore', file: f.file, logicalId: 'Endpoint', ruleId: 'a-rule' },
    ]);
    assert.equal(twice, once);
  });

  it('finds nodes of an earlier parse of the same text by their range', () => {
    const earlier = fileOf(ENDPOINT);
    const current = fileOf(ENDPOINT);
    const output = applyEdits(ENDPOINT, editsForIntents(current, [{ kind: 'removeListItem', file: current.file, list: at(earlier, 'Resources', 'Endpoint', 'Properties', 'SubnetIds'), index: 0 }]));
    assert.equal(output, ENDPOINT.replace('        - !Ref A\n', ''));
  });

  it('leaves [] when the only item of a block list goes', () => {
    const output = edit('Resources:\n  E:\n    Type: T\n    Properties:\n      SubnetIds:\n        - !Ref A # the only one\n      X: 1\n', (f) => [
      { kind: 'removeListItem', file: f.file, list: at(f, 'Resources', 'E', 'Properties', 'SubnetIds'), index: 0 },
    ]);
    assert.equal(output, 'Resources:\n  E:\n    Type: T\n    Properties:\n      SubnetIds: []\n      X: 1\n');
  });

  it('removes the last line of a file that has no final line break', () => {
    const text = ENDPOINT.trimEnd();
    const output = edit(text, (f) => [{ kind: 'removeListItem', file: f.file, list: at(f, 'Resources', 'Endpoint', 'Properties', 'SubnetIds'), index: 2 }]);
    assert.equal(output, text.replace('\n        - !Ref C', ''));
  });

  it('keeps one blank line between entries separated by blank lines when one goes', () => {
    const text = 'Resources:\n  E:\n    Type: T\n    Properties:\n      A: 1\n\n      B: 2\n\n      C: 3\n\n  F:\n    Type: T\n';
    const middle = edit(text, (f) => [{ kind: 'removeResourceKey', file: f.file, logicalId: 'E', path: ['Properties', 'B'] }]);
    assert.equal(middle, 'Resources:\n  E:\n    Type: T\n    Properties:\n      A: 1\n\n      C: 3\n\n  F:\n    Type: T\n');
    const last = edit(text, (f) => [{ kind: 'removeResourceKey', file: f.file, logicalId: 'E', path: ['Properties', 'C'] }]);
    assert.equal(last, 'Resources:\n  E:\n    Type: T\n    Properties:\n      A: 1\n\n      B: 2\n\n  F:\n    Type: T\n');
  });

  it('removes a map left empty with its key instead of leaving {}', () => {
    const output = edit('Resources:\n  E:\n    Type: T\n    Properties:\n      Only: 1\n    DependsOn: X\n', (f) => [{ kind: 'removeResourceKey', file: f.file, logicalId: 'E', path: ['Properties', 'Only'] }]);
    assert.equal(output, 'Resources:\n  E:\n    Type: T\n    DependsOn: X\n');
  });

  it('removes two items by their original indexes', () => {
    const output = edit(ENDPOINT, (f) => {
      const list = at(f, 'Resources', 'Endpoint', 'Properties', 'SubnetIds');
      return [
        { kind: 'removeListItem', file: f.file, list, index: 0 },
        { kind: 'removeListItem', file: f.file, list, index: 2 },
      ];
    });
    assert.equal(output, ENDPOINT.replace('        - !Ref A\n', '').replace('        - !Ref C\n', ''));
  });

  it('replaces a node whose index moved after an earlier removal', () => {
    const output = edit(ENDPOINT, (f) => [
      { kind: 'removeListItem', file: f.file, list: at(f, 'Resources', 'Endpoint', 'Properties', 'SubnetIds'), index: 0 },
      { kind: 'replaceNode', file: f.file, node: at(f, 'Resources', 'Endpoint', 'Properties', 'SubnetIds', 2), value: { Ref: 'D' } },
    ]);
    assert.equal(output, ENDPOINT.replace('        - !Ref A\n', '').replace('!Ref C', '!Ref D'));
  });

  it('appends twice to a single value', () => {
    const output = edit('Resources:\n  E:\n    Type: T\n    Properties:\n      SubnetIds: !Ref A\n', (f) => {
      const list = at(f, 'Resources', 'E', 'Properties', 'SubnetIds');
      return [
        { kind: 'appendToList', file: f.file, list, value: { Ref: 'B' } },
        { kind: 'appendToList', file: f.file, list, value: { Ref: 'C' } },
      ];
    });
    assert.equal(output, 'Resources:\n  E:\n    Type: T\n    Properties:\n      SubnetIds:\n        - !Ref A\n        - !Ref B\n        - !Ref C\n');
  });

  it('turns a key without a value into a one-item list', () => {
    const output = edit('Resources:\n  E:\n    Type: T\n    Properties:\n      SubnetIds:\n      X: 1\n', (f) => [
      { kind: 'appendToList', file: f.file, list: at(f, 'Resources', 'E', 'Properties', 'SubnetIds'), value: { Ref: 'A' } },
    ]);
    assert.equal(output, 'Resources:\n  E:\n    Type: T\n    Properties:\n      SubnetIds:\n        - !Ref A\n      X: 1\n');
  });

  it('keeps a flow list that spreads over lines one item a line', () => {
    const output = edit('Resources:\n  E:\n    Type: T\n    Properties:\n      SubnetIds: [\n        !Ref A,\n        !Ref B\n      ]\n', (f) => [
      { kind: 'appendToList', file: f.file, list: at(f, 'Resources', 'E', 'Properties', 'SubnetIds'), value: { Ref: 'C' } },
    ]);
    assert.equal(output, 'Resources:\n  E:\n    Type: T\n    Properties:\n      SubnetIds: [\n        !Ref A,\n        !Ref B,\n        !Ref C\n      ]\n');
  });

  it('turns an empty flow map into a block map', () => {
    const output = edit('Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {}\n', (f) => [
      { kind: 'setResourceValue', file: f.file, logicalId: 'Vpc', path: ['Properties', 'EnableDnsHostnames'], value: true },
    ]);
    assert.equal(output, 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      EnableDnsHostnames: true\n');
  });

  it('quotes strings that YAML would read as something else, and only those', () => {
    const output = edit('Resources:\n  Rule:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: sg-1\n', (f) => [
      { kind: 'setResourceValue', file: f.file, logicalId: 'Rule', path: ['Properties', 'IpProtocol'], value: '-1' },
      { kind: 'setResourceValue', file: f.file, logicalId: 'Rule', path: ['Properties', 'FromPort'], value: -1 },
      { kind: 'setResourceValue', file: f.file, logicalId: 'Rule', path: ['Properties', 'Description'], value: 'true' },
      { kind: 'setResourceValue', file: f.file, logicalId: 'Rule', path: ['Properties', 'CidrIp'], value: '0.0.0.0/0' },
    ]);
    assert.equal(output, "Resources:\n  Rule:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: sg-1\n      IpProtocol: '-1'\n      FromPort: -1\n      Description: 'true'\n      CidrIp: 0.0.0.0/0\n");
  });

  it('adds Resources to a template that has none, before Outputs', () => {
    const output = edit('AWSTemplateFormatVersion: "2010-09-09"\nOutputs:\n  X:\n    Value: 1\n', (f) => [{ kind: 'addResource', file: f.file, logicalId: 'Vpc', value: { Type: 'AWS::EC2::VPC' } }]);
    assert.equal(output, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\nOutputs:\n  X:\n    Value: 1\n');
  });

  it('does not add a resource whose logical id is taken', () => {
    const file = fileOf(ENDPOINT);
    assert.deepEqual(editsForIntents(file, [{ kind: 'addResource', file: file.file, logicalId: 'Endpoint', value: { Type: 'X' } }]), []);
  });

  it('expands an empty JSON object and keeps JSON valid when the first key goes', () => {
    const text = '{\n  "Resources": {\n    "Vpc": {\n      "Type": "AWS::EC2::VPC",\n      "Properties": {}\n    }\n  }\n}\n';
    const file = fileOf(text, 'template.json');
    const added = applyEdits(text, editsForIntents(file, [{ kind: 'setResourceValue', file: file.file, logicalId: 'Vpc', path: ['Properties', 'EnableDnsHostnames'], value: true }]));
    assert.equal(added, '{\n  "Resources": {\n    "Vpc": {\n      "Type": "AWS::EC2::VPC",\n      "Properties": {\n        "EnableDnsHostnames": true\n      }\n    }\n  }\n}\n');
    const again = fileOf(added, 'template.json');
    const removed = applyEdits(added, editsForIntents(again, [{ kind: 'removeResourceKey', file: again.file, logicalId: 'Vpc', path: ['Type'] }]));
    assert.deepEqual(JSON.parse(removed), { Resources: { Vpc: { Properties: { EnableDnsHostnames: true } } } });
  });
});
