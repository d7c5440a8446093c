/**
 * The language client: starts the bundled server over stdio for YAML, JSON and `*.template` files,
 * shows a status bar item while it analyses, and registers the extension's commands.
 * The server decides which files are CloudFormation templates; other files get no diagnostics.
 */
import * as path from 'node:path';
import { StatusBarAlignment, commands, window, type ExtensionContext, type StatusBarItem } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ANALYSIS_STATUS_NOTIFICATION, REVEAL_BLOCKED_CLIENTS_COMMAND, SETTINGS_SECTION, SHOW_DIAGRAM_COMMAND, type AnalysisStatusParams, type InitializationOptions } from '../../server/src/lsp/protocol';
import { registerDiagramPanel } from './diagram-panel';
import { registerImpact } from './impact';
import { registerLensCommands } from './commands';
import { restartingErrorHandler } from './restarts';

let client: LanguageClient | undefined;
let statusItem: StatusBarItem | undefined;

export async function startClient(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'cloudformation' },
      { scheme: 'file', pattern: '**/*.template' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
    ],
    // No `fileEvents` here: the server registers its own watcher for templates, project, parameter and
    // samconfig files (`workspace/didChangeWatchedFiles`, dynamically), which the client turns into a
    // FileSystemWatcher. A client without dynamic registration would set
    // `fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml,json,template,toml}')` instead.
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions: { clientCommands: [REVEAL_BLOCKED_CLIENTS_COMMAND, SHOW_DIAGRAM_COMMAND] } satisfies InitializationOptions,
    outputChannelName: 'CloudFormation Network Lens',
    errorHandler: restartingErrorHandler(() => client?.outputChannel.show(true)),
  };
  client = new LanguageClient('cfnNetworkLens', 'CloudFormation Network Lens', serverOptions, clientOptions);

  statusItem = window.createStatusBarItem(StatusBarAlignment.Left, 0);
  statusItem.name = 'CloudFormation Network Lens';
  statusItem.command = 'cfnNetworkLens.showOutput';
  context.subscriptions.push(statusItem);

  context.subscriptions.push(
    commands.registerCommand('cfnNetworkLens.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('cfnNetworkLens.showOutput', () => client?.outputChannel.show(true)),
    registerLensCommands(client),
  );

  registerDiagramPanel(context, () => client);
  registerImpact(context, () => client);

  client.onNotification(ANALYSIS_STATUS_NOTIFICATION, (params: AnalysisStatusParams) => {
    if (!statusItem) return;
    if (params.state === 'analysing') {
      statusItem.text = '$(sync~spin) CFN network';
      statusItem.tooltip = 'CloudFormation Network Lens is analysing';
      statusItem.show();
    } else if (params.templates > 0) {
      statusItem.text = '$(globe) CFN network';
      statusItem.tooltip = `CloudFormation Network Lens: ${params.templates} ${params.templates === 1 ? 'template' : 'templates'} analysed`;
      statusItem.show();
    } else {
      statusItem.hide();
    }
  });
  await client.start();
}

export async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
