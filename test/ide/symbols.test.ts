/**
 * Document symbols: sections in document order, resources grouped by type in the order the types
 * first appear, network details on subnets, VPCs and endpoints, ranges that contain their children,
 * and nothing for a file that is not a template.
 */
import { strict as assert } from 'node:assert';
import { documentSymbols, type DocumentSymbol } from '../../server/src/ide/symbols';
import { analyzeFiles, example } from './ide-harness';

/** One line per symbol, indented by depth: `kind name (detail)`. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [`${'  '.repeat(depth)}${symbol.kind} ${symbol.name}${symbol.detail ? ` (${symbol.detail})` : ''}`, ...outline(symbol.children, depth + 1)]);
}

function contained(symbol: DocumentSymbol): boolean {
  const inside = (inner: readonly [number, number], outer: readonly [number, number]) => outer[0] <= inner[0] && inner[1] <= outer[1];
  return inside(symbol.selectionRange, symbol.range) && symbol.children.every((child) => inside(child.range, symbol.range) && contained(child));
}

describe('document symbols', () => {
  it('groups the story template by resource type with network details', () => {
    const source = example('session-manager.yaml');
    const symbols = documentSymbols(analyzeFiles([source]), source.file);
    const lines = outline(symbols);
    assert.deepEqual(lines.slice(0, 2), ['resourceType AWS::EC2::VPC (1)', '  resource Vpc (172.30.0.0/16)']);
    const subnets = lines.indexOf('resourceType AWS::EC2::Subnet (4)');
    assert.deepEqual(lines.slice(subnets, subnets + 5), [
      'resourceType AWS::EC2::Subnet (4)',
      '  resource PublicSubnet (172.30.0.0/24 · 1st AZ)',
      '  resource PublicSubnet2 (172.30.1.0/24 · 2nd AZ)',
      '  resource ClosedSubnet (172.30.4.0/24 · 1st AZ)',
      '  resource ClosedSubnet2 (172.30.5.0/24 · 2nd AZ)',
    ]);
    assert.deepEqual(lines.slice(-4), [
      'resourceType AWS::EC2::VPCEndpoint (3)',
      '  resource SsmEndpoint (ssm · private DNS)',
      '  resource SsmMessagesEndpoint (ssmmessages · private DNS)',
      '  resource Ec2MessagesEndpoint (ec2messages · private DNS)',
    ]);
    assert.equal(symbols.filter((symbol) => symbol.kind === 'resourceType').length, 12);
    assert.ok(symbols.every(contained), 'every range contains its selection range and its children');
  });

  it('lists parameters, mappings, conditions and outputs under their sections, with conditional resources marked', () => {
    const file = '/work/templates/sections.yaml';
    const text = `Parameters:
  Environment:
    Type: String
Mappings:
  Sizes:
    dev: { Instance: t3.micro }
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Condition: IsProd
  Queue:
    Type: AWS::SQS::Queue
  OtherTopic:
    Type: AWS::SNS::Topic
Outputs:
  TopicArn:
    Value: !Ref Topic
    Export:
      Name: topic
`;
    const symbols = documentSymbols(analyzeFiles([{ file, text }]), file);
    assert.deepEqual(outline(symbols), [
      'section Parameters (1)',
      '  parameter Environment (String)',
      'section Mappings (1)',
      '  mapping Sizes',
      'section Conditions (1)',
      '  condition IsProd',
      'resourceType AWS::SNS::Topic (2)',
      '  resource Topic (if IsProd)',
      '  resource OtherTopic',
      'resourceType AWS::SQS::Queue (1)',
      '  resource Queue',
      'section Outputs (1)',
      '  output TopicArn (exported)',
    ]);
    const topics = symbols.find((symbol) => symbol.name === 'AWS::SNS::Topic');
    assert.ok(topics && contained(topics));
    assert.equal(text.slice(topics.selectionRange[0], topics.selectionRange[1]), 'Topic');
  });

  it('gives a file that is not a template no symbols', () => {
    const file = '/work/compose.yaml';
    assert.deepEqual(documentSymbols(analyzeFiles([{ file, text: 'services:\n  web:\n    image: nginx\n' }]), file), []);
  });
});
