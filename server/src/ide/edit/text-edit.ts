/**
 * The text edit every quick fix ends as: a half-open range of UTF-16 offsets into the file's text
 * and the text that replaces it. An insertion has an empty range; a deletion has empty text.
 * Edits from one call never overlap, so a client can apply them in any order.
 */
import type { TextRange } from '../../syntax';

export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

export function replaceRange(start: number, end: number, newText: string): TextEdit {
  return { range: [start, end], newText };
}

export function insertAt(offset: number, newText: string): TextEdit {
  return { range: [offset, offset], newText };
}

export function deleteRange(start: number, end: number): TextEdit {
  return { range: [start, end], newText: '' };
}
