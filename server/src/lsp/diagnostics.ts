/**
 * Publishing diagnostics after each analysis: every open template gets the diagnostics of its
 * current version (also when they did not change, so that clients can tell the version is done);
 * a document that stops being a template, or is excluded, gets its old diagnostics cleared once.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Analysis } from '../ide/analysis';
import type { Session } from './session';
import { toDiagnostic } from './to-lsp';

export function registerDiagnostics(session: Session): void {
  /** Documents whose last published diagnostics came from a template. */
  const published = new Set<string>();
  session.onAnalysis((analysis: Analysis | undefined) => {
    const open = new Set<string>();
    for (const document of session.documents.all()) {
      open.add(document.uri);
      const entry = analysis?.files.get(document.uri);
      const isTemplate = entry?.isTemplate === true;
      if (!isTemplate && !published.has(document.uri)) continue;
      const diagnostics: Diagnostic[] = analysis && isTemplate ? analysis.findings.filter((finding) => finding.file === document.uri).map((finding) => toDiagnostic(analysis, finding, document.version)) : [];
      if (isTemplate) published.add(document.uri);
      else published.delete(document.uri);
      void session.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics }).catch(() => undefined);
    }
    for (const uri of [...published]) if (!open.has(uri)) published.delete(uri);
  });
}

/** Clear the diagnostics of a document that was closed. */
export function clearDiagnostics(session: Session, uri: string): void {
  void session.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
}
