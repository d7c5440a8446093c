/**
 * The language server: capabilities, the document lifecycle, settings, and the registration of each
 * feature (diagnostics now; code actions, hovers and more register the same way). Handlers catch
 * everything: a failed request answers empty and logs.
 */
import { DidChangeConfigurationNotification, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult, type ServerCapabilities, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
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
    session.codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
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

  // A notification has no answer to carry an error: one the protocol does not allow is logged and
  // dropped, so that no malformed document reaches the analysis.
  connection.onDidOpenTextDocument((params) => {
    const document = (params as Partial<typeof params> | undefined)?.textDocument;
    if (!document || typeof document.uri !== 'string' || typeof document.text !== 'string' || !Number.isInteger(document.version)) {
      connection.console.warn('Ignored a textDocument/didOpen without a document URI, text and version.');
      return;
    }
    session.documents.open(document.uri, String(document.languageId), document.version, document.text);
    session.schedule();
  });

  connection.onDidChangeTextDocument((params) => {
    const { textDocument, contentChanges } = (params ?? {}) as Partial<typeof params>;
    if (!textDocument || typeof textDocument.uri !== 'string' || !Number.isInteger(textDocument.version) || !Array.isArray(contentChanges) || !contentChanges.every(isContentChange)) {
      connection.console.warn('Ignored a textDocument/didChange without a document URI, a version and well-formed changes.');
      return;
    }
    const outcome = session.documents.change(textDocument.uri, textDocument.version, contentChanges);
    if (outcome === 'applied') session.schedule();
    else connection.console.warn(`Ignored a change to ${textDocument.uri} (${outcome === 'unknown-document' ? 'the document is not open' : 'its version is not newer'}).`);
  });

  connection.onDidCloseTextDocument((params) => {
    const uri: unknown = (params as Partial<typeof params> | undefined)?.textDocument?.uri;
    if (typeof uri !== 'string') return;
    if (session.documents.close(uri)) clearDiagnostics(session, uri);
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

/** A change event as the protocol allows it: the whole text, or a range of it and its new text. */
function isContentChange(change: unknown): change is TextDocumentContentChangeEvent {
  if (!change || typeof change !== 'object') return false;
  const { text, range } = change as { text?: unknown; range?: unknown };
  if (typeof text !== 'string') return false;
  if (range === undefined) return true;
  const isPosition = (position: unknown): boolean => {
    const { line, character } = (position ?? {}) as { line?: unknown; character?: unknown };
    return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
  };
  const { start, end } = (range ?? {}) as { start?: unknown; end?: unknown };
  return isPosition(start) && isPosition(end);
}
