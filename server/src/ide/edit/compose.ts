/**
 * Composition of edit batches. Intents are applied one after another, each computed on the text the
 * previous ones produced (so that two intents touching the same map see each other), and this module
 * folds every batch back into edits on the original text: the caller gets one set of non-overlapping
 * edits that yields the same result as applying the batches in turn.
 */
import { applyEdits, sortEdits } from './apply';
import type { TextEdit } from './text-edit';

/**
 * Edits on `original` equivalent to applying `base` (edits on `original`) and then `next`
 * (edits on the text `base` produced). Edits that touch or overlap are merged into one.
 */
export function composeEdits(original: string, base: readonly TextEdit[], next: readonly TextEdit[]): TextEdit[] {
  let result = sortEdits(base);
  // Later edits first, so that composing one never shifts the offsets of those still to come; at the
  // same offset the later-given edit goes first, so that the earlier-given text ends up in front.
  const pending = sortEdits(next).reverse();
  for (const edit of pending) result = composeOne(original, result, edit);
  return result.filter((edit) => original.slice(edit.range[0], edit.range[1]) !== edit.newText);
}

/** Fold one edit, in offsets of the current text, into sorted non-overlapping edits on `original`. */
function composeOne(original: string, edits: readonly TextEdit[], edit: TextEdit): TextEdit[] {
  const [start, end] = edit.range;
  const before: TextEdit[] = [];
  let delta = 0;
  let index = 0;
  // Edits whose new text ends before `start` stay as they are.
  for (; index < edits.length; index++) {
    const current = edits[index] as TextEdit;
    if (current.range[0] + delta + current.newText.length >= start) break;
    before.push(current);
    delta += growth(current);
  }
  const deltaBefore = delta;
  const group: TextEdit[] = [];
  for (; index < edits.length; index++) {
    const current = edits[index] as TextEdit;
    if (current.range[0] + delta > end) break;
    group.push(current);
    delta += growth(current);
  }
  const after = edits.slice(index);
  const first = group[0];
  const last = group[group.length - 1];
  if (first === undefined || last === undefined) {
    const merged: TextEdit = { range: [start - deltaBefore, end - deltaBefore], newText: edit.newText };
    return [...before, merged, ...after];
  }
  // The merged edit spans from the earlier of the new edit and the first touched edit to the later end.
  const firstCurrentStart = first.range[0] + deltaBefore;
  const lastCurrentEnd = last.range[0] + (delta - growth(last)) + last.newText.length;
  const originalStart = start >= firstCurrentStart ? first.range[0] : start - deltaBefore;
  const currentStart = start >= firstCurrentStart ? firstCurrentStart : start;
  const originalEnd = end <= lastCurrentEnd ? last.range[1] : end - delta;
  const shifted = group.map((current) => ({ range: [current.range[0] - originalStart, current.range[1] - originalStart] as const, newText: current.newText }));
  const current = applyEdits(original.slice(originalStart, originalEnd), shifted);
  const newText = current.slice(0, start - currentStart) + edit.newText + current.slice(end - currentStart);
  return [...before, { range: [originalStart, originalEnd], newText }, ...after];
}

function growth(edit: TextEdit): number {
  return edit.newText.length - (edit.range[1] - edit.range[0]);
}
