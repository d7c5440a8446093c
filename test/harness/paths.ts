/**
 * Paths the tests share: the repository root, fixtures, the bundles in `dist/` and the corpus.
 */
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const DIST = join(ROOT, 'dist');
export const CLI = join(DIST, 'cli.js');
export const SERVER = join(DIST, 'server.js');

/** Real public templates (copied unmodified with their licences; see test/corpus/README.md). */
export const CORPUS = join(ROOT, 'test', 'corpus');
