/**
 * Golden tests of `editsForIntents`: for every case in `edit-cases.ts` the edited fixture must equal
 * its golden file, keep every line it does not need to change byte for byte, parse without errors,
 * use the file's line ending, and hold exactly what the intents ask for.
 */
import { strict as assert } from 'node:assert';
import { extname, join } from 'node:path';
import { parse } from '../../../server/src/syntax';
import { applyEdits, editsForIntents, sortEdits, type TextEdit } from '../../../server/src/ide/edit';
import { expectGolden } from '../../harness/golden';
import { CASES } from './edit-cases';
import { changedOriginalLines, EDIT_FIXTURES, expectedTemplate, loadFixture, toPlain } from './edit-harness';

describe('editsForIntents', () => {
  for (const testCase of CASES) {
    describe(testCase.name, () => {
      const file = loadFixture(testCase.fixture);
      let edits: TextEdit[] = [];
      let output = '';
      before(() => {
        edits = editsForIntents(file, testCase.intents(file));
        output = applyEdits(file.text, edits);
      });

      it('writes the golden text', () => {
        expectGolden(join(EDIT_FIXTURES, `${testCase.name}.expected${extname(testCase.fixture)}`), output);
      });

      it(`keeps all but ${testCase.changedLines} original line(s) byte for byte`, () => {
        const changed = changedOriginalLines(file.text, output);
        assert.equal(changed.length, testCase.changedLines, `changed lines:\n${changed.join('')}`);
      });

      it('returns sorted edits that do not overlap', () => {
        assert.deepEqual(sortEdits(edits), edits);
        for (let index = 1; index < edits.length; index++) {
          assert.ok((edits[index - 1] as TextEdit).range[1] < (edits[index] as TextEdit).range[0], 'edits touch or overlap');
        }
      });

      it('parses without errors', () => {
        assert.deepEqual(parse(output).errors, []);
        if (testCase.fixture.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(output));
      });

      it("uses the file's line ending", () => {
        const crlf = file.text.includes('\r\n');
        if (crlf) assert.doesNotMatch(output, /(^|[^\r])\n/, 'a line ends with LF in a CRLF file');
        else assert.doesNotMatch(output, /\r/, 'a CR in an LF file');
      });

      it('holds what the intents ask for', () => {
        assert.deepStrictEqual(toPlain(parse(output).root), expectedTemplate(file, testCase.intents(file)));
      });
    });
  }
});
