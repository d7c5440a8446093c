/**
 * The open documents with their versions, kept in sync with incremental changes. Changes for a
 * document that is not open, or with a version that is not newer than the one held, are ignored
 * (and reported to the caller) rather than applied to the wrong text.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

export type ChangeOutcome = 'applied' | 'unknown-document' | 'stale-version';

export class DocumentStore {
  private readonly documents = new Map<string, TextDocument>();

  open(uri: string, languageId: string, version: number, text: string): void {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): ChangeOutcome {
    const document = this.documents.get(uri);
    if (!document) return 'unknown-document';
    if (version <= document.version) return 'stale-version';
    this.documents.set(uri, TextDocument.update(document, [...changes], version));
    return 'applied';
  }

  close(uri: string): boolean {
    return this.documents.delete(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return [...this.documents.values()];
  }
}
