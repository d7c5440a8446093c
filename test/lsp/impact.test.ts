/**
 * The network impact of a document's changes over stdio, against the bundled server: the base the
 * client sends (`cfnNetworkLens/impactBase`) puts the summary lens on the first line of a changed
 * template, and the report request (`cfnNetworkLens/impact`) answers the markdown report with the
 * template diff, which proves that the server bundle finds the resource specification in `dist/`.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { FIXTURES } from '../harness/paths';
import { startServer, type TestClient } from '../harness/lsp-client';
import { IMPACT_BASE_NOTIFICATION, IMPACT_REQUEST, SHOW_IMPACT_COMMAND, type ImpactBaseParams, type ImpactParams, type ImpactResult } from '../../server/src/lsp/protocol';

const STORY = join(FIXTURES, 'impact', 'add-session-manager-endpoints');
const BEFORE = readFileSync(join(STORY, 'before.yaml'), 'utf8');
const AFTER = readFileSync(join(STORY, 'after.yaml'), 'utf8');
const URI = 'file:///workspace/network/session-manager.yaml';

function impactLensesOf(lenses: readonly CodeLens[]): CodeLens[] {
  return lenses.filter((lens) => lens.command?.command === SHOW_IMPACT_COMMAND);
}

describe('network impact over stdio', () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await startServer();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: AFTER } });
    await client.waitForDiagnostics((params) => params.uri === URI && params.version === 1);
  });
  afterEach(() => {
    if (client.process.exitCode === null) client.process.kill('SIGKILL');
  });

  it('puts the summary lens on the first line once the client sent the base, and none for an unchanged document', async () => {
    const before = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as CodeLens[];
    assert.deepEqual(impactLensesOf(before), [], 'no lens before the client says what the document is compared with');
    await client.connection.sendNotification(IMPACT_BASE_NOTIFICATION, { uri: URI, base: { text: BEFORE, label: 'git HEAD' } } satisfies ImpactBaseParams);
    const lenses = impactLensesOf((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as CodeLens[]);
    assert.equal(lenses.length, 1);
    assert.deepEqual(lenses[0]?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(lenses[0]?.command?.arguments, [URI]);
    // The findings part counts every rule's findings, which other rules change; the network part is the story's.
    assert.match(lenses[0]?.command?.title ?? '', /^\+3 endpoints · private DNS now in 4 subnets · 1 workload and 1 subnet blocked · 1 workload and 1 subnet admitted · \+\d+ findings/);
    await client.connection.sendNotification(IMPACT_BASE_NOTIFICATION, { uri: URI, base: { text: AFTER, label: 'the saved file' } } satisfies ImpactBaseParams);
    assert.deepEqual(impactLensesOf((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as CodeLens[]), []);
    assert.equal(await client.stop(), 0);
  });

  it('answers the report as markdown, with the template diff computed from dist/', async () => {
    const result = (await client.connection.sendRequest(IMPACT_REQUEST, { uri: URI, base: { text: BEFORE, label: 'git HEAD' }, name: 'network/session-manager.yaml' } satisfies ImpactParams)) as ImpactResult;
    assert.equal(result.title, 'Network impact of changes to network/session-manager.yaml');
    assert.equal(result.networkImpact, true);
    assert.equal(result.clientsBlocked, 2);
    const markdown = result.markdown;
    assert.ok(markdown.startsWith('# Network impact of changes to network/session-manager.yaml\n\nCompared with git HEAD.\n'), markdown);
    assert.ok(markdown.includes('- ssm.\\<region\\>.amazonaws.com now resolves to "SsmEndpoint" in all 4 subnets of "Vpc" (it resolved publicly before).'), markdown);
    assert.ok(markdown.includes('"PublicInstance" (subnet "PublicSubnet") loses ssm.\\<region\\>.amazonaws.com: "EndpointSecurityGroup" does not admit TCP 443 from it.'), markdown);
    assert.ok(markdown.includes('```text\nSecurity Group Changes\n'), `the template diff is in the report:\n${markdown}`);
    assert.ok(!markdown.includes('could not be computed'), markdown);
    assert.ok(!client.logs.some((line) => line.includes('template diff failed')), client.logs.join('\n'));

    const same = (await client.connection.sendRequest(IMPACT_REQUEST, { uri: URI, base: { text: AFTER, label: 'the saved file' } } satisfies ImpactParams)) as ImpactResult;
    assert.equal(same.networkImpact, false);
    assert.ok(same.markdown.includes('**no network impact**'), same.markdown);
    assert.ok(same.markdown.includes('No template changed.'), same.markdown);

    const added = (await client.connection.sendRequest(IMPACT_REQUEST, { uri: URI, base: { text: null, label: 'an empty file' } } satisfies ImpactParams)) as ImpactResult;
    assert.ok(added.markdown.includes('### session-manager.yaml (added)'), added.markdown);
    assert.equal(await client.stop(), 0);
  });
});
