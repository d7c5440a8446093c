/**
 * Format-preserving edits for quick fixes: rules say what to change (edit intents), and this module
 * writes it into YAML or JSON as the file's author would have, leaving every other line untouched.
 */
export { editsForIntents, IGNORE_PATH, type EditableFile } from './intents';
export { applyEdits, sortEdits } from './apply';
export { composeEdits } from './compose';
export { detectStyle, type FileStyle } from './style';
export type { TextEdit } from './text-edit';
