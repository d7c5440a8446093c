/**
 * The network impact of a document's unsaved or uncommitted changes, in the editor: the custom
 * request behind "Show network impact of changes" (a markdown report) and the code lens at the top
 * of a changed template that summarises it. The client reads what the document is compared with
 * (the file at git HEAD, or the saved file; it knows whether the workspace is trusted, and the server
 * never starts processes) and sends it with the request, and for the lens ahead of time with a
 * notification. The server analyses the workspace with the document's text replaced by that base,
 * compares the two analyses (`ide/impact.ts`), and loads `@aws-cdk/cloudformation-diff` for the
 * template diff only when a report is asked for, so that neither start-up nor a lens pays for it.
 */
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver';
import { analyze, type Analysis, type SourceFile } from '../ide/analysis';
import { computeImpact, type NetworkImpact } from '../ide/impact';
import { buildDiffReport } from '../ide/impact-report';
import { impactTitle, renderDiffMarkdown } from '../ide/impact-render';
import { diffTemplates, type TemplateDiffs } from '../ide/template-diff';
import { IMPACT_BASE_NOTIFICATION, IMPACT_REQUEST, SHOW_IMPACT_COMMAND, type ImpactBase, type ImpactBaseParams, type ImpactParams, type ImpactResult } from './protocol';
import { describeError, type Session } from './session';
import { cancellable } from './cancellation';

declare const CFN_NETWORK_LENS_VERSION: string;
const VERSION = typeof CFN_NETWORK_LENS_VERSION === 'string' ? CFN_NETWORK_LENS_VERSION : 'dev';

interface Compared {
  /** The analysis of the documents as they are, which this comparison was made for. */
  readonly after: Analysis;
  readonly baseText: string | null;
  readonly before: Analysis;
  readonly impact: NetworkImpact;
}

interface ImpactState {
  /** What each document is compared with, as the client last said. */
  readonly bases: Map<string, ImpactBase>;
  /** The last comparison per document, reused while neither the documents nor the base change. */
  readonly compared: Map<string, Compared>;
}

/**
 * Per session: the state lives and dies with the session it belongs to, without widening `Session`
 * for one feature.
 */
const states = new WeakMap<Session, ImpactState>();

export function registerImpact(session: Session): void {
  const state: ImpactState = { bases: new Map(), compared: new Map() };
  states.set(session, state);
  session.connection.onNotification(IMPACT_BASE_NOTIFICATION, (params: ImpactBaseParams) => {
    try {
      state.bases.set(params.uri, params.base);
      // Documents closed since are forgotten here rather than in a close handler, which server.ts owns.
      for (const uri of [...state.bases.keys()]) if (session.versionOf(uri) === undefined && uri !== params.uri) state.bases.delete(uri);
      for (const uri of [...state.compared.keys()]) if (!state.bases.has(uri)) state.compared.delete(uri);
      refreshLenses(session);
    } catch (error) {
      session.connection.console.error(`Could not take the base of ${params.uri}: ${describeError(error)}`);
    }
  });
  session.connection.onRequest(IMPACT_REQUEST, cancellable(async (params: ImpactParams): Promise<ImpactResult> => {
    try {
      return await impactReport(session, state, params);
    } catch (error) {
      session.connection.console.error(`The network impact of ${params.uri} failed: ${describeError(error)}`);
      return { title: '', markdown: `# Network impact\n\nThe network impact could not be computed; the output channel of CloudFormation Network Lens has the details.\n`, networkImpact: false, clientsBlocked: 0 };
    }
  }));
}

/**
 * The lens at the top of a template whose text differs from its base: the summary of the impact
 * (`+1 endpoint · private DNS now in 4 subnets · 1 workload blocked`), which opens the report.
 * Empty until the client has sent a base, and for a document equal to it.
 */
export function impactLenses(session: Session, uri: string): CodeLens[] {
  const state = states.get(session);
  const base = state?.bases.get(uri);
  // A document equal to its base changes nothing: no analysis of the base is needed to say so.
  if (!state || !base || base.text === session.documents.get(uri)?.getText()) return [];
  try {
    const compared = compare(session, state, uri, base.text);
    if (!compared) return [];
    const file = compared.impact.files.find((change) => change.file === uri);
    if (!file?.template || file.status === 'unchanged') return [];
    const zero = { line: 0, character: 0 };
    return [{ range: { start: zero, end: zero }, command: { title: impactTitle(compared.impact.summary), command: SHOW_IMPACT_COMMAND, arguments: [uri] } }];
  } catch (error) {
    session.connection.console.error(`The impact lens of ${uri} failed: ${describeError(error)}`);
    return [];
  }
}

/** The two analyses and their impact; undefined when the document is not analysed (analysis off, excluded, closed). */
function compare(session: Session, state: ImpactState, uri: string, baseText: string | null): Compared | undefined {
  const after = session.currentAnalysis();
  if (!after?.files.has(uri)) return undefined;
  const known = state.compared.get(uri);
  if (known && known.after === after && known.baseText === baseText) return known;
  const sources: SourceFile[] = [...after.files.values()].filter((file) => file.file !== uri).map((file) => ({ file: file.file, text: file.text }));
  if (baseText !== null) sources.push({ file: uri, text: baseText });
  // The session's parse cache must keep holding the editor's text, so the base analysis gets a copy of
  // the editor's parses: only the base text is parsed again.
  const before = analyze(sources, { ...after.options, fileCache: new Map(after.files) });
  const compared: Compared = { after, baseText, before, impact: computeImpact(before, after) };
  state.compared.set(uri, compared);
  return compared;
}

async function impactReport(session: Session, state: ImpactState, params: ImpactParams): Promise<ImpactResult> {
  const known = state.bases.get(params.uri);
  state.bases.set(params.uri, params.base);
  if (known?.text !== params.base.text || known?.label !== params.base.label) refreshLenses(session);
  const name = params.name ?? fileName(params.uri);
  const title = `Network impact of changes to ${name}`;
  const compared = compare(session, state, params.uri, params.base.text);
  if (!compared) {
    return { title, markdown: `# ${title}\n\nThe document is not analysed: it is excluded by \`cfnNetworkLens.exclude\`, analysis is off, or it is not open.\n`, networkImpact: false, clientsBlocked: 0 };
  }
  const report = buildDiffReport({
    toolVersion: VERSION,
    base: params.base.label,
    head: 'the editor',
    impact: compared.impact,
    templateDiffs: await templateDiffsOf(session, compared),
    names: () => ({ before: name, after: name }),
  });
  return { title, markdown: renderDiffMarkdown(report, title), networkImpact: compared.impact.summary.networkImpact, clientsBlocked: compared.impact.summary.clientsBlocked };
}

/** Asks the client to ask for code lenses again, now that a base changed. */
function refreshLenses(session: Session): void {
  // Only our VS Code client sends bases, and it supports the refresh; another client would answer with an error, ignored.
  void session.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

/** The template diff, with the library (and the resource specification it reads) loaded on the first report. */
async function templateDiffsOf(session: Session, compared: Compared): Promise<TemplateDiffs | { error: string }> {
  try {
    const library = await import('@aws-cdk/cloudformation-diff');
    return diffTemplates(library, compared.before, compared.after, compared.impact.files);
  } catch (error) {
    session.connection.console.error(`The template diff failed: ${describeError(error)}`);
    return { error: error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error) };
  }
}

/** The last segment of a URI, decoded, for the report's title. */
function fileName(uri: string): string {
  const last = uri.slice(uri.replace(/\/+$/, '').lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
