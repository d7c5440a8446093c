/**
 * A language client for workspace tests: starts the bundled server over stdio with workspace
 * folders, answers `workspace/configuration` with settings the test can change, accepts dynamic
 * registrations (and records them), and waits for diagnostics with timeouts, never by sleeping.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams, Registration } from 'vscode-languageserver-protocol';
import { CLI, ROOT } from '../harness/paths';

export interface WorkspaceClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly diagnostics: PublishDiagnosticsParams[];
  readonly registrations: Registration[];
  /** The settings `workspace/configuration` answers with; change them and send `didChangeConfiguration`. */
  settings: Record<string, unknown>;
  /** The first diagnostics (received from `from` on, or future) that satisfy `match`. */
  waitForDiagnostics(description: string, match: (params: PublishDiagnosticsParams) => boolean, from?: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Resolves when the server has registered a capability for `method`. */
  waitForRegistration(method: string, timeoutMs?: number): Promise<Registration>;
  stop(): Promise<void>;
}

/** A temporary folder with the given files (relative path → text). */
export function temporaryWorkspace(files: Readonly<Record<string, string>>): string {
  const folder = mkdtempSync(join(tmpdir(), 'cfn-network-lens-workspace-'));
  for (const [name, text] of Object.entries(files)) writeWorkspaceFile(folder, name, text);
  return folder;
}

export function writeWorkspaceFile(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

export function uriOf(folder: string, name: string): string {
  return pathToFileURL(join(folder, name)).href;
}

export async function startWorkspaceServer(folders: readonly string[], settings: Record<string, unknown> = {}): Promise<WorkspaceClient> {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: ROOT, stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics: PublishDiagnosticsParams[] = [];
  const registrations: Registration[] = [];
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const client: WorkspaceClient = {
    connection,
    process: child,
    diagnostics,
    registrations,
    settings,
    waitForDiagnostics(description, match, from = 0, timeoutMs = 15_000) {
      return waitFor(`diagnostics ${description}`, () => diagnostics.slice(from).find(match), timeoutMs, () => JSON.stringify(diagnostics.map((d) => [d.uri.split('/').pop(), d.version, d.diagnostics.map((x) => x.code)])));
    },
    waitForRegistration(method, timeoutMs = 15_000) {
      return waitFor(`a registration of ${method}`, () => registrations.find((registration) => registration.method === method), timeoutMs, () => JSON.stringify(registrations.map((r) => r.method)));
    },
    async stop() {
      await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5_000))]).catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
  function waitFor<T>(description: string, find: () => T | undefined, timeoutMs: number, got: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = find();
        if (found === undefined) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${description} within ${timeoutMs} ms; got ${got()}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  }
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.push(params);
    notify();
  });
  connection.onNotification(() => undefined);
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => client.settings));
  connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
    registrations.push(...params.registrations);
    notify();
    return null;
  });
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folders[0] !== undefined ? pathToFileURL(folders[0]).href : null,
    workspaceFolders: folders.map((folder, index) => ({ uri: pathToFileURL(folder).href, name: `folder${index}` })),
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
  });
  await connection.sendNotification('initialized', {});
  return client;
}
