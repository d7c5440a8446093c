/**
 * The language server: capabilities, the document lifecycle, settings, and the registration of each
 * feature (diagnostics now; code actions, hovers and more register the same way). Handlers catch
 * everything: a failed request answers empty and logs.
 */
import { DidChangeConfigurationNotification, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult, type ServerCapabilities } from 'vscode-languageserver';
import { CODE_ACTION_CAPABILITY, registerCodeActions } from './code-actions';
import { CODE_LENS_CAPABILITY, registerCodeLens } from './code-lens';
import { COMPLETION_CAPABILITY, registerCompletion } from './completion';
import { DEFINITION_CAPABILITY, registerDefinition } from './definition';
import { registerDiagram } from './diagram';
import { clearDiagnostics, registerDiagnostics } from './diagnostics';
import { SETTINGS_SECTION, type InitializationOptions } from './protocol';
import { HOVER_CAPABILITY, registerHover } from './hover';
import { registerImpact } from './impact';
import { describeError, Session } from './session';
import { normaliseSettings } from './settings';
import { registerWorkspace } from './workspace-features';
import { DOCUMENT_SYMBOL_CAPABILITY, registerDocumentSymbols } from './symbols';

declare const CFN_NETWORK_LENS_VERSION: string;
const VERSION = typeof CFN_NETWORK_LENS_VERSION === 'string' ? CFN_NETWORK_LENS_VERSION : 'dev';

/** What the server can do, feature by feature. */
const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  codeActionProvider: CODE_ACTION_CAPABILITY,
  hoverProvider: HOVER_CAPABILITY,
  codeLensProvider: CODE_LENS_CAPABILITY,
  definitionProvider: DEFINITION_CAPABILITY,
  documentSymbolProvider: DOCUMENT_SYMBOL_CAPABILITY,
  completionProvider: COMPLETION_CAPABILITY,
};

export function startServer(connection: Connection): Session {
  const session = new Session(connection);
  registerDiagnostics(session);
  registerCodeActions(session);
  registerDiagram(session);
  registerHover(session);
  registerCodeLens(session);
  registerImpact(session);
  registerDefinition(session);
  registerDocumentSymbols(session);
  registerCompletion(session);
  const workspace = registerWorkspace(session);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    session.configurationPull = params.capabilities.workspace?.configuration === true;
    const options = params.initializationOptions as InitializationOptions | undefined;
    if (options?.settings !== undefined) session.settings = normaliseSettings(options.settings);
    if (Array.isArray(options?.clientCommands)) session.clientCommands = new Set(options.clientCommands.filter((command): command is string => typeof command === 'string'));
    workspace.initialize(params);
    return { capabilities: CAPABILITIES, serverInfo: { name: 'cfn-network-lens', version: VERSION } };
  });

  connection.onInitialized(() => {
    workspace.start();
    if (!session.configurationPull) return;
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    void refreshSettings(session);
  });

  connection.onDidChangeConfiguration((change) => {
    if (session.configurationPull) {
      void refreshSettings(session);
      return;
    }
    session.settings = normaliseSettings((change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]);
    session.invalidate();
    session.schedule();
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    session.documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    session.schedule();
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const outcome = session.documents.change(textDocument.uri, textDocument.version, contentChanges);
    if (outcome === 'applied') session.schedule();
    else connection.console.warn(`Ignored a change to ${textDocument.uri} (${outcome === 'unknown-document' ? 'the document is not open' : 'its version is not newer'}).`);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    if (session.documents.close(textDocument.uri)) clearDiagnostics(session, textDocument.uri);
    session.schedule();
  });

  connection.onShutdown(() => session.dispose());
  return session;
}

async function refreshSettings(session: Session): Promise<void> {
  try {
    const settings: unknown = await session.connection.workspace.getConfiguration(SETTINGS_SECTION);
    // A client without settings of ours answers null: the initialization options (or defaults) stay.
    if (settings !== null && settings !== undefined) session.settings = normaliseSettings(settings);
  } catch (error) {
    session.connection.console.error(`Could not read the settings: ${describeError(error)}`);
  }
  session.invalidate();
  session.schedule();
}
