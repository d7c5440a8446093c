/**
 * The workspace features of the language server: the workspace index with its file and folder
 * events, and the diagnostics that do not belong to an open template: findings of templates that are
 * not open (with `cfnNetworkLens.diagnostics.scope` set to `workspace`), and problems in project,
 * parameter and deployment files (always, since nothing else would show them). Each file's
 * diagnostics are published when they change, and cleared once when they are gone.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { LineIndex } from '../syntax';
import { declaredParameters, type Analysis } from '../ide/analysis';
import type { Finding } from '../rules';
import type { WorkspaceProblem } from '../workspace/parameter-files';
import { undeclaredParameters } from '../workspace/project-setup';
import { DIAGNOSTIC_SOURCE } from './protocol';
import type { Session } from './session';
import { toDiagnostic, toDiagnosticSeverity } from './to-lsp';
import { WorkspaceIndex } from './workspace-index';

/** The code of diagnostics about project, parameter and deployment files. */
export const PROJECT_PROBLEM_CODE = 'project-file';

/** Create the workspace index of a session and publish the diagnostics of files that are not open templates. */
export function registerWorkspace(session: Session): WorkspaceIndex {
  const index = new WorkspaceIndex(session);
  session.workspace = index;
  session.connection.onDidChangeWatchedFiles(({ changes }) => void index.changeFiles(changes));

  /** What was last published for each file this module publishes for, as JSON. */
  const published = new Map<string, string>();
  /** The findings each published file had: unchanged components give the same finding objects, so most files need no conversion. */
  const lastFindings = new Map<string, readonly Finding[]>();
  let readSettings: string | undefined;
  session.onAnalysis((analysis) => {
    // Files that were excluded or too large were never read: read the folders again when those settings change.
    const settings = JSON.stringify([session.settings.exclude, session.settings.maxFileSize]);
    if (readSettings !== undefined && settings !== readSettings) void index.reindex();
    readSettings = settings;

    const open = new Set(session.documents.all().map((document) => document.uri));
    const findings = new Map<string, Finding[]>();
    if (analysis && session.settings.diagnostics.scope === 'workspace') {
      for (const [file, entry] of analysis.files) if (entry.isTemplate && !open.has(file)) findings.set(file, []);
      for (const finding of analysis.findings) findings.get(finding.file)?.push(finding);
    }
    const problems = new Map<string, WorkspaceProblem[]>();
    const { problems: setupProblems, stacks } = session.workspaceProblems;
    const label = (template: string): string => decodeURIComponent(template.slice(template.lastIndexOf('/') + 1));
    for (const problem of [...setupProblems, ...undeclaredParameters(stacks, (file) => declaredParameters(analysis, file), label)]) problems.set(problem.file, [...(problems.get(problem.file) ?? []), problem]);
    const files = new Set([...findings.keys(), ...problems.keys()]);
    for (const file of files) {
      // An open template's findings are published by the diagnostics feature, with its version.
      if (open.has(file) && analysis?.files.get(file)?.isTemplate) {
        published.delete(file);
        lastFindings.delete(file);
        continue;
      }
      const fileFindings = findings.get(file) ?? [];
      const fileProblems = problems.get(file);
      if (!fileProblems && published.has(file) && sameFindings(lastFindings.get(file), fileFindings)) continue;
      const diagnostics = [
        ...(analysis ? fileFindings.map((finding) => toDiagnostic(analysis, finding, 0)) : []),
        ...(fileProblems ?? []).map((problem) => problemDiagnostic(problem, session.workspaceProblems.texts, analysis)),
      ];
      lastFindings.set(file, fileFindings);
      const json = JSON.stringify(diagnostics);
      if (published.get(file) === json) continue;
      published.set(file, json);
      const version = session.versionOf(file);
      void session.connection.sendDiagnostics({ uri: file, ...(version !== undefined ? { version } : {}), diagnostics }).catch(() => undefined);
    }
    for (const file of [...published.keys()]) {
      if (files.has(file)) continue;
      published.delete(file);
      lastFindings.delete(file);
      // A template that was opened gets its diagnostics from the diagnostics feature; do not clear them.
      if (open.has(file) && analysis?.files.get(file)?.isTemplate) continue;
      void session.connection.sendDiagnostics({ uri: file, diagnostics: [] }).catch(() => undefined);
    }
  });
  return index;
}

function sameFindings(a: readonly Finding[] | undefined, b: readonly Finding[]): boolean {
  return a !== undefined && a.length === b.length && a.every((finding, index) => finding === b[index]);
}

function problemDiagnostic(problem: WorkspaceProblem, texts: ReadonlyMap<string, string>, analysis: Analysis | undefined): Diagnostic {
  const lines = analysis?.files.get(problem.file)?.lines ?? new LineIndex(texts.get(problem.file) ?? '');
  return {
    range: lines.rangeAt(problem.range),
    severity: toDiagnosticSeverity(problem.severity),
    code: PROJECT_PROBLEM_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
}
