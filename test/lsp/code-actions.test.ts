/**
 * Quick fixes over stdio: code actions for a diagnostic, the preferred one applied as the client
 * would, and the diagnostic gone in the next version; "fix all"; ignore actions; and no action for a
 * diagnostic of an older version.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, startServer, type TestClient } from '../harness/lsp-client';

const EXAMPLE = join(ROOT, 'examples', 'endpoint-mistakes.yaml');
const URI = pathToFileURL(EXAMPLE).href;

async function open(client: TestClient): Promise<Diagnostic[]> {
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: readFileSync(EXAMPLE, 'utf8') } });
  return (await client.waitForDiagnostics((params) => params.uri === URI && params.version === 1)).diagnostics;
}

function requestActions(client: TestClient, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

/** Apply a code action's edit to the document text the way a client does, and send the change. */
async function apply(client: TestClient, action: CodeAction, version: number): Promise<string> {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, 'the action edits a document');
  assert.equal(change.textDocument.version, version - 1, 'the edit names the version it was computed for');
  const document = TextDocument.create(URI, 'yaml', version - 1, readFileSync(EXAMPLE, 'utf8'));
  const text = TextDocument.applyEdits(document, change.edits);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [{ text }] });
  return text;
}

describe('code actions over stdio', () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await startServer();
  });
  afterEach(() => {
    if (client.process.exitCode === null) client.process.kill('SIGKILL');
  });

  it('offers the preferred quick fix, which removes the diagnostic once applied', async () => {
    const diagnostics = await open(client);
    const mismatch = diagnostics.filter((diagnostic) => diagnostic.code === 'endpoint-type-property-mismatch');
    assert.equal(mismatch.length, 1);
    const actions = await requestActions(client, mismatch);
    const titles = actions.map((action) => `${action.isPreferred ? '*' : ' '} ${action.title}`);
    assert.deepEqual(titles, [
      '* Make "SecretsEndpoint" an interface endpoint (VpcEndpointType: Interface)',
      '  Remove SubnetIds and SecurityGroupIds from "SecretsEndpoint"',
      '  Ignore endpoint-type-property-mismatch for "SecretsEndpoint"',
      '  Ignore endpoint-type-property-mismatch in this file',
    ]);
    assert.ok(actions.every((action) => action.kind === 'quickfix' && action.diagnostics?.[0]?.code === 'endpoint-type-property-mismatch'));
    const preferred = actions.find((action) => action.isPreferred);
    assert.ok(preferred);
    const text = await apply(client, preferred, 2);
    assert.match(text, /secretsmanager\n[\s\S]*VpcEndpointType: Interface\n/);
    const after = await client.waitForDiagnostics((params) => params.uri === URI && params.version === 2);
    assert.ok(!after.diagnostics.some((diagnostic) => diagnostic.code === 'endpoint-type-property-mismatch'));
    assert.equal(await client.stop(), 0);
  });

  it('fixes the story: the preferred action admits HTTPS from the VPC and the blocked clients are admitted', async () => {
    const story = join(ROOT, 'examples', 'session-manager.yaml');
    const uri = pathToFileURL(story).href;
    const text = readFileSync(story, 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diagnostics = (await client.waitForDiagnostics((params) => params.uri === uri && params.version === 1)).diagnostics.filter((diagnostic) => diagnostic.code === 'endpoint-sg-blocks-vpc-clients');
    assert.equal(diagnostics.length, 3, 'one finding per Session Manager endpoint');
    assert.match(diagnostics[0]?.message ?? '', /does not admit TCP 443 from "PublicInstance"/);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range, context: { diagnostics: [diagnostics[0]] } });
    const preferred = actions.find((action) => action.isPreferred);
    assert.equal(preferred?.title, 'Admit HTTPS from the whole VPC "Vpc" in "EndpointSecurityGroup"');
    const change = preferred?.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
    assert.ok(change);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), change.edits);
    assert.match(fixed, /CidrIp: !GetAtt Vpc\.CidrBlock\n/);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.waitForDiagnostics((params) => params.uri === uri && params.version === 2);
    // The story's closed instance still lacks the Session Manager hints (kms, logs, S3), an info finding this fix does not address.
    const reachability = after.diagnostics.filter((diagnostic) => diagnostic.code !== 'endpoint-set-incomplete');
    assert.deepEqual(reachability.map((diagnostic) => diagnostic.code), [], 'the three endpoints admit every client now');
    assert.equal(await client.stop(), 0);
  });

  it('applies every preferred fix of the file with source.fixAll.cfn-network-lens', async () => {
    await open(client);
    const actions = await requestActions(client, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.kind, 'source.fixAll.cfn-network-lens');
    const fixAll = actions[0];
    assert.ok(fixAll);
    await apply(client, fixAll, 2);
    const after = await client.waitForDiagnostics((params) => params.uri === URI && params.version === 2);
    const codes = after.diagnostics.map((diagnostic) => diagnostic.code);
    for (const fixed of ['private-dns-needs-vpc-dns', 'endpoint-private-dns-without-subnets', 'endpoint-uses-default-sg', 'endpoint-type-property-mismatch']) assert.ok(!codes.includes(fixed), `${fixed} is fixed`);
    assert.equal(await client.stop(), 0);
  });

  it('suppresses a rule for a resource with the ignore action', async () => {
    const diagnostics = await open(client);
    const target = diagnostics.filter((diagnostic) => diagnostic.code === 'endpoint-uses-default-sg');
    const ignore = (await requestActions(client, target)).find((action) => action.title === 'Ignore endpoint-uses-default-sg for "StsEndpoint"');
    assert.ok(ignore);
    const text = await apply(client, ignore, 2);
    assert.match(text, /StsEndpoint:\n {4}Type: AWS::EC2::VPCEndpoint\n {4}Metadata:\n {6}cfn-network-lens:\n {8}ignore:\n {10}- endpoint-uses-default-sg\n/);
    const after = await client.waitForDiagnostics((params) => params.uri === URI && params.version === 2);
    assert.ok(!after.diagnostics.some((diagnostic) => diagnostic.code === 'endpoint-uses-default-sg'));
    assert.equal(after.diagnostics.length, diagnostics.length - 1);
    assert.equal(await client.stop(), 0);
  });

  it('offers nothing for a diagnostic of an older version', async () => {
    const diagnostics = await open(client);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }] });
    await client.waitForDiagnostics((params) => params.uri === URI && params.version === 2);
    const stale = diagnostics.filter((diagnostic) => diagnostic.code === 'endpoint-type-property-mismatch');
    assert.deepEqual(await requestActions(client, stale), []);
    assert.equal(await client.stop(), 0);
  });
});
