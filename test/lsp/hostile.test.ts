/**
 * A hostile session over stdio: changes for documents that are not open and versions out of order,
 * requests on closed and unknown documents, a cancelled request, and documents that are alias bombs,
 * 5,000 levels deep, binary, too large, full of tabs and duplicate keys, CRLF with a BOM, or intrinsics
 * in every wrong shape. The server answers each request without failing, and afterwards still
 * publishes diagnostics and answers a hover on the story's endpoint.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../harness/lsp-client';

const STORY = join(ROOT, 'examples', 'session-manager.yaml');
const STORY_URI = pathToFileURL(STORY).href;

function aliasBomb(): string {
  let text = 'AWSTemplateFormatVersion: "2010-09-09"\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let previous = 'a';
  for (const name of 'bcdefghij') {
    text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    previous = name;
  }
  return `${text}Resources: {}\n`;
}

const HOSTILE: Readonly<Record<string, string>> = {
  'alias-bomb.yaml': aliasBomb(),
  'deep.json': `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
  'deep.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${'['.repeat(5000)}`,
  'binary.yaml': `AWSTemplateFormatVersion: "2010-09-09"\n\u0000\u0001\u0002\ufffd\ud800Resources: {}\n`,
  'huge.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nDescription: "${'x'.repeat(300_000)}"\nResources: {}\n`,
  'tabs-and-duplicates.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n\tVpc:\n\t\tType: AWS::EC2::VPC\nResources: {}\n',
  'bom-crlf.yaml': '\uFEFFAWSTemplateFormatVersion: "2010-09-09"\r\nResources:\r\n  Vpc:\r\n    Type: AWS::EC2::VPC\r\n    Properties:\r\n      CidrBlock: 10.0.0.0/16\r\n',
  'wrong-shapes.yaml': [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Conditions:',
    '  Broken: !Equals [only-one]',
    'Resources:',
    '  Endpoint:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Condition: Nowhere',
    '    Properties:',
    '      VpcId: !GetAtt [Vpc]',
    '      ServiceName: !Select [first, [a, b]]',
    '      VpcEndpointType: !If [Broken, Interface]',
    '      PrivateDnsEnabled: !Ref',
    '      SubnetIds: 5',
    '      SecurityGroupIds: !Sub [1, 2, 3]',
    '      RouteTableIds: !ImportValue [x]',
    '      DnsOptions: !Cidr [nope, x, y]',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties:',
    '      CidrBlock: !FindInMap [Missing, !Ref AWS::Region, !Join]',
  ].join('\n'),
};

describe('a hostile session over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer({ settings: { maxFileSize: 0.1 } });
  });
  after(() => {
    if (client.process.exitCode === null) client.process.kill('SIGKILL');
  });

  it('survives every hostile input and still answers a hover on the story', async function () {
    this.timeout(60_000);
    const request = (method: string, uri: string) => client.connection.sendRequest(method, { textDocument: { uri }, position: { line: 0, character: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });

    // Changes and requests for a document that was never opened.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.yaml', version: 2 }, contentChanges: [{ text: 'x' }] });
    for (const method of ['textDocument/hover', 'textDocument/codeAction', 'textDocument/codeLens', 'textDocument/completion', 'textDocument/definition', 'textDocument/documentSymbol']) {
      await request(method, 'file:///never-opened.yaml');
    }

    // Notifications the protocol does not allow: no text, a number for text, no version, changes
    // that are not a list or whose ranges are not positions, and no document at all.
    const malformed = pathToFileURL(join(ROOT, 'test', 'hostile', 'malformed.yaml')).href;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: malformed, languageId: 'yaml', version: 1, text: 42 } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: malformed, languageId: 'yaml', version: 'one', text: 'Resources: {}' } });
    await client.connection.sendNotification('textDocument/didOpen', {});
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: malformed, languageId: 'yaml', version: 1, text: 'Resources: {}\n' } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: malformed, version: 2 }, contentChanges: 'Resources: [' });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: malformed, version: 3 }, contentChanges: [{ range: { start: { line: 'a', character: 0 }, end: {} }, text: 'x' }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: malformed, version: 4 }, contentChanges: [{ text: null }] });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: {} });
    await client.connection.sendNotification('textDocument/didClose', null);
    // None of them reached the document: it is still the empty template, at version 1.
    const symbols: unknown[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: malformed } });
    assert.deepEqual(symbols, [], 'the malformed changes were not applied');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: malformed, version: 2 }, contentChanges: [{ text: 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n' }] });
    const after: unknown[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: malformed } });
    assert.equal(after.length, 1, 'a well-formed change at the next version is applied');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: malformed } });

    let version = 1;
    for (const [name, text] of Object.entries(HOSTILE)) {
      const uri = pathToFileURL(join(ROOT, 'test', 'hostile', name)).href;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: name.endsWith('.json') ? 'json' : 'yaml', version, text } });
      // A version older than the open one must not be applied.
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version - 1 }, contentChanges: [{ text: 'Resources: [' }] });
      for (const method of ['textDocument/hover', 'textDocument/codeAction', 'textDocument/codeLens', 'textDocument/completion', 'textDocument/definition', 'textDocument/documentSymbol']) {
        await request(method, uri);
      }
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      // A request on the document just closed.
      assert.equal(await request('textDocument/hover', uri), null, `no hover on closed ${name}`);
      version++;
    }
    const huge = client.diagnostics.find((params) => params.uri.endsWith('/huge.yaml') && params.diagnostics.length > 0);
    assert.match(huge?.diagnostics[0]?.message ?? '', /larger than .* so it was not analysed/, 'the large file is reported as skipped');
    assert.equal(huge?.diagnostics[0]?.severity, 3, 'as information');
    const deep = client.diagnostics.find((params) => params.uri.endsWith('/deep.json') && params.diagnostics.length > 0);
    assert.ok(deep === undefined || deep.diagnostics.every((diagnostic) => diagnostic.code === 'template-syntax-error'), 'deep input gives at most syntax errors');

    // A request cancelled at once answers RequestCancelled or a result, never an error of ours.
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: STORY_URI, languageId: 'yaml', version: 100, text: readFileSync(STORY, 'utf8') } });
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: STORY_URI } }, source.token);
    source.cancel();
    await cancelled.then(
      () => undefined,
      (error: { code?: number }) => assert.equal(error.code, -32800, 'a cancelled request answers RequestCancelled'),
    );

    // The server still works: diagnostics for the story, and the endpoint hover with its subnet table.
    const published = await client.waitForDiagnostics((params) => params.uri === STORY_URI && params.version === 100);
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'endpoint-sg-blocks-vpc-clients'));
    const line = readFileSync(STORY, 'utf8').split('\n').findIndex((text) => text === '  SsmEndpoint:');
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: STORY_URI }, position: { line, character: 4 } });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /\| `PublicSubnet` \|/);
    assert.equal(await client.stop(), 0);
  });
});
