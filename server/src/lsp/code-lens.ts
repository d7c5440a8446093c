/**
 * Code lenses: the impact lens at the top of a changed template (`lsp/impact.ts`), and the private DNS
 * lens above each interface endpoint (`ide/code-lens.ts`), with the
 * command that the VS Code client implements to show the blocked clients. Other editors show the
 * title, which says it all; running the command there does nothing, because the server does not
 * advertise it (VS Code would otherwise claim the command id for the server).
 */
import type { CodeLens, CodeLensParams, Command } from 'vscode-languageserver';
import type { Analysis } from '../ide/analysis';
import { codeLenses, type LensAction } from '../ide/code-lens';
import { impactLenses } from './impact';
import { describeError, type Session } from './session';

/**
 * The command of the private DNS lens; `client/src/commands.ts` registers the same id. Its one
 * argument is a `RevealBlockedClientsArguments`.
 */
export const REVEAL_BLOCKED_CLIENTS_COMMAND = 'cfnNetworkLens.revealBlockedClients';

/** The argument of `REVEAL_BLOCKED_CLIENTS_COMMAND`, in LSP terms (`client/src/commands.ts` reads it). */
export interface RevealBlockedClientsArguments {
  /** The endpoint's document and the position of its logical id, where the references view opens. */
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
  /** The blocked clients (workloads and subnets); empty when none is blocked. */
  readonly locations: readonly { readonly uri: string; readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } } }[];
}

export const CODE_LENS_CAPABILITY = { resolveProvider: false };

export function registerCodeLens(session: Session): void {
  session.connection.onCodeLens((params: CodeLensParams) => {
    try {
      // The impact lens (lsp/impact.ts) first: it sits on the first line and summarises the whole change.
      const impact = impactLenses(session, params.textDocument.uri);
      const analysis = session.currentAnalysis();
      const entry = analysis?.files.get(params.textDocument.uri);
      if (!analysis || !entry?.isTemplate) return impact;
      return [...impact, ...codeLenses(analysis, params.textDocument.uri).map((lens): CodeLens => ({ range: entry.lines.rangeAt(lens.range), command: commandOf(analysis, lens.title, lens.action) }))];
    } catch (error) {
      session.connection.console.error(`Code lenses failed: ${describeError(error)}`);
      return [];
    }
  });
}

function commandOf(analysis: Analysis, title: string, action: LensAction): Command {
  switch (action.kind) {
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
