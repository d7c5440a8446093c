/**
 * The `cfnNetworkLens/diagram` request over stdio, as the VS Code webview uses it: the SVG of the
 * document's VPC without a stylesheet (the view brings the stylesheet, under its policy), the
 * stylesheet, the range of every resource drawn (what a click reveals), and a redrawn SVG after an edit.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer, type TestClient } from '../harness/lsp-client';
import { DIAGRAM_REQUEST, type DiagramResult } from '../../server/src/lsp/protocol';
import { parseXml, unsafeParts } from '../ide/graph/svg-structure';

const EXAMPLE = join(ROOT, 'examples', 'session-manager.yaml');
const URI = pathToFileURL(EXAMPLE).href;
const TEXT = readFileSync(EXAMPLE, 'utf8');

describe('diagram request over stdio', () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await startServer();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    await client.waitForDiagnostics((params) => params.uri === URI && params.version === 1);
  });
  afterEach(() => {
    if (client.process.exitCode === null) client.process.kill('SIGKILL');
  });

  it('answers the SVG of the document, its stylesheet and the range of every resource it draws', async () => {
    const result: DiagramResult = await client.connection.sendRequest(DIAGRAM_REQUEST, { uri: URI });
    assert.equal(result.vpcs, 1);
    const root = parseXml(result.svg);
    assert.deepEqual(unsafeParts(root), []);
    assert.ok(!result.svg.includes('<style'), 'the webview adds the stylesheet itself');
    assert.match(result.css, /--cnl-blocked/);
    assert.match(result.svg, /<path class="edge edge-blocked" [^>]*data-from="PublicInstance" data-to="SsmEndpoint">/);
    assert.ok(result.svg.includes(`data-file="${URI}"`));
    const instance = result.resources.find((resource) => resource.logicalId === 'PublicInstance');
    const line = TEXT.split('\n').findIndex((text) => text.startsWith('  PublicInstance:'));
    assert.deepEqual(instance, { file: URI, logicalId: 'PublicInstance', range: { start: { line, character: 2 }, end: { line, character: 16 } } });
    assert.ok(['Vpc', 'PublicSubnet', 'ClosedSubnet', 'SsmEndpoint', 'ClosedInstance'].every((id) => result.resources.some((resource) => resource.logicalId === id)));
  });

  it('draws the edit: admitting the public subnets turns their edges green', async () => {
    const fixed = TEXT.replace('          CidrIp: 172.30.4.0/24', '          CidrIp: 172.30.0.0/16');
    assert.notEqual(fixed, TEXT);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: fixed }] });
    const result: DiagramResult = await client.connection.sendRequest(DIAGRAM_REQUEST, { uri: URI });
    assert.match(result.svg, /<path class="edge edge-allowed" [^>]*data-from="PublicInstance" data-to="SsmEndpoint">/);
    assert.doesNotMatch(result.svg, /class="edge edge-blocked"[^>]*data-from=/, 'no edge is blocked any more');
  });

  it('draws every VPC when no document is named, and answers a bad parameter without failing', async () => {
    const all: DiagramResult = await client.connection.sendRequest(DIAGRAM_REQUEST, {});
    assert.equal(all.vpcs, 1);
    const odd: DiagramResult = await client.connection.sendRequest(DIAGRAM_REQUEST, { uri: 42 });
    assert.equal(odd.vpcs, 1);
  });
});
