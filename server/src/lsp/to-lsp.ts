/**
 * Conversions from the engine's findings (offsets, file ids) to LSP types. The only place that
 * builds `Diagnostic`s; file ids in the language server are document URIs.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Finding, Severity } from '../rules';
import { lineRangeOf, type Analysis } from '../ide/analysis';
import { ruleDocUrl } from '../ide/docs';
import { DIAGNOSTIC_SOURCE } from './protocol';

export function toDiagnosticSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

/** The data every diagnostic carries, so that code actions can find their finding again. */
export interface DiagnosticData {
  readonly rule: string;
  readonly version: number;
}

export function toDiagnostic(analysis: Analysis, finding: Finding, version: number): Diagnostic {
  const related: DiagnosticRelatedInformation[] = finding.related.map((location) => ({
    location: { uri: location.file, range: lineRangeOf(analysis, location.file, location.range) },
    message: location.message,
  }));
  const data: DiagnosticData = { rule: finding.rule, version };
  return {
    range: lineRangeOf(analysis, finding.file, finding.range),
    severity: toDiagnosticSeverity(finding.severity),
    code: finding.rule,
    codeDescription: { href: ruleDocUrl(finding.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}
