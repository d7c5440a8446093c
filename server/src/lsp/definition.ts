/**
 * Go to definition (`ide/definition.ts`) as location links, so that the editor underlines the name
 * the request came from and selects the declaration's key.
 */
import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import { definitionAt } from '../ide/definition';
import type { Session } from './session';
import { templateRequest } from './cancellation';

export const DEFINITION_CAPABILITY = true;

export function registerDefinition(session: Session): void {
  session.connection.onDefinition(
    templateRequest(session, 'Go to definition', [] as LocationLink[], (analysis, entry, params: DefinitionParams) =>
      definitionAt(analysis, params.textDocument.uri, entry.lines.offsetAt(params.position)).flatMap((definition): LocationLink[] => {
        const target = analysis.files.get(definition.file)?.lines;
        if (!target) return [];
        return [
          {
            originSelectionRange: entry.lines.rangeAt(definition.originRange),
            targetUri: definition.file,
            targetRange: target.rangeAt(definition.range),
            targetSelectionRange: target.rangeAt(definition.selectionRange),
          },
        ];
      }),
    ),
  );
}
