/**
 * What the language server and the VS Code client share: the settings (one prefix,
 * `cfnNetworkLens`) with their defaults, and the names of custom commands and notifications.
 * The client imports this file for types and constants only.
 */

export type SeveritySetting = 'error' | 'warning' | 'info' | 'off';

export interface Settings {
  /** Analyse templates at all. */
  readonly enable: boolean;
  /** Per-rule severity overrides by rule id. */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** The region templates deploy to; empty when unknown. */
  readonly region: string;
  /** Files larger than this many megabytes are skipped with one info finding. */
  readonly maxFileSize: number;
  /** Glob patterns of files that are never analysed, even when they look like templates. */
  readonly exclude: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  region: '',
  maxFileSize: 5,
  exclude: [],
};

/** The configuration section the server asks the client for. */
export const SETTINGS_SECTION = 'cfnNetworkLens';

/** The source name on every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'cfn-network-lens';

/** Sent by the server while it analyses, so that the client can show a status bar item. */
export const ANALYSIS_STATUS_NOTIFICATION = 'cfnNetworkLens/analysisStatus';

export interface AnalysisStatusParams {
  readonly state: 'analysing' | 'idle';
  /** Templates in the last analysis. */
  readonly templates: number;
}
