/**
 * A minimal LSP client for tests: starts the bundled server (`dist/cli.js lsp --stdio`) as a child
 * process, speaks JSON-RPC over its stdin/stdout, and waits for notifications with timeouts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CLI, ROOT } from './paths';

export interface TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcessWithoutNullStreams;
  /** Every `textDocument/publishDiagnostics` received so far, in order. */
  readonly diagnostics: PublishDiagnosticsParams[];
  /** Log messages the server sent. */
  readonly logs: string[];
  /** The server's answer to `initialize`: its capabilities. */
  readonly initializeResult: InitializeResult;
  /** Resolves with the first diagnostics notification (received or future) that satisfies `match`. */
  waitForDiagnostics(match: (params: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Shut down and exit; resolves with the process's exit code. */
  stop(): Promise<number | null>;
}

/** Starts the server; `workspaceCapabilities` adds to the client's `workspace` capabilities. */
export async function startServer(initializationOptions?: unknown, workspaceCapabilities: Record<string, unknown> = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: ROOT, stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const waiters: { match: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.match(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
  connection.onNotification(() => undefined);
  connection.onRequest('workspace/configuration', () => [null]);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const initializeResult: InitializeResult = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true, ...workspaceCapabilities }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
    ...(initializationOptions !== undefined ? { initializationOptions } : {}),
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    diagnostics,
    logs,
    initializeResult,
    waitForDiagnostics(match, timeoutMs = 10_000) {
      const seen = diagnostics.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics within ${timeoutMs} ms; got ${JSON.stringify(diagnostics.map((d) => [d.uri, d.version, d.diagnostics.length]))}`)), timeoutMs);
        waiters.push({
          match,
          resolve: (params) => {
            clearTimeout(timer);
            resolve(params);
          },
        });
      });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000))]);
      connection.dispose();
      if (code === 'timeout') {
        child.kill('SIGKILL');
        throw new Error('the server did not exit within 5 s of exit');
      }
      return code;
    },
  };
}

export { ROOT };
