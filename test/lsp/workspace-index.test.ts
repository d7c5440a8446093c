/**
 * The workspace index of the language server over real stdio, in a temporary workspace folder:
 * templates that are not open get diagnostics in `workspace` scope; a change on disk, reported with
 * `workspace/didChangeWatchedFiles`, links the stacks again; an open document wins over the disk;
 * project file problems are published on the project file; folders can be added later; the file
 * watcher is registered dynamically.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../harness/paths';
import { startWorkspaceServer, temporaryWorkspace, uriOf, writeWorkspaceFile, type WorkspaceClient } from '../workspace/lsp-workspace-client';

const STACKS = join(FIXTURES, 'workspace', 'three-stacks', 'stacks');
const NETWORK = readFileSync(join(STACKS, 'network.yaml'), 'utf8');
const ENDPOINTS = readFileSync(join(STACKS, 'endpoints.yaml'), 'utf8');
const APP = readFileSync(join(STACKS, 'app.yaml'), 'utf8');
/** The network stack before it exported anything: nothing links to it. */
const NETWORK_WITHOUT_EXPORTS = NETWORK.slice(0, NETWORK.indexOf('Outputs:'));
const NETWORK_WITH_DNS = NETWORK.replace('EnableDnsSupport: true', 'EnableDnsSupport: true\n      EnableDnsHostnames: true');
const CHANGED = 2;
const DELETED = 3;

/** The rules this test is about; other rules may report on the same files. */
const STORY_RULES = new Set(['private-dns-needs-vpc-dns', 'endpoint-sg-blocks-vpc-clients', 'endpoint-private-dns-conflict', 'project-file']);
const codes = (diagnostics: readonly { code?: string | number }[]): string[] => diagnostics.map((diagnostic) => String(diagnostic.code)).filter((code) => STORY_RULES.has(code)).sort();
const count = (diagnostics: readonly { code?: string | number }[], code: string): number => diagnostics.filter((diagnostic) => diagnostic.code === code).length;

describe('the workspace index over stdio', function () {
  this.timeout(60_000);
  let client: WorkspaceClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('registers a file watcher and publishes the findings of templates that are not open in workspace scope', async () => {
    const folder = temporaryWorkspace({ 'network.yaml': NETWORK, 'endpoints.yaml': ENDPOINTS, 'app.yaml': APP, 'node_modules/x/network.yaml': NETWORK });
    client = await startWorkspaceServer([folder], { diagnostics: { scope: 'workspace' } });
    const watcher = await client.waitForRegistration('workspace/didChangeWatchedFiles');
    assert.deepEqual(watcher.registerOptions, { watchers: [{ globPattern: '**/*.{yaml,yml,json,template,toml}' }] });
    const network = await client.waitForDiagnostics('for network.yaml', (params) => params.uri === uriOf(folder, 'network.yaml') && params.diagnostics.length > 0);
    assert.deepEqual(codes(network.diagnostics), ['private-dns-needs-vpc-dns']);
    const related = network.diagnostics[0]?.relatedInformation?.map((entry) => entry.location.uri) ?? [];
    assert.ok(related.includes(uriOf(folder, 'endpoints.yaml')) && related.includes(uriOf(folder, 'app.yaml')), 'the endpoints in the other stacks are related');
    await client.waitForDiagnostics('for endpoints.yaml', (params) => params.uri === uriOf(folder, 'endpoints.yaml') && count(params.diagnostics, 'endpoint-sg-blocks-vpc-clients') === 3 && count(params.diagnostics, 'endpoint-private-dns-conflict') === 1);
    // A round trip: whatever the server published before answering has arrived.
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uriOf(folder, 'network.yaml') } });
    assert.ok(!client.diagnostics.some((params) => params.uri.includes('node_modules')), 'node_modules is not read');
  });

  it('links the stacks again when a file changes on disk, and forgets a deleted one', async () => {
    const folder = temporaryWorkspace({ 'network.yaml': NETWORK_WITHOUT_EXPORTS, 'endpoints.yaml': ENDPOINTS });
    client = await startWorkspaceServer([folder], { diagnostics: { scope: 'workspace' } });
    const endpoints = uriOf(folder, 'endpoints.yaml');
    const network = uriOf(folder, 'network.yaml');
    // Without exports the VPC of the endpoints is unknown: the network stack has only its own finding-free VPC.
    await client.waitForDiagnostics('for the unlinked endpoints', (params) => params.uri === endpoints && codes(params.diagnostics).length === 0);
    let from = client.diagnostics.length;
    writeWorkspaceFile(folder, 'network.yaml', NETWORK);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: network, type: CHANGED }] });
    const linked = await client.waitForDiagnostics('for the linked network stack', (params) => params.uri === network && codes(params.diagnostics).length === 1, from);
    assert.deepEqual(codes(linked.diagnostics), ['private-dns-needs-vpc-dns']);
    await client.waitForDiagnostics('for the linked endpoints', (params) => params.uri === endpoints && count(params.diagnostics, 'endpoint-sg-blocks-vpc-clients') === 3, from);

    from = client.diagnostics.length;
    rmSync(join(folder, 'network.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: network, type: DELETED }] });
    await client.waitForDiagnostics('cleared for the deleted network stack', (params) => params.uri === network && params.diagnostics.length === 0, from);
    await client.waitForDiagnostics('for the unlinked endpoints again', (params) => params.uri === endpoints && codes(params.diagnostics).length === 0, from);
  });

  it('lets an open document win over the file on disk, until it is closed', async () => {
    const folder = temporaryWorkspace({ 'network.yaml': NETWORK, 'endpoints.yaml': ENDPOINTS });
    client = await startWorkspaceServer([folder], { diagnostics: { scope: 'workspace' } });
    const network = uriOf(folder, 'network.yaml');
    await client.waitForDiagnostics('from disk', (params) => params.uri === network && codes(params.diagnostics).length === 1);
    let from = client.diagnostics.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: network, languageId: 'yaml', version: 7, text: NETWORK_WITH_DNS } });
    const open = await client.waitForDiagnostics('for the open version', (params) => params.uri === network && params.version === 7, from);
    assert.deepEqual(codes(open.diagnostics), [], 'the open text turns DNS hostnames on');
    from = client.diagnostics.length;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: network } });
    const closed = await client.waitForDiagnostics('from disk after closing', (params) => params.uri === network && codes(params.diagnostics).length === 1, from);
    assert.deepEqual(codes(closed.diagnostics), ['private-dns-needs-vpc-dns']);
  });

  it('uses the templates on disk for linking in openFiles scope without publishing for them', async () => {
    const folder = temporaryWorkspace({ 'network.yaml': NETWORK, 'endpoints.yaml': ENDPOINTS });
    client = await startWorkspaceServer([folder]);
    const endpoints = uriOf(folder, 'endpoints.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: endpoints, languageId: 'yaml', version: 1, text: ENDPOINTS } });
    const published = await client.waitForDiagnostics('for the open endpoints', (params) => params.uri === endpoints && count(params.diagnostics, 'endpoint-sg-blocks-vpc-clients') === 3);
    const related = published.diagnostics.flatMap((diagnostic) => diagnostic.relatedInformation ?? []).map((entry) => entry.location.uri);
    assert.ok(related.includes(uriOf(folder, 'network.yaml')), 'blocked subnets of the network stack are related');
    // A round trip: whatever the server published before answering has arrived.
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: endpoints } });
    assert.ok(!client.diagnostics.some((params) => params.uri === uriOf(folder, 'network.yaml')));
  });

  it('publishes project file problems on the project file and applies a fixed project file', async () => {
    const project = '.cfn-network-lens.yaml';
    const folder = temporaryWorkspace({
      'network.yaml': NETWORK,
      'endpoints.yaml': ENDPOINTS,
      [project]: 'stacks:\n  - template: ../outside.yaml\nrule:\n  private-dns-needs-vpc-dns: off\n',
    });
    client = await startWorkspaceServer([folder], { diagnostics: { scope: 'workspace' } });
    const problems = await client.waitForDiagnostics('for the project file', (params) => params.uri === uriOf(folder, project) && params.diagnostics.length === 2);
    assert.deepEqual(
      problems.diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.code, diagnostic.message.split(';')[0]]),
      [
        [1, 'project-file', '"../outside.yaml" points outside the workspace folder'],
        [2, 'project-file', 'The project file has no key "rule"'],
      ],
    );
    const from = client.diagnostics.length;
    writeWorkspaceFile(folder, project, 'rules:\n  private-dns-needs-vpc-dns: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(folder, project), type: CHANGED }] });
    await client.waitForDiagnostics('cleared for the fixed project file', (params) => params.uri === uriOf(folder, project) && params.diagnostics.length === 0, from);
    await client.waitForDiagnostics('without the rule the project turns off', (params) => params.uri === uriOf(folder, 'network.yaml') && codes(params.diagnostics).length === 0, from);
  });

  it('publishes parameter values for parameters the template does not declare on the parameter file', async () => {
    const folder = temporaryWorkspace({
      'endpoints.yaml': ENDPOINTS,
      'params.json': '[\n  {"ParameterKey": "NetworkStackName", "ParameterValue": "network"},\n  {"ParameterKey": "NetworkStack", "ParameterValue": "network"}\n]\n',
      '.cfn-network-lens.yaml': 'stacks:\n  - template: endpoints.yaml\n    parameters: params.json\n',
    });
    client = await startWorkspaceServer([folder]);
    const published = await client.waitForDiagnostics('for the parameter file', (params) => params.uri === uriOf(folder, 'params.json') && params.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.severity, diagnostic.message]),
      [[2, 2, 'Template "endpoints.yaml" declares no parameter "NetworkStack", so CloudFormation will refuse to deploy the stack with it.']],
    );
  });

  it('reads a folder added later', async () => {
    const first = temporaryWorkspace({ 'endpoints.yaml': ENDPOINTS });
    const second = temporaryWorkspace({ 'network.yaml': NETWORK });
    client = await startWorkspaceServer([first], { diagnostics: { scope: 'workspace' } });
    await client.waitForDiagnostics('for the endpoints alone', (params) => params.uri === uriOf(first, 'endpoints.yaml') && codes(params.diagnostics).length === 0);
    await client.waitForRegistration('workspace/didChangeWorkspaceFolders');
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(second, ''), name: 'second' }], removed: [] } });
    const added = await client.waitForDiagnostics('for the network stack of the added folder', (params) => params.uri === uriOf(second, 'network.yaml') && codes(params.diagnostics).length === 1);
    assert.ok(added.diagnostics[0]?.relatedInformation?.some((entry) => entry.location.uri === uriOf(first, 'endpoints.yaml')), 'the stacks of both folders are linked');
  });
});
