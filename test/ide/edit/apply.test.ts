/**
 * `applyEdits` and `composeEdits`: edits apply in any given order, insertions at one offset keep
 * their order, overlaps are rejected, and composing two batches gives the same text as applying
 * them one after the other (checked on random edits).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, composeEdits, type TextEdit } from '../../../server/src/ide/edit';

const edit = (start: number, end: number, newText: string): TextEdit => ({ range: [start, end], newText });

describe('applyEdits', () => {
  it('applies edits given in any order', () => {
    assert.equal(applyEdits('abcdef', [edit(4, 5, 'E'), edit(0, 1, 'A')]), 'AbcdEf');
  });

  it('keeps the given order of insertions at the same offset', () => {
    assert.equal(applyEdits('ab', [edit(1, 1, 'x'), edit(1, 1, 'y')]), 'axyb');
    assert.equal(applyEdits('ab', [edit(1, 1, 'y'), edit(1, 1, 'x')]), 'ayxb');
  });

  it('puts an insertion before a replacement that starts at the same offset', () => {
    assert.equal(applyEdits('abc', [edit(1, 2, 'B'), edit(1, 1, '+')]), 'a+Bc');
  });

  it('accepts edits that only touch', () => {
    assert.equal(applyEdits('abc', [edit(0, 1, 'A'), edit(1, 2, 'B'), edit(2, 2, '!')]), 'AB!c');
  });

  it('rejects overlapping replacements', () => {
    assert.throws(() => applyEdits('abcdef', [edit(0, 3, 'x'), edit(2, 4, 'y')]), /overlap/);
  });

  it('rejects an insertion inside a replaced range', () => {
    assert.throws(() => applyEdits('abcdef', [edit(1, 4, 'x'), edit(2, 2, 'y')]), /overlap/);
  });

  it('rejects ranges outside the text', () => {
    assert.throws(() => applyEdits('abc', [edit(2, 5, 'x')]), RangeError);
    assert.throws(() => applyEdits('abc', [edit(2, 1, 'x')]), RangeError);
  });
});

/** Non-overlapping random edits on a text of `length` characters. */
function editsOn(length: number): fc.Arbitrary<TextEdit[]> {
  return fc
    .array(fc.tuple(fc.nat({ max: length }), fc.nat({ max: 3 }), fc.string({ maxLength: 4 })), { maxLength: 5 })
    .map((raw) => {
      const edits: TextEdit[] = [];
      let floor = 0;
      for (const [start, size, newText] of [...raw].sort((a, b) => a[0] - b[0])) {
        if (start < floor) continue;
        const end = Math.min(length, start + size);
        edits.push(edit(start, end, newText));
        floor = end + 1;
      }
      return edits;
    });
}

describe('composeEdits', () => {
  it('gives the text of applying the batches in turn', () => {
    const scenario = fc.string({ maxLength: 20 }).chain((text) =>
      editsOn(text.length).chain((first) => {
        const middle = applyEdits(text, first);
        return editsOn(middle.length).map((second) => ({ text, first, second }));
      }),
    );
    fc.assert(
      fc.property(scenario, ({ text, first, second }) => {
        const composed = composeEdits(text, first, second);
        assert.equal(applyEdits(text, composed), applyEdits(applyEdits(text, first), second));
        for (let index = 1; index < composed.length; index++) {
          assert.ok((composed[index - 1] as TextEdit).range[1] < (composed[index] as TextEdit).range[0], 'composed edits touch or overlap');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('merges an insertion into the text an earlier edit inserted', () => {
    assert.deepEqual(composeEdits('ab', [edit(1, 1, 'XY')], [edit(2, 2, '-')]), [edit(1, 1, 'X-Y')]);
  });

  it('drops an edit that a later one undoes', () => {
    assert.deepEqual(composeEdits('ab', [edit(1, 1, 'X')], [edit(1, 2, '')]), []);
  });
});
