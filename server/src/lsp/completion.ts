/**
 * Network-aware completion (`ide/completion.ts`) as LSP completion items with text edits. Triggered
 * by typing, and by a space (after `- ` or `: `), `!` and `"`, where a subnet, group, VPC or route
 * table goes; elsewhere it answers nothing fast, and other servers' completions stand.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { completionsAt, type CompletionEntityKind } from '../ide/completion';
import type { Session } from './session';
import { templateRequest } from './cancellation';

export const COMPLETION_CAPABILITY = { triggerCharacters: [' ', '!', '"'], resolveProvider: false };

const KINDS: Readonly<Record<CompletionEntityKind, CompletionItemKind>> = {
  subnet: CompletionItemKind.Reference,
  securityGroup: CompletionItemKind.Reference,
  vpc: CompletionItemKind.Module,
  routeTable: CompletionItemKind.Reference,
};

export function registerCompletion(session: Session): void {
  session.connection.onCompletion(
    templateRequest(session, 'Completion', [] as CompletionItem[], (analysis, entry, params: CompletionParams) =>
      completionsAt(analysis, params.textDocument.uri, entry.lines.offsetAt(params.position)).map(
        (item): CompletionItem => ({
          label: item.label,
          kind: KINDS[item.kind],
          detail: item.detail,
          ...(item.documentation !== undefined ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
          filterText: item.filterText,
          sortText: item.sortText,
          insertTextFormat: InsertTextFormat.PlainText,
          textEdit: { range: entry.lines.rangeAt(item.range), newText: item.insertText },
        }),
      ),
    ),
  );
}
