/**
 * Helpers for tests that run inside VS Code's extension host: the extension under test, files of
 * the workspace copy, and waiting (with a deadline) for the diagnostics the language server pushes.
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'cfn-network-lens.cfn-network-lens';
export const SOURCE = 'cfn-network-lens';
export const WAIT_MS = 30_000;

export function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder: the runner opens a copy of examples/');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Our diagnostics for a document (other extensions may add theirs). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** The rule id of a diagnostic: its `code`, which carries a link to the rule's page. */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/**
 * Resolves with our diagnostics for `uri` as soon as they satisfy `predicate`: now, or on a later
 * diagnostics change event. Rejects after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(uri: vscode.Uri, description: string, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = ourDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const now = ourDiagnostics(uri).map((diagnostic) => `${ruleOf(diagnostic)} ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description} on ${uri.toString()}; diagnostics now: ${JSON.stringify(now)}`));
    }, timeoutMs);
    check();
  });
}

/** The 0-based line of the first line that equals `text` once trimmed, so that tests survive edits to the example. */
export function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.trim() === text) return line;
  throw new Error(`no line "${text}" in ${document.uri.toString()}`);
}
