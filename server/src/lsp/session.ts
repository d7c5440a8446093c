/**
 * The language server's long-lived state: the open documents, the settings, the last analysis and
 * the parse cache, and the scheduler that folds a burst of changes into one analysis. Feature
 * handlers (diagnostics, code actions, hovers…) read analyses through `currentAnalysis`, which is
 * always computed for the documents' current versions.
 */
import type { Connection } from 'vscode-languageserver';
import { analyze, createComponentCache, type Analysis, type FileAnalysis, type SourceFile } from '../ide/analysis';
import { DocumentStore } from './documents';
import { ANALYSIS_STATUS_NOTIFICATION, DEFAULT_SETTINGS, type AnalysisStatusParams, type Settings } from './protocol';
import { isExcludedFile } from './settings';
import type { WorkspaceAnalysisInputs, WorkspaceIndex } from './workspace-index';

/** Receives each new analysis, for example to publish diagnostics. */
export type AnalysisListener = (analysis: Analysis | undefined, session: Session) => void;

export class Session {
  readonly documents = new DocumentStore();
  settings: Settings = DEFAULT_SETTINGS;
  /** Whether the client answers `workspace/configuration`. */
  configurationPull = false;
  /** The commands the client said it implements; undefined when it said nothing. */
  clientCommands: ReadonlySet<string> | undefined;
  /** Whether the client accepts `workspace/codeLens/refresh`. */
  codeLensRefresh = false;
  private analysis: Analysis | undefined;
  /** The open documents the last analysis saw, by file, to tell whether it is still current. */
  private analysedOpen = new Map<string, string>();
  private readonly fileCache = new Map<string, FileAnalysis>();
  private readonly componentCache = createComponentCache();
  /** The templates and project files of the workspace folders, when the server indexes them. */
  workspace: WorkspaceIndex | undefined;
  /** Problems in project, parameter and deployment files found by the last analysis, with their texts. */
  workspaceProblems: Pick<WorkspaceAnalysisInputs, 'problems' | 'texts' | 'stacks'> = { problems: [], texts: new Map(), stacks: new Map() };
  /** The workspace index version the last analysis saw. */
  private analysedVersion = -1;
  private scheduled: NodeJS.Immediate | undefined;
  private readonly listeners: AnalysisListener[] = [];

  constructor(readonly connection: Connection) {}

  /** Called after every analysis that `schedule` runs. */
  onAnalysis(listener: AnalysisListener): void {
    this.listeners.push(listener);
  }

  /** Analyse soon; changes that arrive before then are folded into the same analysis. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.sendStatus({ state: 'analysing', templates: 0 });
      let analysis: Analysis | undefined;
      try {
        analysis = this.currentAnalysis();
        for (const listener of this.listeners) listener(analysis, this);
      } catch (error) {
        this.connection.console.error(`Analysis failed: ${describeError(error)}`);
      }
      this.sendStatus({ state: 'idle', templates: analysis ? [...analysis.files.values()].filter((file) => file.isTemplate).length : 0 });
    });
  }

  /** Stop pending work; the server is shutting down. */
  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }

  /**
   * The analysis of the documents as they are now, reusing the last one when nothing changed.
   * Undefined when analysis is disabled.
   */
  currentAnalysis(): Analysis | undefined {
    if (!this.settings.enable) {
      this.analysis = undefined;
      return undefined;
    }
    const open = this.openSources();
    const version = this.workspace?.version ?? 0;
    if (this.analysis && this.analysedVersion === version && sameSources(this.analysedOpen, open)) return this.analysis;
    const { sources, options, problems, texts, stacks } = this.sources(open);
    this.analysis = analyze(sources, {
      severities: this.settings.rules,
      ...(this.settings.region ? { region: this.settings.region } : {}),
      ...options,
      limits: { maxLength: Math.floor(this.settings.maxFileSize * 1024 * 1024) },
      fileCache: this.fileCache,
      componentCache: this.componentCache,
      // Only the open documents get diagnostics in openFiles scope: the other components are linked, not checked.
      ...(this.settings.diagnostics.scope === 'openFiles' ? { findingsFor: new Set(open.map((source) => source.file)) } : {}),
      onRuleError: (ruleId, error) => this.connection.console.error(`Rule ${ruleId} failed: ${describeError(error)}`),
    });
    this.workspaceProblems = { problems, texts, stacks };
    this.analysedOpen = new Map(open.map((source) => [source.file, source.text]));
    this.analysedVersion = version;
    return this.analysis;
  }

  private sendStatus(params: AnalysisStatusParams): void {
    void this.connection.sendNotification(ANALYSIS_STATUS_NOTIFICATION, params).catch(() => undefined);
  }

  /** Forget the last analysis, for example after the settings changed. */
  invalidate(): void {
    this.analysis = undefined;
    this.fileCache.clear();
    this.componentCache.entries.clear();
    this.componentCache.used.clear();
  }

  /** The current version of an open document, if it is open. */
  versionOf(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  /** The open documents that no `exclude` pattern keeps out. */
  private openSources(): SourceFile[] {
    return this.documents
      .all()
      .filter((document) => !isExcludedFile(document.uri, this.settings.exclude))
      .map((document) => ({ file: document.uri, text: document.getText() }));
  }

  /**
   * What the analysis reads: the templates of the workspace folders with the open documents in
   * their place, and what the project and parameter files pin; only the open documents when the
   * server does not index the workspace.
   */
  private sources(open: readonly SourceFile[]): WorkspaceAnalysisInputs {
    return this.workspace ? this.workspace.inputs(open) : { sources: open, options: {}, problems: [], texts: new Map(), stacks: new Map() };
  }
}

function sameSources(analysed: ReadonlyMap<string, string>, sources: readonly SourceFile[]): boolean {
  return analysed.size === sources.length && sources.every((source) => analysed.get(source.file) === source.text);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
