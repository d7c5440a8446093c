/**
 * What the editor-feature tests share: analysing a text with a `$0` cursor marker, finding an offset
 * by the text around it, and the CloudFormation resource specification, loaded once through the
 * language server's own loader from the package in `node_modules`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/ide/analysis';
import type { ResourceSpec } from '../../server/src/ide/resource-docs';
import { defaultSpecPath, loadResourceSpec } from '../../server/src/lsp/resource-spec';
import { ROOT } from '../harness/paths';

export const CURSOR = '$0';

export interface Cursored {
  readonly text: string;
  readonly offset: number;
}

/** The text without its `$0` marker, and the marker's offset. */
export function withoutCursor(marked: string): Cursored {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error('the text needs exactly one $0 cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

/** Analyse one file (or several) as the editor would. */
export function analyzeFiles(files: readonly { file: string; text: string }[]): Analysis {
  return analyze(files);
}

/** The offset just inside the first occurrence of `needle` (after `skip` characters of it). */
export function offsetOf(text: string, needle: string, skip = 0): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return at + skip;
}

/** A file of the repository's examples. */
export function example(name: string): { file: string; text: string } {
  const file = join(ROOT, 'examples', name);
  return { file, text: readFileSync(file, 'utf8') };
}

let spec: Promise<ResourceSpec> | undefined;

/** The resource specification, loaded once for the whole run. */
export function resourceSpec(): Promise<ResourceSpec> {
  const path = defaultSpecPath();
  if (!path) throw new Error('@aws-cdk/aws-service-spec is not installed');
  spec ??= loadResourceSpec(path);
  return spec;
}
