/**
 * The language server: capabilities, handler registration and the analysis loop. Every change
 * schedules one analysis of the open documents (a newer change supersedes a pending one), and
 * diagnostics are pushed for every document whose findings changed. Handlers catch everything:
 * a failed request answers empty and logs.
 */
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { analyze, type Analysis } from '../ide/analysis';
import { DocumentStore } from './documents';
import { ANALYSIS_STATUS_NOTIFICATION, DEFAULT_SETTINGS, SETTINGS_SECTION, type AnalysisStatusParams, type Settings } from './protocol';
import { isExcludedFile, normaliseSettings } from './settings';
import { toDiagnostic } from './to-lsp';

declare const CFN_NETWORK_LENS_VERSION: string;
const VERSION = typeof CFN_NETWORK_LENS_VERSION === 'string' ? CFN_NETWORK_LENS_VERSION : 'dev';

/** The state of one server: documents, settings and the last analysis. */
class ServerState {
  readonly documents = new DocumentStore();
  settings: Settings = DEFAULT_SETTINGS;
  configurationPull = false;
  analysis: Analysis | undefined;
  /** The document versions the last analysis saw. */
  analysedVersions = new Map<string, number>();
  /** Documents that were last published with template diagnostics. */
  readonly published = new Map<string, string>();
  scheduled: NodeJS.Immediate | undefined;
}

export function startServer(connection: Connection): void {
  const state = new ServerState();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    state.configurationPull = params.capabilities.workspace?.configuration === true;
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings !== undefined) state.settings = normaliseSettings(options.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      },
      serverInfo: { name: 'cfn-network-lens', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (state.configurationPull) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
      void refreshSettings(connection, state);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (state.configurationPull) {
      void refreshSettings(connection, state);
    } else {
      const settings = (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
      state.settings = normaliseSettings(settings);
      schedule(connection, state);
    }
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    state.documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    schedule(connection, state);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const outcome = state.documents.change(textDocument.uri, textDocument.version, contentChanges);
    if (outcome === 'applied') schedule(connection, state);
    else connection.console.warn(`Ignored a change to ${textDocument.uri} (${outcome === 'unknown-document' ? 'the document is not open' : 'its version is not newer'}).`);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    state.documents.close(textDocument.uri);
    if (state.published.has(textDocument.uri)) {
      state.published.delete(textDocument.uri);
      void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }
    schedule(connection, state);
  });

  connection.onShutdown(() => {
    if (state.scheduled) clearImmediate(state.scheduled);
    state.scheduled = undefined;
  });
}

async function refreshSettings(connection: Connection, state: ServerState): Promise<void> {
  try {
    const settings: unknown = await connection.workspace.getConfiguration(SETTINGS_SECTION);
    state.settings = normaliseSettings(settings);
  } catch (error) {
    connection.console.error(`Could not read the settings: ${String(error)}`);
  }
  schedule(connection, state);
}

/** Analyse soon; a change that arrives before then is folded into the same analysis. */
function schedule(connection: Connection, state: ServerState): void {
  if (state.scheduled) return;
  state.scheduled = setImmediate(() => {
    state.scheduled = undefined;
    try {
      runAnalysis(connection, state);
    } catch (error) {
      connection.console.error(`Analysis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  });
}

function runAnalysis(connection: Connection, state: ServerState): void {
  const documents = state.documents.all();
  const status = (params: AnalysisStatusParams) => void connection.sendNotification(ANALYSIS_STATUS_NOTIFICATION, params);
  status({ state: 'analysing', templates: 0 });
  // Excluded documents are left out of the analysis, so they get no diagnostics (old ones are cleared below).
  const analysed = documents.filter((document) => !isExcludedFile(document.uri, state.settings.exclude));
  const analysis = state.settings.enable
    ? analyze(
        analysed.map((document) => ({ file: document.uri, text: document.getText() })),
        {
          severities: state.settings.rules,
          ...(state.settings.region ? { region: state.settings.region } : {}),
          limits: { maxLength: Math.floor(state.settings.maxFileSize * 1024 * 1024) },
          onRuleError: (ruleId, error) => connection.console.error(`Rule ${ruleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
        },
      )
    : undefined;
  state.analysis = analysis;
  state.analysedVersions = new Map(documents.map((document) => [document.uri, document.version]));
  for (const document of documents) {
    const entry = analysis?.files.get(document.uri);
    const diagnostics: Diagnostic[] =
      analysis && entry?.isTemplate ? analysis.findings.filter((finding) => finding.file === document.uri).map((finding) => toDiagnostic(analysis, finding, document.version)) : [];
    // Templates get diagnostics for every version; other files only once, to clear old ones.
    if (!entry?.isTemplate && !state.published.has(document.uri)) continue;
    if (entry?.isTemplate) state.published.set(document.uri, document.uri);
    else state.published.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }
  status({ state: 'idle', templates: analysis ? [...analysis.files.values()].filter((file) => file.isTemplate).length : 0 });
}
