/**
 * Code lenses: the impact lens at the top of a changed template (`lsp/impact.ts`), and the private DNS
 * lens above each interface endpoint (`ide/code-lens.ts`) with, in editors that can draw it, one that
 * opens the network diagram. The commands are the client's: a client names the ones it implements in
 * `initializationOptions.clientCommands`; for one that names none, only the private DNS lens is sent,
 * whose title says it all even where running it does nothing.
 *
 * An editor asks for a document's lenses again when that document changes, not when another one
 * does; so after an analysis the server compares the lenses it last served for each unchanged open
 * document with what they would be now, and asks a client that supports it to refresh them when they
 * differ (an application stack edited changes the counts above the endpoints of another stack).
 */
import { CodeLensRefreshRequest, type CodeLens, type CodeLensParams, type Command } from 'vscode-languageserver';
import type { Analysis } from '../ide/analysis';
import { codeLenses, type LensAction } from '../ide/code-lens';
import { impactLenses } from './impact';
import { REVEAL_BLOCKED_CLIENTS_COMMAND, SHOW_DIAGRAM_COMMAND, type RevealBlockedClientsArguments, type ShowDiagramArguments } from './protocol';
import { describeError, type Session } from './session';
import { cancellable } from './cancellation';

export const CODE_LENS_CAPABILITY = { resolveProvider: false };

export function registerCodeLens(session: Session): void {
  /**
   * What the last lenses served for each document said, with the document version and the key of the
   * component they were computed from: while that key stays, the lenses cannot have changed.
   */
  const served = new Map<string, { readonly version: number | undefined; readonly component: string | undefined; readonly signature: string }>();
  session.connection.onCodeLens(cancellable((params: CodeLensParams) => {
    const uri = params.textDocument.uri;
    try {
      // The impact lens (lsp/impact.ts) first: it sits on the first line and summarises the whole change.
      const impact = impactLenses(session, uri);
      const analysis = session.currentAnalysis();
      const entry = analysis?.files.get(uri);
      if (!analysis || !entry?.isTemplate) {
        served.delete(uri);
        return impact;
      }
      const all = codeLenses(analysis, uri);
      if (session.codeLensRefresh) served.set(uri, { version: session.versionOf(uri), component: componentKeyOf(analysis, uri), signature: signatureOf([...impact.map((lens) => ({ title: lens.command?.title ?? '' })), ...all]) });
      const lenses = all.filter((lens) => session.clientCommands === undefined ? lens.action.kind === 'revealBlockedClients' : session.clientCommands.has(commandIdOf(lens.action)));
      return [...impact, ...lenses.map((lens): CodeLens => ({ range: entry.lines.rangeAt(lens.range), command: commandOf(analysis, lens.title, lens.action) }))];
    } catch (error) {
      session.connection.console.error(`Code lenses failed: ${describeError(error)}`);
      return [];
    }
  }));
  session.onAnalysis((analysis) => {
    if (!session.codeLensRefresh || !analysis) return;
    for (const [uri, last] of served) {
      const version = session.versionOf(uri);
      if (version === undefined) {
        served.delete(uri);
        continue;
      }
      // The editor asks for a changed document's lenses itself; an unchanged component gives the same lenses.
      const component = componentKeyOf(analysis, uri);
      if (version !== last.version || component === last.component) continue;
      // The impact lens sums up the change over the whole component, so other templates change it too.
      const impact = impactLenses(session, uri).map((lens) => ({ title: lens.command?.title ?? '' }));
      const now = analysis.files.get(uri)?.isTemplate ? signatureOf([...impact, ...codeLenses(analysis, uri)]) : '';
      if (now === last.signature) {
        served.set(uri, { ...last, component });
        continue;
      }
      served.clear();
      void session.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      return;
    }
  });
}

function componentKeyOf(analysis: Analysis, uri: string): string | undefined {
  return analysis.components.find((component) => component.files.includes(uri))?.key;
}

function signatureOf(lenses: readonly { readonly title: string }[]): string {
  return lenses.map((lens) => lens.title).join('\n');
}

/** The client command that carries out a lens action. */
function commandIdOf(action: LensAction): string {
  return action.kind === 'revealBlockedClients' ? REVEAL_BLOCKED_CLIENTS_COMMAND : SHOW_DIAGRAM_COMMAND;
}

function commandOf(analysis: Analysis, title: string, action: LensAction): Command {
  switch (action.kind) {
    case 'showDiagram': {
      const argument: ShowDiagramArguments = { uri: action.endpoint.file, logicalId: action.logicalId };
      return { title, command: SHOW_DIAGRAM_COMMAND, arguments: [argument] };
    }
    case 'revealBlockedClients': {
      const lines = (file: string) => analysis.files.get(file)?.lines;
      const argument: RevealBlockedClientsArguments = {
        uri: action.endpoint.file,
        position: lines(action.endpoint.file)?.positionAt(action.endpoint.range[0]) ?? { line: 0, character: 0 },
        locations: action.locations.flatMap((location) => {
          const index = lines(location.file);
          return index ? [{ uri: location.file, range: index.rangeAt(location.range) }] : [];
        }),
      };
      return { title, command: REVEAL_BLOCKED_CLIENTS_COMMAND, arguments: [argument] };
    }
  }
}
