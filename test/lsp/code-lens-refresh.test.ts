/**
 * Code lenses of one document that change because another one did: the editor asks again only for
 * the document that changed, so the server asks a client that supports it to refresh the lenses,
 * and only when lenses it served would now read differently.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { FIXTURES } from '../harness/paths';
import { startServer, type TestClient } from '../harness/lsp-client';

const STACKS = join(FIXTURES, 'workspace', 'three-stacks', 'stacks');
const uriOf = (name: string): string => `file:///workspace/stacks/${name}`;
const textOf = (name: string): string => readFileSync(join(STACKS, name), 'utf8');

describe('code lens refresh over stdio', () => {
  let client: TestClient | undefined;
  afterEach(() => {
    if (client && client.process.exitCode === null) client.process.kill('SIGKILL');
    client = undefined;
  });

  it('asks the client to refresh when an edit of one stack changes the lenses of another, and not for a comment', async () => {
    const started = await startServer(undefined, { codeLens: { refreshSupport: true } });
    client = started;
    let refreshes = 0;
    let onRefresh: (() => void) | undefined;
    started.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshes++;
      onRefresh?.();
      return null;
    });
    for (const name of ['network.yaml', 'endpoints.yaml', 'app.yaml']) {
      await started.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: 'yaml', version: 1, text: textOf(name) } });
    }
    await started.waitForDiagnostics((params) => params.uri === uriOf('app.yaml') && params.version === 1);
    const titles = async (): Promise<string[]> =>
      ((await started.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriOf('endpoints.yaml') } })) as CodeLens[]).map((lens) => lens.command?.title ?? '');
    const before = await titles();
    assert.ok(before.some((title) => title.includes('2 workloads')), before.join('\n'));

    // A comment changes no lens: no refresh. A refresh would come before the answer to a later request.
    const app = textOf('app.yaml');
    await started.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('app.yaml'), version: 2 }, contentChanges: [{ text: `${app}# a comment\n` }] });
    await started.waitForDiagnostics((params) => params.uri === uriOf('app.yaml') && params.version === 2);
    assert.deepEqual(await titles(), before);
    assert.equal(refreshes, 0, 'no refresh for a comment');

    // Without PublicInstance, the endpoints stack's lenses count one workload fewer.
    const withoutPublic = app.replace(/\n  PublicInstance:\n[\s\S]*?\n\n/, '\n');
    assert.notEqual(withoutPublic, app);
    const refreshed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no workspace/codeLens/refresh within 10 s')), 10_000);
      onRefresh = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    await started.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('app.yaml'), version: 3 }, contentChanges: [{ text: withoutPublic }] });
    await refreshed;
    assert.equal(refreshes, 1, 'one refresh, for the edit that changed the lenses');
    const after = await titles();
    assert.notDeepEqual(after, before);
    assert.ok(after.some((title) => title.includes('1 workload')), after.join('\n'));
    assert.equal(await started.stop(), 0);
  });
});
