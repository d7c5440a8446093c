/**
 * The findings report that the CLI prints as JSON and that CI tooling relies on: files, findings with
 * zero-based line ranges (as LSP counts them), related locations and fixes with their text edits.
 * Invariant: the shape is a contract (`version: 1`); add fields, never rename or remove them.
 */
import type { LineRange } from '../syntax';
import type { Finding, Severity } from '../rules';
import { lineRangeOf, type Analysis } from './analysis';
import { fixesFor } from './fixes';

export interface ReportTextEdit {
  readonly file: string;
  readonly range: LineRange;
  readonly newText: string;
}

export interface ReportFix {
  readonly title: string;
  readonly preferred: boolean;
  readonly edits: readonly ReportTextEdit[];
}

export interface ReportFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly logicalId?: string;
  readonly path: readonly (string | number)[];
  readonly range: LineRange;
  readonly related: readonly { readonly file: string; readonly range: LineRange; readonly logicalId?: string; readonly message: string }[];
  readonly fixes: readonly ReportFix[];
}

export interface FindingsReport {
  readonly version: 1;
  readonly files: readonly { readonly file: string; readonly template: boolean }[];
  readonly findings: readonly ReportFinding[];
}

/** The report of an analysis, in the order of its files; with `withFixes`, each finding carries its fixes. */
export function buildReport(analysis: Analysis, withFixes = false): FindingsReport {
  return {
    version: 1,
    files: [...analysis.files.values()].map((file) => ({ file: file.file, template: file.isTemplate })),
    findings: analysis.findings.map((finding) => toReportFinding(analysis, finding, withFixes)),
  };
}

/** A finding's fixes with their edits in line/character terms. */
export function reportFixes(analysis: Analysis, finding: Finding): ReportFix[] {
  return fixesFor(analysis, finding).map((fix) => ({
    title: fix.title,
    preferred: fix.preferred,
    edits: fix.edits.flatMap(({ file, edits }) => edits.map((edit) => ({ file, range: lineRangeOf(analysis, file, edit.range), newText: edit.newText }))),
  }));
}

export function toReportFinding(analysis: Analysis, finding: Finding, withFixes = false): ReportFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    ...(finding.logicalId !== undefined ? { logicalId: finding.logicalId } : {}),
    path: finding.path,
    range: lineRangeOf(analysis, finding.file, finding.range),
    related: finding.related.map((related) => ({
      file: related.file,
      range: lineRangeOf(analysis, related.file, related.range),
      ...(related.logicalId !== undefined ? { logicalId: related.logicalId } : {}),
      message: related.message,
    })),
    fixes: withFixes ? reportFixes(analysis, finding) : [],
  };
}
