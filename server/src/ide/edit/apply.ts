/**
 * `applyEdits(text, edits)` and the ordering it relies on. Overlapping edits are a bug in whoever
 * made them, so they are rejected instead of being applied in some order that would corrupt the
 * file. Insertions at the same offset are allowed and keep the order in which they were given.
 */
import type { TextEdit } from './text-edit';

/**
 * Edits sorted by start offset; at the same offset insertions come before a replacement that starts
 * there, and otherwise the given order is kept (the sort is stable).
 */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.range[0] - b.range[0] || rangeLength(a) - rangeLength(b));
}

/**
 * The text after applying `edits`, all given in offsets of `text`.
 * Throws a `RangeError` when two edits overlap or a range lies outside the text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let result = '';
  let position = 0;
  let previous: TextEdit | undefined;
  for (const edit of sorted) {
    const [start, end] = edit.range;
    if (start < 0 || end < start || end > text.length) {
      throw new RangeError(`Edit range [${start}, ${end}) is outside a text of length ${text.length}`);
    }
    // An insertion strictly inside a replaced range overlaps it, as do two ranges that share characters.
    if (previous && start < previous.range[1]) {
      throw new RangeError(`Edits [${previous.range[0]}, ${previous.range[1]}) and [${start}, ${end}) overlap`);
    }
    result += text.slice(position, start) + edit.newText;
    position = end;
    previous = edit;
  }
  return result + text.slice(position);
}

function rangeLength(edit: TextEdit): number {
  return edit.range[1] - edit.range[0];
}
