/**
 * The language server's long-lived state: the open documents, the settings, the last analysis and
 * the parse cache, and the scheduler that folds a burst of changes into one analysis. Feature
 * handlers (diagnostics, code actions, hovers…) read analyses through `currentAnalysis`, which is
 * always computed for the documents' current versions.
 */
import type { Connection } from 'vscode-languageserver';
import { analyze, type Analysis, type FileAnalysis, type SourceFile } from '../ide/analysis';
import { DocumentStore } from './documents';
import { ANALYSIS_STATUS_NOTIFICATION, DEFAULT_SETTINGS, type AnalysisStatusParams, type Settings } from './protocol';
import { isExcludedFile } from './settings';

/** Receives each new analysis, for example to publish diagnostics. */
export type AnalysisListener = (analysis: Analysis | undefined, session: Session) => void;

export class Session {
  readonly documents = new DocumentStore();
  settings: Settings = DEFAULT_SETTINGS;
  /** Whether the client answers `workspace/configuration`. */
  configurationPull = false;
  private analysis: Analysis | undefined;
  /** The sources the last analysis saw, by file, to tell whether it is still current. */
  private analysedTexts = new Map<string, string>();
  private readonly fileCache = new Map<string, FileAnalysis>();
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
    const sources = this.sources();
    if (this.analysis && sameSources(this.analysedTexts, sources)) return this.analysis;
    this.analysis = analyze(sources, {
      severities: this.settings.rules,
      ...(this.settings.region ? { region: this.settings.region } : {}),
      limits: { maxLength: Math.floor(this.settings.maxFileSize * 1024 * 1024) },
      fileCache: this.fileCache,
      onRuleError: (ruleId, error) => this.connection.console.error(`Rule ${ruleId} failed: ${describeError(error)}`),
    });
    this.analysedTexts = new Map(sources.map((source) => [source.file, source.text]));
    return this.analysis;
  }

  private sendStatus(params: AnalysisStatusParams): void {
    void this.connection.sendNotification(ANALYSIS_STATUS_NOTIFICATION, params).catch(() => undefined);
  }

  /** Forget the last analysis, for example after the settings changed. */
  invalidate(): void {
    this.analysis = undefined;
    this.fileCache.clear();
  }

  /** The current version of an open document, if it is open. */
  versionOf(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  /** What the analysis reads: the open documents that no `exclude` pattern keeps out. */
  private sources(): SourceFile[] {
    return this.documents
      .all()
      .filter((document) => !isExcludedFile(document.uri, this.settings.exclude))
      .map((document) => ({ file: document.uri, text: document.getText() }));
  }
}

function sameSources(analysed: ReadonlyMap<string, string>, sources: readonly SourceFile[]): boolean {
  return analysed.size === sources.length && sources.every((source) => analysed.get(source.file) === source.text);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
