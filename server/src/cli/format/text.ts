/**
 * The text format: one line per finding, `file:line:col severity rule-id message` (1-based line and
 * column), related locations indented below it, and a summary line.
 */
import type { FindingsReport } from '../../ide/report';
import type { Colors } from './colors';

export function formatText(report: FindingsReport, colors: Colors): string {
  const lines: string[] = [];
  for (const finding of report.findings) {
    const where = `${printable(finding.file)}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
    const severity = finding.severity === 'error' ? colors.red('error') : finding.severity === 'warning' ? colors.yellow('warning') : colors.blue('info');
    lines.push(`${where} ${severity} ${colors.dim(finding.rule)} ${printable(finding.message)}`);
    for (const related of finding.related) {
      lines.push(colors.dim(`    ${printable(related.file)}:${related.range.start.line + 1}:${related.range.start.character + 1} ${printable(related.message)}`));
    }
  }
  lines.push(summary(report, colors));
  return `${lines.join('\n')}\n`;
}

function summary(report: FindingsReport, colors: Colors): string {
  const count = (severity: string) => report.findings.filter((finding) => finding.severity === severity).length;
  const templates = report.files.filter((file) => file.template).length;
  const checked = `${templates} ${templates === 1 ? 'template' : 'templates'} checked`;
  if (report.findings.length === 0) return `No problems found (${checked}).`;
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'info'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`);
  const total = report.findings.length;
  return colors.bold(`${total} ${total === 1 ? 'problem' : 'problems'} (${parts.join(', ')}), ${checked}.`);
}

/**
 * Text from templates (logical ids, names) and file names with control, line-breaking and bidirectional
 * characters written as `\u{…}` escapes: a template must not be able to move the cursor, retitle or
 * recolour the terminal, or reorder what the reader sees.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
}
