/**
 * Writes the caret annotations of a rule fixture from what the rule reports today:
 * `npx tsx scripts/annotate-fixture.ts test/fixtures/rules/<rule-id>/invalid-x.yaml [--write]`.
 * Old annotations of the rule are dropped and new ones inserted under the lines they point at.
 * Read the result before keeping it: the annotations are the test's expectations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { analyzeText } from '../server/src/ide/analysis';
import { fixesFor } from '../server/src/ide/fixes';
import { ruleById } from '../server/src/rules';
import { isAnnotationLine } from '../test/harness/annotations';

const [path, flag] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: npx tsx scripts/annotate-fixture.ts <fixture> [--write]\n');
  process.exit(2);
}
const ruleId = basename(dirname(path));
const rule = ruleById(ruleId);
if (!rule) {
  process.stderr.write(`${ruleId} is not a rule id\n`);
  process.exit(2);
}
const original = readFileSync(path, 'utf8');
const eol = original.includes('\r\n') ? '\r\n' : '\n';
const lines = original.split(/\r?\n/).filter((line) => !isAnnotationLine(line));
// Annotations are comments, which can change how a broken file parses: annotate once, then again
// from the annotated text, so that the result describes the file as the test will read it.
const result = annotate(annotate(lines.join(eol)));
if (flag === '--write') writeFileSync(path, result);
else process.stdout.write(result);

/** The text with the rule's findings as annotations under their lines, and old annotations dropped. */
function annotate(text: string): string {
  const analysis = analyzeText(path as string, text);
  const lineIndex = analysis.files.get(path as string)?.lines;
  const byLine = new Map<number, string[]>();
  for (const finding of analysis.findings.filter((entry) => entry.rule === ruleId)) {
    if (!lineIndex) break;
    const start = lineIndex.positionAt(finding.range[0]);
    const end = lineIndex.positionAt(finding.range[1]);
    const lineLength = lineIndex.lineText(start.line).length;
    const length = Math.max(1, (end.line === start.line ? end.character : lineLength) - start.character);
    if (start.character < 1) process.stderr.write(`warning: finding at column 0 of line ${start.line + 1} cannot be annotated\n`);
    const fix = fixesFor(analysis, finding).length > 0 ? ' (fix)' : '';
    const annotation = `#${' '.repeat(Math.max(0, start.character - 1))}${'^'.repeat(length)} ${finding.severity} ${ruleId}${fix}: ${finding.message}`;
    byLine.set(start.line, [...(byLine.get(start.line) ?? []), annotation]);
  }
  const output: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (isAnnotationLine(line)) return;
    output.push(line, ...(byLine.get(index) ?? []));
  });
  return output.join(eol);
}
