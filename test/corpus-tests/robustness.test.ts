/**
 * The reviewed snapshot of the findings on `test/corpus/robustness` (broken, odd and machine-made
 * templates): every file is read without an exception or an internal error, and the findings, one a
 * line (`file rule line:col message`), equal `robustness.findings.txt`. Each finding there was read
 * and explained (docs/robustness.md); rules are still being added, so the snapshot changes, and the
 * failure says how to update it.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, lineRangeOf } from '../../server/src/ide/analysis';
import { INTERNAL_ERROR_RULE } from '../../server/src/rules';
import { expectGolden, UPDATE } from '../harness/golden';
import { CORPUS } from '../harness/paths';

const FOLDER = join(CORPUS, 'robustness');
const SNAPSHOT = join(__dirname, 'robustness.findings.txt');
const UPDATE_COMMAND = 'UPDATE_GOLDEN=1 npx mocha test/corpus-tests/robustness.test.ts';

/** The findings of every robustness file, one a line, in file order and then position order. */
function snapshot(): { lines: string[]; internalErrors: string[] } {
  const lines: string[] = [];
  const internalErrors: string[] = [];
  for (const name of readdirSync(FOLDER).sort()) {
    const analysis = analyzeText(name, readFileSync(join(FOLDER, name), 'utf8'));
    for (const finding of analysis.findings) {
      const start = lineRangeOf(analysis, name, finding.range).start;
      const line = `${name} ${finding.rule} ${start.line + 1}:${start.character + 1} ${finding.message}`;
      if (finding.rule === INTERNAL_ERROR_RULE) internalErrors.push(line);
      lines.push(line);
    }
  }
  return { lines, internalErrors };
}

/** The lines only in `a`, as a multiset difference. */
function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
  return a.filter((line) => {
    const count = counts.get(line) ?? 0;
    if (count > 0) counts.set(line, count - 1);
    return count === 0;
  });
}

describe('robustness corpus', function () {
  this.timeout(120_000);

  it('reads every file without an internal error, and gives the reviewed findings', () => {
    const { lines, internalErrors } = snapshot();
    assert.deepEqual(internalErrors, [], 'no internal-error finding on the robustness corpus');
    const actual = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    if (UPDATE) {
      expectGolden(SNAPSHOT, actual);
      return;
    }
    const expected = readFileSync(SNAPSHOT, 'utf8');
    if (actual === expected) return;
    const expectedLines = expected.split('\n').filter(Boolean);
    const added = missingFrom(lines, expectedLines);
    const removed = missingFrom(expectedLines, lines);
    const show = (prefix: string, items: readonly string[]) => items.slice(0, 30).map((line) => `  ${prefix} ${line}`).concat(items.length > 30 ? [`  … and ${items.length - 30} more`] : []);
    assert.fail(
      [
        `The findings on test/corpus/robustness differ from ${SNAPSHOT} (${added.length} new, ${removed.length} gone${added.length === 0 && removed.length === 0 ? ', only their order changed' : ''}):`,
        ...show('+', added),
        ...show('-', removed),
        `Read each new finding: it must be explainable from the file (see "Snapshot review" in docs/robustness.md).`,
        `Then run ${UPDATE_COMMAND} to update the snapshot, and add a line to the review for a new kind of finding.`,
      ].join('\n'),
    );
  });
});
