/**
 * Code actions: for each diagnostic of ours in the request, the rule's quick fixes (the preferred one
 * marked `isPreferred`) and "Ignore <rule> for <LogicalId>" / "in this file"; and
 * `source.fixAll.cfn-network-lens`, which applies the preferred fix of every finding in the file.
 * Fixes are computed for the document version the diagnostics were published for: a diagnostic from
 * an older version gets no action, and edits carry the document version so that a client never
 * applies them to another one.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Analysis } from '../ide/analysis';
import { fixesFor, ignoresFor, preferredEdits, type FileEdits } from '../ide/fixes';
import type { Finding } from '../rules';
import { DIAGNOSTIC_SOURCE } from './protocol';
import { describeError, type Session } from './session';
import type { DiagnosticData } from './to-lsp';
import { cancellable } from './cancellation';

/** The kind of our "fix all" source action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cfn-network-lens`;

export const CODE_ACTION_CAPABILITY = { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false };

export function registerCodeActions(session: Session): void {
  session.connection.onCodeAction(cancellable((params) => {
    try {
      return codeActions(session, params);
    } catch (error) {
      session.connection.console.error(`Code actions failed: ${describeError(error)}`);
      return [];
    }
  }));
}

function codeActions(session: Session, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const version = session.versionOf(uri);
  if (version === undefined) return [];
  const analysis = session.currentAnalysis();
  const entry = analysis?.files.get(uri);
  if (!analysis || !entry?.isTemplate) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const data = diagnostic.data as Partial<DiagnosticData> | undefined;
      if (data?.version !== undefined && data.version !== version) continue;
      const finding = findingOf(analysis, uri, diagnostic);
      if (!finding) continue;
      for (const fix of [...fixesFor(analysis, finding), ...ignoresFor(analysis, finding)]) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: workspaceEdit(session, analysis, fix.edits) });
      }
    }
  }
  if (wants(FIX_ALL_KIND) && only !== undefined) {
    const edits = preferredEdits(analysis, analysis.findings.filter((finding) => finding.file === uri));
    if (edits.length > 0) actions.push({ title: 'Fix all CloudFormation network problems with a preferred fix', kind: FIX_ALL_KIND, edit: workspaceEdit(session, analysis, edits) });
  }
  return actions;
}

/** The finding a diagnostic was made from: same rule, same range. */
function findingOf(analysis: Analysis, uri: string, diagnostic: Diagnostic): Finding | undefined {
  const lines = analysis.files.get(uri)?.lines;
  if (!lines) return undefined;
  const start = lines.offsetAt(diagnostic.range.start);
  const end = lines.offsetAt(diagnostic.range.end);
  return analysis.findings.find((finding) => finding.file === uri && finding.rule === diagnostic.code && finding.range[0] === start && finding.range[1] === end);
}

/** A workspace edit with the version of every open document it touches. */
function workspaceEdit(session: Session, analysis: Analysis, files: readonly FileEdits[]): WorkspaceEdit {
  const documentChanges: TextDocumentEdit[] = files.map(({ file, edits }) => {
    const lines = analysis.files.get(file)?.lines;
    return {
      textDocument: { uri: file, version: session.versionOf(file) ?? null },
      edits: edits.map((edit) => ({ range: lines ? lines.rangeAt(edit.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: edit.newText })),
    };
  });
  return { documentChanges };
}

