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
  /** Which files get diagnostics: open files only, or every template of the workspace folders. */
  readonly diagnostics: { readonly scope: DiagnosticsScope };
}

/**
 * `openFiles`: only open documents get diagnostics; `workspace`: every template in the workspace
 * folders does. Either way the analysis reads every template of the workspace to link stacks.
 */
export type DiagnosticsScope = 'openFiles' | 'workspace';

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  region: '',
  maxFileSize: 5,
  exclude: [],
  diagnostics: { scope: 'openFiles' },
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

/**
 * The command of the private DNS lens: the VS Code client opens a peek view at the endpoint with the
 * blocked clients. Its one argument is a `RevealBlockedClientsArguments`.
 */
export const REVEAL_BLOCKED_CLIENTS_COMMAND = 'cfnNetworkLens.revealBlockedClients';

/** The argument of `REVEAL_BLOCKED_CLIENTS_COMMAND`, in LSP terms. */
export interface RevealBlockedClientsArguments {
  /** The endpoint's document and the position of its logical id, where the references view opens. */
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
  /** The blocked clients (workloads and subnets); empty when none is blocked. */
  readonly locations: readonly { readonly uri: string; readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } } }[];
}

/**
 * What a client may pass in `initializationOptions`: its settings, and the ids of the commands it
 * implements, so that code lenses only offer actions that do something in that editor.
 */
export interface InitializationOptions {
  readonly settings?: unknown;
  readonly clientCommands?: readonly string[];
}

/** The command that opens the network diagram; it takes an optional `ShowDiagramArguments`. */
export const SHOW_DIAGRAM_COMMAND = 'cfnNetworkLens.showDiagram';

/** What a caller (a code lens, a link) may pass to `SHOW_DIAGRAM_COMMAND`: the template to draw and a resource to highlight. */
export interface ShowDiagramArguments {
  readonly uri?: string;
  readonly logicalId?: string;
}

/** Asks the server for the network diagram as SVG: the VPCs of one document, or every VPC when none is named or the document has none. */
export const DIAGRAM_REQUEST = 'cfnNetworkLens/diagram';

export interface DiagramParams {
  /** The document whose VPCs to draw; every VPC of the analysis when absent. */
  readonly uri?: string;
}

/** A line and a UTF-16 character, as in LSP. */
export interface DiagramPosition {
  readonly line: number;
  readonly character: number;
}

/** A resource the diagram draws, with the range of its logical id, so that a click can reveal it. */
export interface DiagramResource {
  readonly file: string;
  readonly logicalId: string;
  readonly range: { readonly start: DiagramPosition; readonly end: DiagramPosition };
}

export interface DiagramResult {
  /** The SVG, without a stylesheet: boxes carry `data-file` and `data-logical-id`. */
  readonly svg: string;
  /** The stylesheet for the SVG; its colours are CSS variables (`--cnl-…`) that the view maps to the theme. */
  readonly css: string;
  readonly resources: readonly DiagramResource[];
  /** How many VPCs are drawn. */
  readonly vpcs: number;
  /** Set when there is nothing to draw, saying why. */
  readonly empty?: string;
}

/** Runs in the client: shows the network impact of a document's changes; its optional argument is the document's URI. */
export const SHOW_IMPACT_COMMAND = 'cfnNetworkLens.showImpact';

/** What a document is compared with: its text at git HEAD or on disk, as the client read it. */
export interface ImpactBase {
  /** Null when the file did not exist there (a new file): everything in it is added. */
  readonly text: string | null;
  /** How the report names the base: `git HEAD`, `the saved file`. */
  readonly label: string;
}

/** Asks the server for the network impact of a document's changes against a base the client read. */
export const IMPACT_REQUEST = 'cfnNetworkLens/impact';

export interface ImpactParams {
  readonly uri: string;
  readonly base: ImpactBase;
  /** How the report names the document, such as its path in the workspace; the URI's last segment by default. */
  readonly name?: string;
}

export interface ImpactResult {
  readonly title: string;
  /** The report as a markdown document. */
  readonly markdown: string;
  /** Whether the change alters a DNS name, a client's path or the findings. */
  readonly networkImpact: boolean;
  /** How many clients the change blocks. */
  readonly clientsBlocked: number;
}

/** Tells the server what a document is compared with, so that the impact code lens can show without a request. */
export const IMPACT_BASE_NOTIFICATION = 'cfnNetworkLens/impactBase';

export interface ImpactBaseParams {
  readonly uri: string;
  readonly base: ImpactBase;
}
