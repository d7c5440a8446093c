/**
 * The `cfnNetworkLens.exclude` setting: the glob matching on its own, and the bundled language
 * server over real stdio leaving excluded templates out of the analysis, clearing the diagnostics
 * of a template that becomes excluded, and analysing it again once the pattern is removed.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { isExcludedFile, normaliseSettings } from '../../server/src/lsp/settings';
import { ROOT, SERVER } from '../harness/paths';

describe('the exclude setting', () => {
  describe('glob matching', () => {
    const cases: [pattern: string, path: string, excluded: boolean][] = [
      ['**/cdk.out/**', '/home/me/app/cdk.out/Stack.template.json', true],
      ['**/cdk.out/**', '/home/me/app/cdk.outside/Stack.template.json', false],
      ['cdk.out', '/home/me/app/cdk.out/Stack.template.json', true],
      ['*.generated.yaml', '/home/me/app/network.generated.yaml', true],
      ['*.generated.yaml', '/home/me/app/network.yaml', false],
      ['templates/*.yaml', '/home/me/app/templates/vpc.yaml', true],
      ['templates/*.yaml', '/home/me/app/templates/nested/vpc.yaml', false],
      ['templates/**/*.yaml', '/home/me/app/templates/nested/vpc.yaml', true],
      ['/home/me/app/*.yaml', '/home/me/app/vpc.yaml', true],
      ['/app/*.yaml', '/home/me/app/vpc.yaml', false],
      ['*.{yml,json}', '/home/me/app/.github/workflows/ci.yml', true],
      ['*.{yml,json}', '/home/me/app/vpc.yaml', false],
      ['vpc-?.yaml', '/home/me/app/vpc-a.yaml', true],
      ['vpc-[!a].yaml', '/home/me/app/vpc-a.yaml', false],
      ['vpc-[!a].yaml', '/home/me/app/vpc-b.yaml', true],
      ['my app/*.yaml', '/home/me/my app/vpc.yaml', true],
    ];
    for (const [pattern, path, excluded] of cases) {
      it(`${excluded ? 'excludes' : 'keeps'} ${path} for ${pattern}`, () => {
        const uri = `file://${path.split('/').map(encodeURIComponent).join('/')}`;
        assert.equal(isExcludedFile(uri, [pattern]), excluded);
      });
    }

    it('never excludes documents without a file path', () => {
      assert.equal(isExcludedFile('untitled:Untitled-1', ['**', '*']), false);
    });

    it('drops malformed and non-string patterns from the settings', () => {
      assert.deepEqual(normaliseSettings({ exclude: ['*.{yaml', '', 42, 'cdk.out/**', '[abc'] }).exclude, ['cdk.out/**']);
      assert.deepEqual(normaliseSettings({ exclude: 'cdk.out' }).exclude, []);
    });
  });

  describe('in the language server', function () {
    this.timeout(20_000);
    const WAIT_MS = 10_000;
    const text = readFileSync(join(ROOT, 'examples', 'endpoint-mistakes.yaml'), 'utf8');
    const included = 'file:///workspace/endpoint-mistakes.yaml';
    const generated = 'file:///workspace/generated/endpoint-mistakes.yaml';
    let server: ChildProcessWithoutNullStreams;
    let connection: MessageConnection;
    const published: PublishDiagnosticsParams[] = [];
    const waiters = new Set<() => void>();

    /** Resolves with the first publication (already received or future) that satisfies the predicate. */
    function waitForPublication(description: string, predicate: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = published.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no diagnostics ${description} within ${WAIT_MS} ms; got ${JSON.stringify(published.map((params) => [params.uri, params.diagnostics.length]))}`));
        }, WAIT_MS);
        if (!check()) waiters.add(check);
      });
    }

    before(async () => {
      server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
      connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
      connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        published.push(params);
        for (const waiter of [...waiters]) waiter();
      });
      connection.listen();
      // No `workspace.configuration` capability: the server takes settings from initializationOptions and didChangeConfiguration.
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: { exclude: ['**/generated/**'] } } });
      await connection.sendNotification('initialized', {});
    });

    after(async () => {
      if (connection) {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2_000))]).catch(() => undefined);
        await connection.sendNotification('exit').catch(() => undefined);
        connection.dispose();
      }
      if (server && server.exitCode === null) server.kill();
    });

    it('leaves an excluded template out and still analyses the others', async () => {
      // The excluded file is opened first, so every analysis that sees the included one has seen it too.
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: generated, languageId: 'yaml', version: 1, text } });
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: included, languageId: 'yaml', version: 1, text } });
      const first = await waitForPublication(`for ${included}`, (params) => params.uri === included && params.diagnostics.length > 0);
      assert.ok(first.diagnostics.some((diagnostic) => diagnostic.code === 'endpoint-private-dns-without-subnets'));
      assert.deepEqual(published.filter((params) => params.uri === generated), []);
    });

    it('clears the diagnostics of a template that becomes excluded', async () => {
      const before = published.length;
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: { cfnNetworkLens: { exclude: ['**/generated/**', '/workspace/endpoint-*.yaml'] } } });
      await waitForPublication(`cleared for ${included}`, (params) => published.indexOf(params) >= before && params.uri === included && params.diagnostics.length === 0);
      assert.deepEqual(published.filter((params) => params.uri === generated), []);
    });

    it('analyses a template again once no pattern excludes it', async () => {
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: { cfnNetworkLens: { exclude: [] } } });
      const again = await waitForPublication(`for ${generated}`, (params) => params.uri === generated && params.diagnostics.length > 0);
      assert.ok(again.diagnostics.some((diagnostic) => diagnostic.code === 'endpoint-private-dns-without-subnets'));
    });
  });
});
