/**
 * Document symbols (`ide/symbols.ts`) as LSP `DocumentSymbol`s: sections and resource types as
 * namespaces, resources as objects, parameters as variables, conditions as booleans, mappings as
 * structs and outputs as properties.
 */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import { documentSymbols, type DocumentSymbol as IdeSymbol, type SymbolKind as IdeSymbolKind } from '../ide/symbols';
import type { LineIndex } from '../syntax';
import type { Session } from './session';
import { templateRequest } from './cancellation';

export const DOCUMENT_SYMBOL_CAPABILITY = { label: 'CloudFormation' };

const KINDS: Readonly<Record<IdeSymbolKind, SymbolKind>> = {
  section: SymbolKind.Namespace,
  resourceType: SymbolKind.Class,
  resource: SymbolKind.Object,
  parameter: SymbolKind.Variable,
  condition: SymbolKind.Boolean,
  mapping: SymbolKind.Struct,
  output: SymbolKind.Property,
};

export function registerDocumentSymbols(session: Session): void {
  session.connection.onDocumentSymbol(
    templateRequest(session, 'Document symbols', [] as DocumentSymbol[], (analysis, entry, params: DocumentSymbolParams) =>
      documentSymbols(analysis, params.textDocument.uri).map((symbol) => toLsp(symbol, entry.lines)),
    ),
  );
}

function toLsp(symbol: IdeSymbol, lines: LineIndex): DocumentSymbol {
  return {
    name: symbol.name,
    ...(symbol.detail !== undefined ? { detail: symbol.detail } : {}),
    kind: KINDS[symbol.kind],
    range: lines.rangeAt(symbol.range),
    selectionRange: lines.rangeAt(symbol.selectionRange),
    children: symbol.children.map((child) => toLsp(child, lines)),
  };
}
