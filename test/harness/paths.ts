/**
 * Paths the tests share: the repository root, fixtures, the bundles in `dist/` and the corpus.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const DIST = join(ROOT, 'dist');
export const CLI = join(DIST, 'cli.js');
export const SERVER = join(DIST, 'server.js');

/** Real public templates (copied unmodified with their licences; see test/corpus/README.md). */
export const CORPUS = join(ROOT, 'test', 'corpus');

/** The YAML and JSON files below a folder, in a stable order, without fixed goldens (`*.fixed.*`). */
export function templatesUnder(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) return templatesUnder(path);
      return /\.(ya?ml|json)$/.test(entry) && !entry.includes('.fixed.') ? [path] : [];
    });
}
