/**
 * The bundled language server over real stdio: initialize, open a template, receive diagnostics
 * with rule codes and documentation links, change the document and receive the diagnostics of the
 * new version, stay silent on files that are not templates, and shut down with exit code 0.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer, type TestClient } from '../harness/lsp-client';

const EXAMPLE = join(ROOT, 'examples', 'endpoint-mistakes.yaml');
const URI = pathToFileURL(EXAMPLE).href;

describe('language server over stdio', () => {
  let client: TestClient;

  beforeEach(async () => {
    client = await startServer();
  });

  afterEach(() => {
    if (client.process.exitCode === null) client.process.kill('SIGKILL');
  });

  it('publishes diagnostics on open and on change, then shuts down cleanly', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text } });
    const first = await client.waitForDiagnostics((params) => params.uri === URI && params.version === 1);
    const codes = new Set(first.diagnostics.map((diagnostic) => diagnostic.code));
    for (const code of ['endpoint-private-dns-without-subnets', 'endpoint-subnets-share-az', 'endpoint-type-property-mismatch', 'endpoint-uses-default-sg', 'private-dns-needs-vpc-dns']) assert.ok(codes.has(code), `${code} is reported`);
    const mismatch = first.diagnostics.find((diagnostic) => diagnostic.code === 'endpoint-type-property-mismatch');
    assert.equal(mismatch?.source, 'cfn-network-lens');
    assert.equal(mismatch?.severity, 1);
    assert.match(mismatch?.codeDescription?.href ?? '', /docs\/rules\/endpoint-type-property-mismatch\.md$/);
    assert.match(mismatch?.message ?? '', /^Endpoint "SecretsEndpoint" has no VpcEndpointType/);
    const dns = first.diagnostics.find((diagnostic) => diagnostic.code === 'private-dns-needs-vpc-dns');
    assert.equal(dns?.relatedInformation?.[0]?.location.uri, URI);

    // Declare the endpoint type: an incremental change inserts one line.
    const line = text.split('\n').findIndex((entry) => entry.includes('ServiceName: !Sub com.amazonaws.${AWS::Region}.secretsmanager'));
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, text: '      VpcEndpointType: Interface\n' }],
    });
    const second = await client.waitForDiagnostics((params) => params.uri === URI && params.version === 2);
    assert.ok(!second.diagnostics.some((diagnostic) => diagnostic.code === 'endpoint-type-property-mismatch'), 'the fixed finding is gone');
    assert.equal(second.diagnostics.length, first.diagnostics.length - 1);

    assert.equal(await client.stop(), 0);
  });

  it('gives files that are not templates no diagnostics', async () => {
    const workflow = pathToFileURL(join(ROOT, 'test', 'corpus', 'not-cloudformation', 'widdix__aws-cf-templates__.github__workflows__lint.yml')).href;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: workflow, languageId: 'yaml', version: 1, text: 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n' } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: readFileSync(EXAMPLE, 'utf8') } });
    // Both documents are analysed together; the template's diagnostics prove the analysis ran.
    await client.waitForDiagnostics((params) => params.uri === URI);
    assert.ok(!client.diagnostics.some((params) => params.uri === workflow && params.diagnostics.length > 0));
    assert.equal(await client.stop(), 0);
  });

  it('ignores changes to documents it does not have and stale versions, and keeps answering', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere.yaml', version: 3 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 5, text } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 4 }, contentChanges: [{ text: 'garbage: [' }] });
    const published = await client.waitForDiagnostics((params) => params.uri === URI && params.version === 5);
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'endpoint-type-property-mismatch'), 'the text of version 5 was analysed, not the stale change');
    assert.equal(await client.stop(), 0);
  });
});
