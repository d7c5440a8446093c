/**
 * The editor features over stdio against the bundled server, on the story's template
 * (`examples/session-manager.yaml`): the capabilities, the endpoint hover with its subnet table, a
 * documentation hover (which loads `dist/db.json.gz` on demand), the private DNS code lens with the
 * command that reveals the blocked clients, go to definition, completion of subnets and document
 * symbols.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, CompletionItem, DocumentSymbol, Hover, LocationLink, MarkupContent } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../harness/lsp-client';

const EXAMPLE = join(ROOT, 'examples', 'session-manager.yaml');
const URI = pathToFileURL(EXAMPLE).href;
const TEXT = readFileSync(EXAMPLE, 'utf8');
const LINES = TEXT.split('\n');

/** The position of the first occurrence of `needle`, `skip` characters into it. */
function positionOf(needle: string, skip = 0, text = TEXT): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the text`);
  const before = text.slice(0, offset + skip).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
}

describe('editor features over stdio', function () {
  this.timeout(30_000);
  let client: TestClient;

  beforeEach(async () => {
    client = await startServer();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    await client.waitForDiagnostics((params) => params.uri === URI && params.version === 1);
  });

  afterEach(() => {
    if (client.process.exitCode === null) client.process.kill('SIGKILL');
  });

  it('advertises hover, code lens, definition, symbols and completion', async () => {
    const capabilities = client.initializeResult.capabilities;
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
    assert.equal(capabilities.definitionProvider, true);
    assert.ok(capabilities.documentSymbolProvider);
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters, [' ', '!', '"']);
    assert.equal(await client.stop(), 0);
  });

  it('hovers the story endpoint with the subnet table, and a property with its documentation', async () => {
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: positionOf('  SsmEndpoint:', 4) });
    const contents = hover?.contents as MarkupContent | undefined;
    assert.equal(contents?.kind, 'markdown');
    const markdown = contents?.value ?? '';
    assert.match(markdown, /Private DNS is VPC-wide/);
    assert.match(markdown, /\| Subnet \| AZ \| CIDR \| Endpoint ENI \| Internet \| Clients on 443 \|/);
    assert.match(markdown, /\| `PublicSubnet` \| 1st AZ \| 172\.30\.0\.0\/24 \| — \| IGW \| ✗ `PublicInstance` \|/);
    assert.deepEqual(hover?.range, { start: positionOf('  SsmEndpoint:', 2), end: positionOf('  SsmEndpoint:', 13) });

    const docs: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: positionOf('Type: AWS::EC2::VPCEndpoint', 10) });
    const value = (docs?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /^\*\*`AWS::EC2::VPCEndpoint`\*\*\n\nSpecifies a VPC endpoint\./);
    assert.ok(client.logs.some((message) => /Loaded the CloudFormation resource specification/.test(message)), `the server loaded the specification on demand: ${client.logs.join('\n')}`);
    assert.equal(await client.stop(), 0);
  });

  it('puts the private DNS lens above each endpoint, with the command that reveals the blocked clients', async () => {
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.equal(lenses.length, 3);
    const lens = lenses[0];
    assert.equal(lens?.range.start.line, positionOf('  SsmEndpoint:').line);
    assert.equal(lens?.command?.title, 'Private DNS: all 4 subnets of Vpc · 2 workloads · 1 workload and 1 subnet blocked');
    assert.equal(lens?.command?.command, 'cfnNetworkLens.revealBlockedClients');
    const argument = lens?.command?.arguments?.[0] as { uri: string; position: { line: number }; locations: { uri: string; range: { start: { line: number } } }[] };
    assert.equal(argument.uri, URI);
    assert.equal(argument.position.line, positionOf('  SsmEndpoint:').line);
    assert.deepEqual(argument.locations.map((location) => LINES[location.range.start.line]?.trim()), ['PublicInstance:', 'PublicSubnet2:']);
    assert.equal(await client.stop(), 0);
  });

  it('goes from a reference to its declaration', async () => {
    const links: LocationLink[] = await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: URI }, position: positionOf('SubnetId: !Ref ClosedSubnet', 18) });
    assert.equal(links.length, 1);
    assert.equal(links[0]?.targetUri, URI);
    assert.deepEqual(links[0]?.targetSelectionRange, { start: positionOf('  ClosedSubnet:', 2), end: positionOf('  ClosedSubnet:', 14) });
    assert.deepEqual(links[0]?.originSelectionRange, { start: positionOf('SubnetId: !Ref ClosedSubnet', 15), end: positionOf('SubnetId: !Ref ClosedSubnet', 27) });
    assert.equal(await client.stop(), 0);
  });

  it('completes an endpoint subnet with the subnets of its VPC, uncovered AZs first', async () => {
    // Clear the second subnet of SsmEndpoint and ask for completion there.
    const position = positionOf('        - !Ref ClosedSubnet2', 10);
    const end = { line: position.line, character: position.character + '!Ref ClosedSubnet2'.length };
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: position, end }, text: '' }] });
    const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position, context: { triggerKind: 1 } });
    assert.deepEqual(items.map((item) => item.label), ['ClosedSubnet2', 'PublicSubnet2', 'PublicSubnet']);
    assert.equal(items[0]?.detail, '2nd AZ · 172.30.5.0/24 · Vpc');
    assert.deepEqual(items[0]?.textEdit, { range: { start: position, end: position }, newText: '!Ref ClosedSubnet2' });
    assert.equal(await client.stop(), 0);
  });

  it('outlines the template by resource type', async () => {
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } });
    const endpoints = symbols.find((symbol) => symbol.name === 'AWS::EC2::VPCEndpoint');
    assert.deepEqual(endpoints?.children?.map((child) => `${child.name} ${child.detail ?? ''}`), ['SsmEndpoint ssm · private DNS', 'SsmMessagesEndpoint ssmmessages · private DNS', 'Ec2MessagesEndpoint ec2messages · private DNS']);
    assert.equal(await client.stop(), 0);
  });
});
